// Sharded indexes: routing by id, the folder layout, and readers seeing the shards as one.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/IndexPipeline.h"
#include "index/IndexStats.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "search/Searcher.h"
#include "search/FixtureIndex.h"
#include "support/TestSupport.h"

using lupe::Article;
using lupe::DocumentBuilder;
using lupe::IndexError;
using lupe::PutOutcome;
using lupe::ShardedWriter;
using lupe::test::TempDir;
namespace fs = std::filesystem;

namespace {

Article article(const std::string& id, const std::string& body, const std::string& source = "Quelle") {
    Article a;
    a.id = id;
    a.title = "Artikel " + id;
    a.body = body;
    a.source = source;
    return a;
}

std::set<std::string> ids_in(const Xapian::Database& db) {
    std::set<std::string> ids;
    const std::string prefix(lupe::schema::kIdPrefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        ids.insert((*it).substr(prefix.size()));
    }
    return ids;
}

// A database's spelling table: word -> frequency.
std::map<std::string, Xapian::doccount> spellings_in(const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> table;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) table[*it] = it.get_termfreq();
    return table;
}

}  // namespace

TEST_CASE("shard_of is FNV-1a of the id modulo the shard count", "[index][shards]") {
    // Part of the index format: these values must never change.
    CHECK(lupe::shard_of("a", 3) == 1);
    CHECK(lupe::shard_of("b", 2) == 1);
    CHECK(lupe::shard_of("abc", 4) == 3);
    CHECK(lupe::shard_of("syn-00000000", 3) == 0);
    CHECK(lupe::shard_of("anything", 1) == 0);
}

TEST_CASE("ShardedWriter puts every article into the shard of its id", "[index][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    {
        ShardedWriter writer(folder, 3);
        REQUIRE(writer.shards() == 3);
        for (int i = 0; i < 30; ++i) {
            const std::string id = "id-" + std::to_string(i);
            CHECK(writer.put(id, builder.build(article(id, "Text Nummer " + std::to_string(i) + "."))) ==
                  PutOutcome::Added);
        }
        CHECK(writer.put("id-7", builder.build(article("id-7", "Text Nummer 7."))) == PutOutcome::Unchanged);
        CHECK(writer.put("id-7", builder.build(article("id-7", "Neuer Text."))) == PutOutcome::Replaced);
        CHECK(writer.remove("id-8"));
        CHECK_FALSE(writer.remove("id-8"));
        CHECK(writer.doc_count() == 29);
        writer.commit();
    }
    CHECK(fs::is_regular_file(dir / "index" / lupe::kStubFile));
    CHECK(lupe::shard_count(folder) == 3);
    std::size_t total = 0;
    for (unsigned k = 0; k < 3; ++k) {
        const Xapian::Database shard(lupe::shard_folder(folder, k));
        for (const auto& id : ids_in(shard)) CHECK(lupe::shard_of(id, 3) == k);
        CHECK(shard.get_doccount() > 0);  // 30 ids spread over all shards
        total += shard.get_doccount();
    }
    CHECK(total == 29);

    // Readers see the shards as one database.
    const Xapian::Database db = lupe::open_index_for_reading(folder);
    CHECK(db.get_doccount() == 29);
    CHECK(db.get_termfreq("Qid-7") == 1);
    CHECK_FALSE(db.term_exists("Qid-8"));
    CHECK(lupe::collect_stats(db).documents == 29);
    CHECK(lupe::collect_stats(db).sources.at(0).count == 29);

    // Reopening keeps the shard count; another count is an error, as is one writer for all.
    CHECK(ShardedWriter(folder).shards() == 3);
    CHECK_THROWS_AS(ShardedWriter(folder, 2), IndexError);
    CHECK_THROWS_AS(lupe::IndexWriter(folder), IndexError);
}

TEST_CASE("A single index keeps its layout and refuses another shard count", "[index][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    {
        ShardedWriter writer(folder);
        CHECK(writer.shards() == 1);
        writer.put("a", builder.build(article("a", "Text.")));
    }
    CHECK(lupe::shard_count(folder) == 1);
    CHECK_FALSE(fs::exists(dir / "index" / lupe::kStubFile));
    CHECK(Xapian::Database(folder).get_doccount() == 1);
    CHECK_THROWS_WITH(ShardedWriter(folder, 4), Catch::Contains("has 1 shard, not 4"));
}

