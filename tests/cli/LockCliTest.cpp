// A second writer on an index: lupe-index add and delete fail at once, name the writer that
// holds the lock, and change nothing.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <string>

#include <xapian.h>

#include "cli/CommandLine.h"
#include "index/DocumentBuilder.h"
#include "index/IndexWriter.h"
#include "support/TestSupport.h"

using lupe::test::TempDir;
namespace test = lupe::test;

TEST_CASE("lupe-index on an index another writer holds fails at once and names it", "[cli][reliability]") {
    TempDir dir;
    const std::string index = (dir / "index").string();
    test::write_file(dir / "a.jsonl", R"({"id":"a","title":"Erster Artikel","body":"Text über Halbleiter."})" "\n");
    test::write_file(dir / "b.jsonl", R"({"id":"b","title":"Zweiter Artikel","body":"Text über Energie."})" "\n");
    REQUIRE(test::run({test::index_bin(), "add", "--index", index, "--quiet", (dir / "a.jsonl").string()}).status ==
            lupe::cli::kOk);
    const Xapian::rev before = Xapian::Database(index).get_revision();
    {
        lupe::IndexWriter holder(index);  // this process holds the lock
        const std::string pid = "pid " + std::to_string(::getpid());
        const auto add = test::run({test::index_bin(), "add", "--index", index, "--quiet", (dir / "b.jsonl").string()});
        INFO(add.err);
        CHECK(add.status == lupe::cli::kFailure);
        CHECK_THAT(add.err, Catch::Contains("locked by another writer") && Catch::Contains(pid) &&
                                Catch::Contains("still running"));
        const auto del = test::run({test::index_bin(), "delete", "--index", index, "a"});
        CHECK(del.status == lupe::cli::kFailure);
        CHECK_THAT(del.err, Catch::Contains(pid));
        // Readers are not blocked.
        CHECK(test::run({test::index_bin(), "stats", "--index", index}).status == lupe::cli::kOk);
    }
    const Xapian::Database db(index);
    CHECK(db.get_revision() == before);
    CHECK(db.get_doccount() == 1);
    CHECK(db.term_exists("Qa"));
    CHECK_FALSE(db.term_exists("Qb"));
}
