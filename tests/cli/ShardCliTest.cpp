// lupe-index add --shards as a user runs it: layout, replace, delete, stats, search, and an
// interrupted run.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "cli/CommandLine.h"
#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "support/TestSupport.h"

using lupe::test::CommandResult;
using lupe::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;
namespace test = lupe::test;

namespace {

CommandResult lupe_index(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), test::index_bin());
    return test::run(args, input);
}

std::string jsonl_article(int i, const std::string& body) {
    return json{{"id", "art-" + std::to_string(i)},
                {"title", "Meldung " + std::to_string(i)},
                {"body", body},
                {"source", i % 2 ? "Morgenpost" : "Tagblatt"},
                {"date", "2024-05-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1)}}
               .dump() +
           "\n";
}

std::string corpus(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += jsonl_article(i, "Der Stadtrat beriet über die Brücke Nummer " + std::to_string(i) +
                                    " und den Haushalt.");
    }
    return out;
}

}  // namespace

TEST_CASE("lupe-index add --shards writes shards that replace, delete and stats reach", "[cli][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    auto added = lupe_index({"add", "--index", folder, "--shards", "3", "--json", "-q", "-"}, corpus(40));
    INFO(added.err);
    REQUIRE(added.status == lupe::cli::kOk);
    CHECK(json::parse(added.out).at("documents") == 40);
    CHECK(test::read_file(dir / "index/XAPIANDB") == "auto shard-0\nauto shard-1\nauto shard-2\n");
    for (int k = 0; k < 3; ++k) CHECK(fs::exists(dir / ("index/shard-" + std::to_string(k)) / "iamglass"));

    // Adding again keeps the shard count; replacing reaches the article's shard.
    added = lupe_index({"add", "--index", folder, "--json", "-q", "-"},
                       jsonl_article(5, "Ganz neuer Text über den Flughafen.") + jsonl_article(6, "Der Stadtrat beriet über die Brücke Nummer 6 und den Haushalt."));
    REQUIRE(added.status == lupe::cli::kOk);
    const json summary = json::parse(added.out);
    CHECK(summary.at("replaced") == 1);
    CHECK(summary.at("unchanged") == 1);
    CHECK(summary.at("documents") == 40);

    const auto wrong = lupe_index({"add", "--index", folder, "--shards", "2", "-q", "-"}, jsonl_article(99, "x"));
    CHECK(wrong.status == lupe::cli::kFailure);
    CHECK_THAT(wrong.err, Catch::Contains("has 3 shards, not 2"));

    const auto deleted = lupe_index({"delete", "--index", folder, "--json", "art-5", "art-7", "art-unbekannt"});
    CHECK(deleted.status == lupe::cli::kPartial);
    CHECK(json::parse(deleted.out).at("documents") == 38);

    const auto stats = lupe_index({"stats", "--index", folder, "--json"});
    REQUIRE(stats.status == lupe::cli::kOk);
    const json s = json::parse(stats.out);
    CHECK(s.at("documents") == 38);
    // Each shard's own revision (a combined database has none), summed for the index.
    REQUIRE(s.at("shards").size() == 3);
    std::uint64_t revisions = 0;
    for (const auto& shard : s.at("shards")) {
        CHECK(shard.at("revision").get<std::uint64_t>() >= 1);
        revisions += shard.at("revision").get<std::uint64_t>();
    }
    CHECK(s.at("revision") == revisions);
    CHECK(s.at("shards")[0].at("shard") == "shard-0");
    // Odd ids are Morgenpost: art-5 and art-7 were deleted.
    CHECK(s.at("sources") == json::parse(R"([{"value": "Tagblatt", "count": 20},
                                             {"value": "Morgenpost", "count": 18}])"));

    const Xapian::Database db(folder);  // Xapian itself opens the folder through XAPIANDB
    CHECK(db.get_doccount() == 38);
    CHECK_FALSE(db.term_exists("Qart-5"));
    CHECK(db.term_exists("Qart-6"));

#ifdef LUPE_SEARCH_BIN
    const auto found = test::run({test::search_bin(), "query", "--index", folder, "--json", "Flughafen"});
    INFO(found.err);
    REQUIRE(found.status == lupe::cli::kOk);
    CHECK(json::parse(found.out).at("total") == 0);  // art-5 was deleted
    const auto all = test::run({test::search_bin(), "query", "--index", folder, "--json", "Brücke"});
    REQUIRE(all.status == lupe::cli::kOk);
    CHECK(json::parse(all.out).at("total") == 38);  // every article left holds the word
#endif
}

