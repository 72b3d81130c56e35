// Where an index keeps word positions (index/PositionBlob.h, search/PositionFilter.h): a new
// local index keeps them in values, `--xapian-positions` and older indexes in Xapian's table;
// phrases, NEAR and everything built on them find the same articles either way.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/IndexFolder.h"
#include "index/IndexPipeline.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "search/Searcher.h"
#include "search/FixtureIndex.h"
#include "support/TestSupport.h"

using namespace lupe;
namespace fs = std::filesystem;

namespace {

fs::path demo_corpus() { return fs::path(LUPE_SOURCE_DIR) / "corpus" / "articles.jsonl"; }

void build(const std::string& folder, PositionStore store, unsigned shards) {
    IndexPipelineOptions options;
    options.folder = folder;
    options.threads = 2;
    options.shards = shards;
    options.positions = store;
    const IndexSummary summary =
        index_inputs({demo_corpus().string(), (test::test_data_dir() / "search/fixture.jsonl").string()}, options);
    REQUIRE(summary.rejected.empty());
}

// The words of a text as a reader would quote them: split at spaces, outer punctuation off.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back()))) word.pop_back();
        while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.front()))) word.erase(0, 1);
        if (!word.empty() && word.find('"') == std::string::npos) out.push_back(word);
    }
    return out;
}

// Quoted phrases, NEAR, negated and field phrases taken from the articles themselves.
std::vector<std::string> queries_from_corpus() {
    std::vector<std::string> queries{"\"die Welt\"", "\"Die Welt\"", "\"grüner Wasserstoff\"", "UN-Sekretär",
                                     "KI-Modelle", "Volkswagen-Konzern", "\"Intel plant\" Magdeburg",
                                     "Magdeburg NEAR Intel", "Bahn -\"Deutsche Bahn\""};
    std::mt19937 random(42);
    for (const fs::path& file : {demo_corpus(), test::test_data_dir() / "search/fixture.jsonl"}) {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            const auto article = nlohmann::json::parse(line);
            const auto title = words_of(article.value("title", ""));
            const auto body = words_of(article.value("body", ""));
            if (title.size() >= 2) {
                queries.push_back("title:\"" + title[0] + " " + title[1] + "\"");
            }
            if (body.size() >= 4) {
                const std::size_t at = random() % (body.size() - 3);
                queries.push_back("\"" + body[at] + " " + body[at + 1] + "\"");
                queries.push_back("\"" + body[at] + " " + body[at + 1] + " " + body[at + 2] + "\"");
                queries.push_back(body[at] + " NEAR " + body[at + 3]);
                queries.push_back(body[at] + " -\"" + body[at + 1] + " " + body[at + 2] + "\"");
            }
        }
    }
    return queries;
}

}  // namespace

TEST_CASE("phrases find the same articles whether positions are in values or in Xapian's table",
          "[search][positions]") {
    const unsigned shards = GENERATE(1u, 2u);
    test::TempDir dir;
    const std::string in_values = (dir / "values").string();
    const std::string in_table = (dir / "table").string();
    build(in_values, PositionStore::Values, shards);
    build(in_table, PositionStore::Table, shards);
    for (const ShardSpec& shard : index_shards(in_values)) {
        CHECK(Xapian::Database(shard.path).get_metadata(schema::kMetaPositions) == "values");
    }
    for (const ShardSpec& shard : index_shards(in_table)) {
        CHECK(Xapian::Database(shard.path).get_metadata(schema::kMetaPositions) == "table");
    }
    Searcher values(in_values);
    Searcher table(in_table);
    std::size_t found = 0;
    for (const std::string& query : queries_from_corpus()) {
        INFO(query);
        SearchRequest request;
        request.query = query;
        request.limit = 100;
        request.exact_total = true;
        const SearchResult a = values.search(request);
        const SearchResult b = table.search(request);
        CHECK(test::hit_ids(a) == test::hit_ids(b));  // the same order too: a phrase weighs as its AND
        CHECK(a.total == b.total);
        found += !a.hits.empty();
    }
    CHECK(found > 100);  // most phrases taken from the texts find their article
}

TEST_CASE("an index written before positions in values is read and extended with Xapian's table",
          "[search][positions]") {
    test::TempDir dir;
    const std::string folder = (dir / "old").string();
    build(folder, PositionStore::Table, 1);
    {
        Xapian::WritableDatabase db(folder);
        db.set_metadata(schema::kMetaPositions, "");  // as every index before it had
        db.commit();
    }
    SearchRequest request;
    request.query = "\"Intel plant\"";
    const auto before = test::hit_ids(Searcher(folder).search(request));
    REQUIRE_FALSE(before.empty());
    // A writer asked for values keeps the table of an index with documents.
    IndexWriter writer(folder, IndexWriterOptions{.positions = PositionStore::Values});
    CHECK(writer.positions() == PositionStore::Table);
    CHECK_FALSE(writer.positions_chosen());
}

TEST_CASE("shards that keep positions in different places are refused", "[search][positions]") {
    test::TempDir dir;
    const std::string folder = (dir / "mixed").string();
    build(folder, PositionStore::Values, 2);
    {
        Xapian::WritableDatabase shard(shard_folder(folder, 1));
        shard.set_metadata(schema::kMetaPositions, "table");
        shard.commit();
    }
    CHECK_THROWS_AS(Searcher(folder), IndexError);
    CHECK_THROWS_AS(ShardedWriter(folder), IndexError);
    {
        Xapian::WritableDatabase shard(shard_folder(folder, 1));
        shard.set_metadata(schema::kMetaPositions, "somewhere");
        shard.commit();
    }
    CHECK_THROWS_AS(ShardedWriter(folder), IndexVersionError);
}
