// Issue 7, the indexing side: one writer and its lock owner, readers during commits, the
// content-hash skip of unchanged articles.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/IndexPipeline.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

using lupe::Article;
using lupe::DocumentBuilder;
using lupe::IndexLockedError;
using lupe::IndexWriter;
using lupe::IndexWriterOptions;
using lupe::test::TempDir;
namespace fs = std::filesystem;

namespace {

Article article(int n, const std::string& extra = "") {
    Article a;
    a.id = "art-" + std::to_string(n);
    a.title = "Gemeinsamer Bericht Nummer " + std::to_string(n);
    a.body = "Die Kommission berichtet über Halbleiter und Energie. Absatz " + std::to_string(n) +
             " mit Zahlen " + std::to_string(n * 7) + ". " + extra;
    a.source = n % 2 ? "Eulerpool" : "Heise";
    return a;
}

std::string stored_body(const Xapian::Database& db, const std::string& id) {
    const std::string term = lupe::schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return {};
    return lupe::decode_stored_article(db.get_document(*it).get_data()).body;
}

}  // namespace

TEST_CASE("A locked index names the writer that holds it", "[index][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    {
        IndexWriter first(folder);
        CHECK(fs::exists(fs::path(folder) / lupe::kLockInfoFile));
        try {
            IndexWriter second(folder);
            FAIL("second writer opened");
        } catch (const IndexLockedError& e) {
            const std::string message = e.what();
            CHECK_THAT(message, Catch::Contains(folder) && Catch::Contains("locked"));
            CHECK_THAT(message, Catch::Contains("pid " + std::to_string(::getpid())));
            CHECK_THAT(message, Catch::Contains("still running"));
        }
    }
    // The writer has closed: no owner file, and the index opens for writing again.
    CHECK_FALSE(fs::exists(fs::path(folder) / lupe::kLockInfoFile));
    CHECK_NOTHROW(IndexWriter(folder));
}

TEST_CASE("A stale lock owner file from a crashed writer blocks nothing", "[index][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    { IndexWriter create(folder); }
    // As a killed writer leaves it: a pid that does not run (beyond Linux's largest pid).
    lupe::test::write_file(fs::path(folder) / lupe::kLockInfoFile, "pid 2147483600\nhost x\nsince 2020-01-01 00:00:00 UTC\n");
    IndexWriter writer(folder);
    CHECK_THAT(lupe::test::read_file(fs::path(folder) / lupe::kLockInfoFile),
               Catch::Contains("pid " + std::to_string(::getpid())));
}

TEST_CASE("describe_lock_owner tells a dead owner from a live one", "[index][reliability]") {
    TempDir dir;
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    lupe::test::write_file(dir / lupe::kLockInfoFile,
                           std::string("pid 2147483600\nhost ") + host + "\nsince 2020-01-01 00:00:00 UTC\n");
    const std::string dead = lupe::describe_lock_owner(dir.str());
    CHECK_THAT(dead, Catch::Contains("pid 2147483600") && Catch::Contains("not running") &&
                         Catch::Contains("2020-01-01"));
    lupe::test::write_file(dir / lupe::kLockInfoFile,
                           "pid " + std::to_string(::getpid()) + "\nhost " + host + "\nsince x\n");
    CHECK_THAT(lupe::describe_lock_owner(dir.str()), Catch::Contains("still running"));
    fs::remove(dir / lupe::kLockInfoFile);
    CHECK(lupe::describe_lock_owner(dir.str()).empty());
}

TEST_CASE("A reader overtaken by commits reopens and answers from the newest commit", "[index][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    IndexWriter writer(folder, IndexWriterOptions{100});
    for (int n = 0; n < 100; ++n) writer.put(article(n).id, builder.build(article(n)));  // commit 1

    lupe::Searcher searcher(folder);
    Xapian::Database raw(folder);
    // Several commits that rewrite every document: the blocks of the revision both handles
    // opened are reused, so reading it fails ...
    for (int round = 1; round <= 4; ++round) {
        for (int n = 0; n < 100; ++n) {
            const Article a = article(n, "Runde " + std::to_string(round) + ".");
            writer.put(a.id, builder.build(a));
        }
    }
    for (int n = 100; n < 150; ++n) writer.put(article(n).id, builder.build(article(n)));
    writer.commit();
    CHECK_THROWS_AS([&] {
        for (Xapian::docid id = 1; id <= raw.get_lastdocid(); ++id) (void)raw.get_document(id).get_data();
        for (auto t = raw.allterms_begin(); t != raw.allterms_end(); ++t) (void)raw.postlist_begin(*t);
    }(), Xapian::DatabaseModifiedError);

    // ... while the Searcher, without being told, reopens and answers from the newest commit.
    lupe::SearchRequest request;
    request.query = "Kommission";
    request.exact_total = true;
    const auto result = searcher.search(request);
    CHECK(result.total == 150);
    const auto stored = searcher.get("art-3");
    REQUIRE(stored);
    CHECK_THAT(stored->body, Catch::Contains("Runde 4."));
}