TEST_CASE("A killed lupe-index add --shards leaves only whole articles", "[cli][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const int kArticles = 1500;  // several batches of 256, so commits happen before the kill
    int to_child[2];
    REQUIRE(pipe(to_child) == 0);
    const std::string bin = test::index_bin();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(to_child[0], 0);
        close(to_child[0]);
        close(to_child[1]);
        execl(bin.c_str(), bin.c_str(), "add", "--index", folder.c_str(), "--shards", "2",
              "--commit-every", "5", "-q", "-", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(to_child[0]);
    const std::string input = corpus(kArticles);
    std::size_t written = 0;
    while (written < input.size()) {  // the pipe takes what the indexer reads; stdin stays open
        const ssize_t n = write(to_child[1], input.data() + written, input.size() - written);
        REQUIRE(n > 0);
        written += static_cast<std::size_t>(n);
    }
    // Wait until some articles are committed (or give up after a long while), then kill.
    Xapian::doccount committed = 0;
    for (int tries = 0; tries < 6000 && committed == 0; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        try {
            if (lupe::shard_count(folder) == 2) committed = Xapian::Database(folder).get_doccount();
        } catch (const Xapian::Error&) {
        }
    }
    kill(pid, SIGKILL);
    close(to_child[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(committed > 0);

    const Xapian::Database db = lupe::open_index_for_reading(folder);
    CHECK(db.get_doccount() >= committed);
    lupe::DocumentBuilder builder;
    std::set<std::string> ids;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        const lupe::Article stored = lupe::decode_stored_article(doc.get_data());
        INFO("id " << stored.id);
        CHECK(ids.insert(stored.id).second);
        CHECK(db.get_termfreq(lupe::schema::id_term(stored.id)) == 1);
        // Whole: the document holds exactly the terms a fresh build of its article has, plus
        // the one cluster term the writer gives it (index/ClusterAssigner.h).
        const Xapian::Document fresh = builder.build(stored);
        std::vector<std::string> have;
        std::size_t cluster_terms = 0;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            if ((*t).rfind(lupe::schema::kClusterPrefix, 0) == 0) ++cluster_terms;
            else have.push_back(*t);
        }
        std::vector<std::string> want(fresh.termlist_begin(), fresh.termlist_end());
        CHECK(have == want);
        CHECK(cluster_terms == 1);
        CHECK(!doc.get_value(lupe::schema::kClusterSlot).empty());
    }
    CHECK(ids.size() == db.get_doccount());
}

TEST_CASE("lupe-index add --shards clusters copies across shards unless --no-cross-shard-copies",
          "[cli][shards][neardup]") {
    TempDir dir;
    // The demo corpus's three copies of one agency story: with two shards, lupe-demo-0028 goes
    // to shard 0, lupe-demo-0027 and lupe-demo-0029 to shard 1.
    const std::string articles = (test::source_dir() / "corpus/articles.jsonl").string();
    REQUIRE(lupe::shard_of("lupe-demo-0027", 2) != lupe::shard_of("lupe-demo-0028", 2));
    const auto keys_of = [&](const fs::path& folder) {
        const Xapian::Database db = lupe::open_index_for_reading(folder.string());
        std::vector<std::string> keys;
        for (const char* id : {"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"}) {
            const std::string term = lupe::schema::id_term(id);
            REQUIRE(db.postlist_begin(term) != db.postlist_end(term));
            keys.push_back(db.get_document(*db.postlist_begin(term)).get_value(lupe::schema::kClusterSlot));
        }
        return keys;
    };

    const auto joined = lupe_index({"add", "--index", (dir / "default").string(), "--shards", "2", "-q", articles});
    REQUIRE(joined.status == 0);
    const auto together = keys_of(dir / "default");
    CHECK(together[1] == together[0]);
    CHECK(together[2] == together[0]);

    const auto kept = lupe_index(
        {"add", "--index", (dir / "apart").string(), "--shards", "2", "--no-cross-shard-copies", "-q", articles});
    REQUIRE(kept.status == 0);
    const auto apart = keys_of(dir / "apart");
    CHECK(apart[1] != apart[0]);  // lupe-demo-0028, alone in shard 0
    CHECK(apart[2] == apart[0]);  // its shard's writer found the other copy
}
