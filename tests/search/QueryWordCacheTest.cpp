// QueryWordCache and SharedSpellings: spelling suggestions remembered per revision, and
// shared between the caches of several threads.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "search/QueryWordCache.h"
#include "support/TestSupport.h"

using lupe::QueryWordCache;
using lupe::SharedSpellings;

namespace {

// A database whose spelling table suggests `suggestion` for "klimagesez".
Xapian::Database spelling_db(const lupe::test::TempDir& dir, const std::string& name, const std::string& suggestion) {
    const std::string path = (dir.path() / name).string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
        db.add_spelling(suggestion, 5);
        db.commit();
    }
    return Xapian::Database(path);
}

}  // namespace

TEST_CASE("SharedSpellings finds an entry only at the revision it was learnt at", "[search]") {
    SharedSpellings shared;
    CHECK_FALSE(shared.find(7, "klimagesez"));
    shared.put(7, "klimagesez", "klimagesetz");
    REQUIRE(shared.find(7, "klimagesez"));
    CHECK(*shared.find(7, "klimagesez") == "klimagesetz");
    CHECK_FALSE(shared.find(8, "klimagesez"));
    shared.put(7, "ukrane", "");  // "no suggestion" is an answer too
    REQUIRE(shared.find(7, "ukrane"));
    CHECK(shared.find(7, "ukrane")->empty());
}

TEST_CASE("QueryWordCache asks Xapian once per word, and shares answers of the same revision", "[search]") {
    lupe::test::TempDir dir;
    const Xapian::Database first = spelling_db(dir, "a", "klimagesetz");
    const Xapian::Database second = spelling_db(dir, "b", "klimagesetze");
    REQUIRE(first.get_spelling_suggestion("klimagesez") == "klimagesetz");
    REQUIRE(second.get_spelling_suggestion("klimagesez") == "klimagesetze");

    auto shared = std::make_shared<SharedSpellings>();
    QueryWordCache one(16, shared);
    QueryWordCache other(16, shared);
    one.clear(3);
    other.clear(3);
    CHECK(one.spelling(first, "klimagesez") == "klimagesetz");
    // The other cache finds the answer learnt at revision 3 and does not ask its database
    // (whose table would answer differently: that is how the test sees it).
    CHECK(other.spelling(second, "klimagesez") == "klimagesetz");

    SECTION("another revision asks the database again") {
        other.clear(4);
        CHECK(other.spelling(second, "klimagesez") == "klimagesetze");
    }
    SECTION("an unknown revision shares nothing") {
        other.clear(std::nullopt);
        CHECK(other.spelling(second, "klimagesez") == "klimagesetze");
    }
    SECTION("without a shared table each cache asks its own database") {
        QueryWordCache alone(16);
        alone.clear(3);
        CHECK(alone.spelling(second, "klimagesez") == "klimagesetze");
    }
}

TEST_CASE("SharedSpellings is safe to use from several threads at once", "[search]") {
    SharedSpellings shared(64);  // small: entries are evicted while others are read
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&shared, &wrong] {
            for (int i = 0; i < 2000; ++i) {
                const std::string word = "w" + std::to_string(i % 100);
                if (const auto known = shared.find(1, word); known && *known != word + "!") ++wrong;
                shared.put(1, word, word + "!");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(wrong == 0);
    CHECK(shared.find(1, "w99").value_or("") == "w99!");
}
