// Near-duplicates on a sharded index (`cross_shard_copies`, the default): copies of one text
// whose ids route them to different shards share one cluster key, the same keys a single index
// gives (ShardedWriter::link_copies).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/IndexPipeline.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "search/FixtureIndex.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

using lupe::test::TempDir;
namespace fs = std::filesystem;

namespace {

// 80 words drawn from a fixed vocabulary: two such texts share almost no 4-word shingles.
std::vector<std::string> random_words(unsigned seed) {
    static const std::vector<std::string> vocabulary = [] {
        std::vector<std::string> words;
        for (const char* stem : {"Regierung", "Haushalt", "Gemeinde", "Hafen", "Schule", "Bahnhof", "Klinik",
                                 "Brücke", "Messe", "Verband", "Gericht", "Landtag", "Stadion", "Museum",
                                 "Kraftwerk", "Flughafen", "Rathaus", "Theater", "Zeitung", "Fabrik"}) {
            for (const char* word : {"plant", "meldet", "prüft", "baut", "eröffnet", "kritisiert", "fordert",
                                     "bestätigt", "verschiebt", "erweitert", "verkauft", "sucht", "schließt",
                                     "gewinnt", "verliert"}) {
                words.push_back(std::string(stem) + " " + word);
            }
        }
        return words;
    }();
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
    std::vector<std::string> words;
    for (int i = 0; i < 40; ++i) words.push_back(vocabulary[pick(random)]);
    return words;
}

std::string text(const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
    return joined + ".";
}

// A copy: the same text with a few of its word pairs replaced (similarity well above 0.5).
std::string copy_of(unsigned seed, unsigned variant) {
    auto words = random_words(seed);
    words[5 + variant] = "Sturm zerstört";
    words[25 + variant] = "Minister erklärt";
    return text(words);
}

lupe::Article article(const std::string& id, const std::string& title, const std::string& body) {
    lupe::Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.source = "Quelle";
    return a;
}

void write_jsonl(const fs::path& path, const std::vector<lupe::Article>& articles) {
    std::ofstream out(path);
    for (const auto& a : articles) out << lupe::stored_article_json(a).dump() << '\n';
}

// id -> cluster key (the collapse key), over all shards; checks on the way that `similar`
// lists exactly the other articles of each cluster (it finds them by their cluster terms and
// the aliases a relabel leaves, lupe::cluster_members).
std::map<std::string, std::string> clusters(const std::string& folder) {
    std::map<std::string, std::string> keys;
    {
        const Xapian::Database db = lupe::open_index_for_reading(folder);
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            const Xapian::Document doc = db.get_document(*it);
            keys[lupe::decode_stored_article(doc.get_data()).id] = doc.get_value(lupe::schema::kClusterSlot);
        }
    }
    lupe::Searcher searcher(folder);
    for (const auto& [id, key] : keys) {
        std::set<std::string> expected;
        for (const auto& [other, other_key] : keys) {
            if (other != id && other_key == key) expected.insert(other);
        }
        const auto similar = searcher.similar(id, 100);
        REQUIRE(similar);
        INFO("similar:" << id);
        CHECK(lupe::test::hit_id_set(*similar) == expected);
    }
    return keys;
}

std::map<std::string, std::string> index_with(const fs::path& folder, const fs::path& input, unsigned shards,
                                              bool cross_shard_copies = true) {
    lupe::IndexPipelineOptions options;
    options.folder = folder.string();
    options.threads = 2;
    options.shards = shards;
    options.cross_shard_copies = cross_shard_copies;
    options.batch_articles = 3;  // several batches: routing and ordering are exercised
    const auto summary = lupe::index_inputs({input.string()}, options);
    REQUIRE(summary.rejected.empty());
    return clusters(folder.string());
}

}  // namespace