TEST_CASE("A reader refuses a sharded index with a shard of another schema", "[index][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    { ShardedWriter writer(folder, 2); }
    {
        Xapian::WritableDatabase shard(lupe::shard_folder(folder, 1), Xapian::DB_OPEN);
        shard.set_metadata(lupe::schema::kMetaSchema, "0");
        shard.commit();
    }
    CHECK_THROWS_AS(lupe::open_index_for_reading(folder), lupe::IndexVersionError);
}

TEST_CASE("Searching N shards answers as searching one index", "[index][shards][search]") {
    const fs::path fixture = lupe::test::test_data_dir() / "search/fixture.jsonl";
    TempDir dir;
    const auto build = [&](const std::string& name, unsigned shards) {
        lupe::IndexPipelineOptions options;
        options.folder = (dir / name).string();
        options.threads = 2;
        options.shards = shards;
        options.batch_articles = 7;  // several batches, so routing and ordering are exercised
        const auto summary = lupe::index_inputs({fixture.string()}, options);
        REQUIRE(summary.rejected.empty());
        return summary;
    };
    const auto single_summary = build("single", 1);
    const auto sharded_summary = build("sharded", 3);
    CHECK(sharded_summary.added == single_summary.added);
    CHECK(sharded_summary.documents_in_index == single_summary.documents_in_index);
    REQUIRE(lupe::shard_count((dir / "sharded").string()) == 3);

    lupe::Searcher single((dir / "single").string());
    lupe::Searcher sharded((dir / "sharded").string());
    for (const std::string query : {"", "Magdeburg", "Chipfabrik Subventionen", "\"in Magdeburg\"",
                                    "title:Intel", "Intel -Magdeburg", "Magdebrug"}) {
        INFO("query: " << query);
        lupe::SearchRequest request;
        request.query = query;
        request.limit = 100;
        request.facets = {lupe::Facet::Source, lupe::Facet::Topic, lupe::Facet::Month};
        const auto a = single.search(request);
        const auto b = sharded.search(request);
        CHECK(a.total == b.total);
        CHECK(a.suggestion == b.suggestion);
        REQUIRE(a.hits.size() == b.hits.size());
        // Same scores in the same order; ids compared as sets among equal scores (ties are
        // broken by document number, which differs between the layouts).
        std::multiset<std::pair<long long, std::string>> ranked_a, ranked_b;
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CHECK(a.hits[i].score == Approx(b.hits[i].score));
            ranked_a.insert({std::llround(a.hits[i].score * 1e6), a.hits[i].id});
            ranked_b.insert({std::llround(b.hits[i].score * 1e6), b.hits[i].id});
            CHECK(a.hits[i].snippet.empty() == b.hits[i].snippet.empty());
        }
        CHECK(ranked_a == ranked_b);
        REQUIRE(a.facets.size() == b.facets.size());
        for (std::size_t f = 0; f < a.facets.size(); ++f) {
            REQUIRE(a.facets[f].counts.size() == b.facets[f].counts.size());
            for (std::size_t i = 0; i < a.facets[f].counts.size(); ++i) {
                CHECK(a.facets[f].counts[i].value == b.facets[f].counts[i].value);
                CHECK(a.facets[f].counts[i].count == b.facets[f].counts[i].count);
            }
        }
    }
    CHECK(single.get("magdeburg-1")->title == sharded.get("magdeburg-1")->title);
    const auto related_a = single.related("magdeburg-1");
    const auto related_b = sharded.related("magdeburg-1");
    REQUIRE(related_a);
    REQUIRE(related_b);
    // Known difference: Xapian weighs the expansion terms of related articles (and the terms of
    // a wildcard) with per-shard statistics, so scores differ; the matches are the same.
    CHECK(related_a->total == related_b->total);
    lupe::SearchRequest wildcard;
    wildcard.query = "Subvention*";
    wildcard.limit = 100;
    const auto wildcard_a = single.search(wildcard);
    const auto wildcard_b = sharded.search(wildcard);
    CHECK(wildcard_a.total == wildcard_b.total);
    CHECK(lupe::test::hit_id_set(wildcard_a) == lupe::test::hit_id_set(wildcard_b));
}

