// Searcher::related and Searcher::get over the fixture.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

using lupe::Searcher;
using lupe::test::hit_ids;
using lupe::test::search_fixture;

TEST_CASE("Related articles never include the article itself", "[search][related]") {
    Searcher searcher(search_fixture().folder());
    for (const auto& article : search_fixture().articles()) {
        INFO("id " << article.id);
        const auto related = searcher.related(article.id, 100);
        REQUIRE(related);
        const auto ids = hit_ids(*related);
        CHECK(std::find(ids.begin(), ids.end(), article.id) == ids.end());
        CHECK(related->total == ids.size());
    }
}

TEST_CASE("Related articles share the article's subject first", "[search][related]") {
    const std::set<std::string> cluster = {"magdeburg-1", "magdeburg-2", "magdeburg-3", "magdeburg-4"};
    Searcher searcher(search_fixture().folder());
    for (const auto& id : cluster) {
        INFO("id " << id);
        const auto related = searcher.related(id, 10);
        REQUIRE(related);
        const auto ids = hit_ids(*related);
        REQUIRE(ids.size() >= 3);
        std::set<std::string> expected = cluster;
        expected.erase(id);
        CHECK(std::set<std::string>(ids.begin(), ids.begin() + 3) == expected);
    }
}

TEST_CASE("Related honours its limit, capped at 100", "[search][related]") {
    Searcher searcher(search_fixture().folder());
    CHECK(searcher.related("magdeburg-1", 2)->hits.size() == 2);
    const auto capped = searcher.related("magdeburg-1", 1000);
    REQUIRE(capped);
    CHECK(capped->limit == 100);
}

TEST_CASE("Related and get of an unknown id give nothing", "[search][related]") {
    Searcher searcher(search_fixture().folder());
    const auto id = GENERATE(as<std::string>{}, "no-such-id", "", "magdeburg", std::string(300, 'x'));
    INFO("id '" << id << "'");
    CHECK_FALSE(searcher.related(id));
    CHECK_FALSE(searcher.get(id));
}

TEST_CASE("get returns the stored article", "[search]") {
    Searcher searcher(search_fixture().folder());
    for (const auto& expected : search_fixture().articles()) {
        INFO("id " << expected.id);
        const auto article = searcher.get(expected.id);
        REQUIRE(article);
        CHECK(article->id == expected.id);
        CHECK(article->title == expected.title);
        CHECK(article->lead == expected.lead);
        CHECK(article->body == expected.body);
        CHECK(article->source == expected.source);
        CHECK(article->topic == expected.topic);
        CHECK((article->date ? article->date->iso() : "") == expected.date);
    }
}