TEST_CASE("Searches while the indexer commits never fail and see only committed states", "[index][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    constexpr int kBatch = 40;
    constexpr int kBatches = 12;
    { IndexWriter create(folder); }  // readers open an existing (empty) index

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::atomic<int> searches{0};
    std::vector<std::string> problems(2);
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&, r] {
            try {
                lupe::Searcher searcher(folder);
                std::uint64_t last = 0;
                while (!done) {
                    searcher.reopen();  // as every HTTP request does
                    lupe::SearchRequest request;
                    request.query = "Gemeinsamer Bericht";
                    if (r == 1) request.facets = {lupe::Facet::Source};
                    else request.exact_total = true;
                    const auto result = searcher.search(request);
                    // Commits come every kBatch / 2 articles: any other total is a torn state.
                    if (result.total % (kBatch / 2) != 0 || result.total < last) {
                        problems[r] = "total " + std::to_string(result.total) + " after " + std::to_string(last);
                        ++failures;
                        return;
                    }
                    last = result.total;
                    if (result.total > 0) (void)searcher.get("art-0");
                    ++searches;
                }
            } catch (const std::exception& e) {
                problems[r] = e.what();
                ++failures;
            }
        });
    }
    {
        // The first commit adds kBatch articles, every later one kBatch / 2 new articles and
        // kBatch / 2 replacements (commits that rewrite what readers are reading): committed
        // totals are multiples of kBatch / 2.
        DocumentBuilder builder;
        IndexWriter writer(folder, IndexWriterOptions{kBatch});
        int next = 0;
        for (int n = 0; n < kBatch; ++n, ++next) writer.put(article(next).id, builder.build(article(next)));
        for (int b = 1; b < kBatches; ++b) {
            for (int i = 0; i < kBatch / 2; ++i, ++next) {
                writer.put(article(next).id, builder.build(article(next)));
                const Article old = article(i + b, "Ersetzt in Runde " + std::to_string(b) + ".");
                writer.put(old.id, builder.build(old));
            }
        }
        writer.commit();
    }
    // Let the readers see the final state at least once.
    const int seen = searches.load();
    while (searches.load() < seen + 4 && failures == 0) std::this_thread::yield();
    done = true;
    for (auto& t : readers) t.join();
    INFO(problems[0] << " | " << problems[1]);
    CHECK(failures == 0);
    CHECK(searches > 0);
    CHECK(lupe::open_index_for_reading(folder).get_doccount() == kBatch + (kBatches - 1) * kBatch / 2);
}

TEST_CASE("Re-running add skips unchanged articles and still applies later changes of one id", "[index][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    auto line = [](const std::string& id, const std::string& body) {
        return R"({"id":")" + id + R"(","title":"Titel )" + id + R"(","body":")" + body + "\"}\n";
    };
    lupe::test::write_file(dir / "one.jsonl", line("a", "Erste Fassung.") + line("b", "Bleibt gleich."));
    lupe::IndexPipelineOptions options;
    options.folder = folder;
    options.threads = 2;
    auto first = lupe::index_inputs({(dir / "one.jsonl").string()}, options);
    CHECK(first.added == 2);

    // Unchanged input: nothing analysed anew, nothing written.
    auto again = lupe::index_inputs({(dir / "one.jsonl").string()}, options);
    CHECK(again.unchanged == 2);
    CHECK(again.added + again.replaced == 0);

    // "a" changes and changes back within one run: the analysis threads see the old, equal
    // hash for the last line, but the writer holds the new text by then and must write it.
    lupe::test::write_file(dir / "two.jsonl",
                           line("a", "Zweite Fassung.") + line("b", "Bleibt gleich.") + line("a", "Erste Fassung."));
    options.batch_articles = 1;  // each line its own batch, so the lines meet the writer in turn
    auto mixed = lupe::index_inputs({(dir / "two.jsonl").string()}, options);
    CHECK(mixed.replaced == 2);
    CHECK(mixed.unchanged == 1);
    const Xapian::Database db = lupe::open_index_for_reading(folder);
    CHECK(db.get_doccount() == 2);
    CHECK(stored_body(db, "a") == "Erste Fassung.");
}