TEST_CASE("Copies in different shards share one cluster, the same clusters as one index gives",
          "[index][shards][neardup]") {
    TempDir dir;
    const std::vector<lupe::Article> input = {
        article("story-a", "Original", text(random_words(1))),
        article("other-1", "Anderes", text(random_words(2))),
        article("copy-a1", "Neuer Titel eins", copy_of(1, 0)),
        article("story-b", "Zweite Geschichte", text(random_words(3))),
        article("copy-a2", "Neuer Titel zwei", copy_of(1, 1)),
        article("twice", "Kopie von B", copy_of(3, 0)),
        article("copy-b1", "Auch B", copy_of(3, 1)),
        article("copy-a3", "Neuer Titel drei", copy_of(1, 2)),
        article("twice", "Jetzt ein anderer Text", text(random_words(4))),
        article("copy-a4", "Neuer Titel vier", copy_of(1, 3)),
        article("copy-a5", "Neuer Titel fünf", copy_of(1, 4)),
    };
    std::set<unsigned> shards_of_a;
    for (const char* id : {"story-a", "copy-a1", "copy-a2", "copy-a3", "copy-a4", "copy-a5"}) {
        shards_of_a.insert(lupe::shard_of(id, 3));
    }
    REQUIRE(shards_of_a.size() >= 2);  // else this test would not cross shards
    write_jsonl(dir / "in.jsonl", input);

    const auto single = index_with(dir / "single", dir / "in.jsonl", 1);
    const auto sharded = index_with(dir / "sharded", dir / "in.jsonl", 3);
    REQUIRE(lupe::shard_count((dir / "sharded").string()) == 3);
    CHECK(sharded == single);

    for (const char* id : {"copy-a1", "copy-a2", "copy-a3", "copy-a4", "copy-a5"}) {
        INFO(id);
        CHECK(sharded.at(id) == sharded.at("story-a"));
    }
    CHECK(sharded.at("copy-b1") == sharded.at("story-b"));
    CHECK(sharded.at("story-b") != sharded.at("story-a"));
    // "twice" ends with a text of its own: it leaves B's cluster it had joined on its way.
    CHECK(sharded.at("twice") != sharded.at("story-b"));
    CHECK(sharded.at("other-1") != sharded.at("story-a"));
    CHECK(sharded.at("other-1") != sharded.at("twice"));

    SECTION("without the pass each shard keeps its own clusters (--no-cross-shard-copies)") {
        const auto apart = index_with(dir / "apart", dir / "in.jsonl", 3, false);
        std::set<std::string> keys_of_a;
        for (const char* id : {"story-a", "copy-a1", "copy-a2", "copy-a3", "copy-a4", "copy-a5"}) {
            keys_of_a.insert(apart.at(id));
        }
        CHECK(keys_of_a.size() == shards_of_a.size());
    }
}

TEST_CASE("A later run's copy in another shard joins the cluster of the article already there",
          "[index][shards][neardup]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    lupe::DocumentBuilder builder;
    const lupe::IndexWriterOptions cross_shard{.cross_shard_copies = true};
    std::string original_key;
    {
        lupe::ShardedWriter writer(folder, 2, cross_shard);
        writer.put("story-a", builder.build(article("story-a", "Original", text(random_words(1)))));
        writer.commit();
    }
    original_key = clusters(folder).at("story-a");
    std::vector<std::string> copies;  // ids that route to the other shard
    for (int n = 0; copies.size() < 3; ++n) {
        const std::string id = "copy-" + std::to_string(n);
        if (lupe::shard_of(id, 2) != lupe::shard_of("story-a", 2)) copies.push_back(id);
    }
    {
        lupe::ShardedWriter writer(folder, 0, cross_shard);
        for (unsigned i = 0; i < copies.size(); ++i) {
            writer.put(copies[i], builder.build(article(copies[i], "Kopie", copy_of(1, i))));
        }
        writer.put("other", builder.build(article("other", "Anderes", text(random_words(9)))));
        writer.commit();
    }
    const auto keys = clusters(folder);
    for (const auto& id : copies) {
        INFO(id);
        CHECK(keys.at(id) == original_key);
    }
    CHECK(keys.at("other") != original_key);
}

TEST_CASE("A copy of a copy follows it when the pass moves the copy to another shard's cluster",
          "[index][shards][neardup]") {
    TempDir dir;
    // B copies A with two edits, C copies B with two more: C is closer to B than to A, so one
    // writer gives C the key of B, which is A's. A lives in one shard, B and C in the other, whose
    // writer first gives B and C a key of their own; the pass must move B and then C after it.
    auto words = random_words(7);
    const std::string a = text(words);
    words[5] = "Sturm zerstört";
    words[25] = "Minister erklärt";
    const std::string b = text(words);
    words[12] = "Hochwasser steigt";
    words[32] = "Polizei ermittelt";
    const std::string c = text(words);
    std::string id_a = "chain-a";
    std::vector<std::string> ids;  // two ids routed to the other shard than id_a
    for (int n = 0; ids.size() < 2; ++n) {
        const std::string id = "chain-" + std::to_string(n);
        if (lupe::shard_of(id, 2) != lupe::shard_of(id_a, 2)) ids.push_back(id);
    }
    write_jsonl(dir / "in.jsonl", {article(id_a, "A", a), article(ids[0], "B", b), article(ids[1], "C", c),
                                   article("unrelated", "D", text(random_words(8)))});
    const auto single = index_with(dir / "single", dir / "in.jsonl", 1);
    REQUIRE(single.at(ids[0]) == single.at(id_a));
    REQUIRE(single.at(ids[1]) == single.at(id_a));
    const auto sharded = index_with(dir / "sharded", dir / "in.jsonl", 2);
    CHECK(sharded == single);
    const auto apart = index_with(dir / "apart", dir / "in.jsonl", 2, false);
    CHECK(apart.at(ids[0]) != apart.at(id_a));  // else this test would not need the pass
    CHECK(apart.at(ids[1]) == apart.at(ids[0]));
}