TEST_CASE("N shards keep one spelling table with the counts of one index", "[index][shards][search]") {
    // Xapian 1.4 merges the fragment lists of several spelling tables, so a word in several
    // shards' tables counted more than once and misspelled words got other corrections on N
    // shards than on one index (issue 8). Words from a small alphabet, each in several
    // articles and so in several shards, make many near candidates for every misspelling.
    const std::string letters = "aeimnorstdl";
    std::mt19937 rng(8);  // fixed seed: the same corpus on every platform (no distributions)
    std::vector<std::string> words;
    while (words.size() < 300) {
        std::string word;
        const std::size_t length = 5 + rng() % 3;
        while (word.size() < length) word += letters[rng() % letters.size()];
        words.push_back(word);
    }
    TempDir dir;
    std::string jsonl;
    for (int i = 0; i < 200; ++i) {
        std::string body;
        for (int w = 0; w < 12; ++w) body += words[rng() % words.size()] + " ";
        jsonl += "{\"id\": \"sp-" + std::to_string(i) + "\", \"title\": \"Artikel\", \"body\": \"" + body +
                 ".\", \"source\": \"Quelle\"}\n";
    }
    lupe::test::write_file(dir / "words.jsonl", jsonl);
    const auto build = [&](const std::string& name, unsigned shards) {
        lupe::IndexPipelineOptions options;
        options.folder = (dir / name).string();
        options.threads = 2;
        options.shards = shards;
        options.batch_articles = 16;
        options.commit_every = 40;  // batch commits while the other shards still write
        const auto summary = lupe::index_inputs({(dir / "words.jsonl").string()}, options);
        REQUIRE(summary.rejected.empty());
        REQUIRE(summary.added == 200);
    };
    build("single", 1);
    build("sharded", 4);

    // The table lives in shard 0 only, with the summed counts of the single index.
    const Xapian::Database single_db = lupe::open_index_for_reading((dir / "single").string());
    for (unsigned k = 1; k < 4; ++k) {
        const Xapian::Database shard(lupe::shard_folder((dir / "sharded").string(), k));
        CHECK(shard.spellings_begin() == shard.spellings_end());
    }
    const auto table = spellings_in(single_db);
    CHECK(table.size() > 200);
    CHECK(spellings_in(Xapian::Database(lupe::shard_folder((dir / "sharded").string(), 0))) == table);

    // Misspellings (one letter changed, sometimes one dropped) get the same correction.
    const Xapian::Database sharded_db = lupe::open_index_for_reading((dir / "sharded").string());
    std::vector<std::string> misspelled;
    std::size_t corrected = 0;
    for (int i = 0; i < 400; ++i) {
        std::string word = words[rng() % words.size()];
        word[rng() % word.size()] = letters[rng() % letters.size()];
        if (rng() % 2) word.erase(rng() % word.size(), 1);
        const std::string expected = single_db.get_spelling_suggestion(word);
        INFO("word: " << word);
        CHECK(sharded_db.get_spelling_suggestion(word) == expected);
        if (!expected.empty()) ++corrected;
        if (misspelled.size() < 30 && !expected.empty()) misspelled.push_back(word);
    }
    CHECK(corrected > 100);

    // And so the same search: correction, suggestion and total.
    lupe::Searcher single((dir / "single").string());
    lupe::Searcher sharded((dir / "sharded").string());
    for (const std::string& word : misspelled) {
        INFO("query: " << word);
        lupe::SearchRequest request;
        request.query = word;
        request.limit = 100;
        request.exact_total = true;
        const auto a = single.search(request);
        const auto b = sharded.search(request);
        CHECK(a.total == b.total);
        CHECK(a.suggestion == b.suggestion);
        CHECK(lupe::test::hit_id_set(a) == lupe::test::hit_id_set(b));
    }
}

TEST_CASE("ShardedWriter writes every shard's spelling counts to shard 0, also in batch commits",
          "[index][shards]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    lupe::IndexWriterOptions options;
    options.batch_size = 4;      // batch commits ...
    options.spelling_words = 3;  // ... that also hand over and write spelling counts
    {
        ShardedWriter writer(folder, 3, options);
        for (int i = 0; i < 30; ++i) {
            const std::string id = "id-" + std::to_string(i);
            const std::vector<std::string> vocabulary{"gemeinsam", "wort" + std::to_string(i % 5)};
            writer.put(id, builder.build(article(id, "Text.")), &vocabulary);
        }
        // No commit: the destructor hands the last counts to shard 0 before it closes.
    }
    const auto table = spellings_in(Xapian::Database(lupe::shard_folder(folder, 0)));
    CHECK(table == std::map<std::string, Xapian::doccount>{
                       {"gemeinsam", 30}, {"wort0", 6}, {"wort1", 6}, {"wort2", 6}, {"wort3", 6}, {"wort4", 6}});
    for (unsigned k = 1; k < 3; ++k) {
        const Xapian::Database shard(lupe::shard_folder(folder, k));
        CHECK(shard.spellings_begin() == shard.spellings_end());
    }
    CHECK(lupe::open_index_for_reading(folder).get_spelling_suggestion("gemeinsan") == "gemeinsam");
}
