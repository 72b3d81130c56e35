// Near-duplicates end to end: clusters assigned while indexing the demo corpus's JSONL part
// (three copies of one agency story in three sources, lupe-demo-0027..0029, among 26 other
// articles), then collapsed searches, Searcher::similar, and the cluster keys after
// re-indexing, replacing and deleting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/IndexPipeline.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "search/FixtureIndex.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::hit_id_set;
using lupe::test::hit_ids;
using lupe::test::TempDir;

namespace {

const std::set<std::string> kCopies = {"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"};

std::string corpus_jsonl() { return (lupe::test::source_dir() / "corpus/articles.jsonl").string(); }

// `batch` articles per analysis batch: with 1, every copy meets the others in the committed
// part of the writer's database, with a large batch within one uncommitted batch.
std::string build_index(const TempDir& dir, std::size_t batch) {
    lupe::IndexPipelineOptions options;
    options.folder = (dir / "index").string();
    options.threads = 2;
    options.batch_articles = batch;
    options.commit_every = batch;
    lupe::index_inputs({corpus_jsonl()}, options);
    return options.folder;
}

std::string cluster_of(const Xapian::Database& db, const std::string& id) {
    const std::string term = lupe::schema::id_term(id);
    auto it = db.postlist_begin(term);
    REQUIRE(it != db.postlist_end(term));
    return db.get_document(*it).get_value(lupe::schema::kClusterSlot);
}

SearchRequest request(const std::string& query, bool collapse) {
    SearchRequest r;
    r.query = query;
    r.collapse = collapse;
    r.limit = 100;
    r.facets = {lupe::Facet::Source, lupe::Facet::Topic, lupe::Facet::Month};
    return r;
}

}  // namespace

TEST_CASE("Copies of one story share a cluster key, every other article has its own", "[search][neardup]") {
    const std::size_t batch = GENERATE(1, 256);
    INFO("batch " << batch);
    TempDir dir;
    const Xapian::Database db(build_index(dir, batch));
    std::set<std::string> keys;
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const std::string key = db.get_document(*it).get_value(lupe::schema::kClusterSlot);
        CHECK(key.size() == 16);
        keys.insert(key);
    }
    CHECK(keys.size() == db.get_doccount() - 2);
    const std::string key = cluster_of(db, "lupe-demo-0027");
    CHECK(cluster_of(db, "lupe-demo-0028") == key);
    CHECK(cluster_of(db, "lupe-demo-0029") == key);
    CHECK(db.get_termfreq(std::string(lupe::schema::kClusterPrefix) + key) == 3);
}

TEST_CASE("A collapsed search shows one copy with the others counted; facets still count all", "[search][neardup]") {
    TempDir dir;
    Searcher searcher(build_index(dir, 256));
    for (const std::string query : {"Apfelernte Bodensee", ""}) {
        INFO("query '" << query << "'");
        const auto plain = searcher.search(request(query, false));
        const auto collapsed = searcher.search(request(query, true));
        const auto plain_ids = hit_id_set(plain);
        CHECK(std::includes(plain_ids.begin(), plain_ids.end(), kCopies.begin(), kCopies.end()));
        CHECK(plain.total == plain.hits.size());
        CHECK(plain.articles == plain.total);

        CHECK(collapsed.total == plain.total - 2);
        CHECK(collapsed.articles == plain.total);
        CHECK(collapsed.hits.size() == collapsed.total);
        std::size_t shown = 0;
        for (const auto& hit : collapsed.hits) {
            CHECK(plain_ids.count(hit.id) == 1);
            if (kCopies.count(hit.id)) {
                ++shown;
                CHECK(hit.similar == 2);
            } else {
                CHECK(hit.similar == 0);
            }
        }
        CHECK(shown == 1);
        REQUIRE(collapsed.facets.size() == plain.facets.size());
        for (std::size_t f = 0; f < plain.facets.size(); ++f) {
            REQUIRE(collapsed.facets[f].counts.size() == plain.facets[f].counts.size());
            for (std::size_t i = 0; i < plain.facets[f].counts.size(); ++i) {
                CHECK(collapsed.facets[f].counts[i].value == plain.facets[f].counts[i].value);
                CHECK(collapsed.facets[f].counts[i].count == plain.facets[f].counts[i].count);
            }
        }
    }
}

TEST_CASE("Collapsed pages neither repeat nor skip a story", "[search][neardup]") {
    TempDir dir;
    Searcher searcher(build_index(dir, 256));
    auto r = request("", true);
    const auto all = searcher.search(r);
    std::vector<std::string> paged;
    r.limit = 4;
    for (r.offset = 0; r.offset < all.total + 4; r.offset += 4) {
        const auto page = searcher.search(r);
        CHECK(page.total == all.total);
        for (const auto& id : hit_ids(page)) paged.push_back(id);
    }
    CHECK(paged == hit_ids(all));
}

TEST_CASE("Searcher::similar lists the other copies, and only them", "[search][neardup]") {
    TempDir dir;
    Searcher searcher(build_index(dir, 256));
    for (const auto& id : kCopies) {
        INFO(id);
        const auto similar = searcher.similar(id);
        REQUIRE(similar);
        std::set<std::string> expected = kCopies;
        expected.erase(id);
        CHECK(hit_id_set(*similar) == expected);
        CHECK(similar->total == 2);
        CHECK(similar->query == "similar:" + id);
    }
    const auto single = searcher.similar("lupe-demo-0001");
    REQUIRE(single);
    CHECK(single->hits.empty());
    CHECK(single->total == 0);
    CHECK_FALSE(searcher.similar("no-such-article"));
}

TEST_CASE("A replaced article's cluster follows its new text; deleting one keeps the rest together",
          "[search][neardup]") {
    TempDir dir;
    const std::string folder = build_index(dir, 256);
    const auto copy_of = [&](const std::string& id) {
        Searcher searcher(folder);
        auto article = searcher.get(id);
        REQUIRE(article);
        return *article;
    };
    lupe::Article founder = copy_of("lupe-demo-0027");
    lupe::Article other = copy_of("lupe-demo-0001");
    std::string key;
    {
        const Xapian::Database db(folder);
        key = cluster_of(db, "lupe-demo-0027");
    }
    lupe::DocumentBuilder builder;
    {
        lupe::IndexWriter writer(folder);
        // The first copy gets another article's text: it leaves the cluster (its key is not
        // its old one), and the story keeps its key with the two remaining copies.
        lupe::Article changed = other;
        changed.id = founder.id;
        writer.put(changed.id, builder.build(changed));
        // A fourth copy (the founder's old text under a new id) joins the old cluster.
        lupe::Article fourth = founder;
        fourth.id = "lupe-demo-9999";
        writer.put(fourth.id, builder.build(fourth));
        writer.commit();
        const Xapian::Database db(folder);
        CHECK(cluster_of(db, "lupe-demo-0027") != key);
        CHECK(cluster_of(db, "lupe-demo-0027") == cluster_of(db, "lupe-demo-0001"));
        CHECK(cluster_of(db, "lupe-demo-0028") == key);
        CHECK(cluster_of(db, "lupe-demo-9999") == key);
        CHECK(writer.remove("lupe-demo-0029"));
        writer.commit();
    }
    Searcher searcher(folder);
    const auto similar = searcher.similar("lupe-demo-0028");
    REQUIRE(similar);
    CHECK(hit_id_set(*similar) == std::set<std::string>{"lupe-demo-9999"});
}
