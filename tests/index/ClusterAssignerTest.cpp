// Finding near-duplicate candidates: the writer's in-memory BandTable (local indexes) against
// band terms in the index (remote shards, and indexes written before the table), on the demo
// corpus's JSONL part (three copies of one agency story, lupe-demo-0027..0029).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "article/JsonlReader.h"
#include "index/BandTable.h"
#include "index/ClusterAssigner.h"
#include "index/DocumentBuilder.h"
#include "index/IndexWriter.h"
#include "index/NearDuplicate.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "support/TestSupport.h"

using lupe::BandTable;
using lupe::IndexWriter;
using lupe::test::TempDir;
namespace neardup = lupe::neardup;

namespace {

std::vector<lupe::Article> jsonl_articles() {
    const lupe::JsonlReader reader{lupe::FieldMap()};
    std::ifstream in(lupe::test::source_dir() / "corpus/articles.jsonl");
    std::vector<lupe::Article> articles;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        articles.push_back(reader.parse_line(line, "articles.jsonl", n).article);
    }
    return articles;
}

void put_all(IndexWriter& writer, const std::vector<lupe::Article>& articles, std::size_t from, std::size_t to) {
    lupe::DocumentBuilder builder;
    for (std::size_t i = from; i < to; ++i) writer.put(articles[i].id, builder.build(articles[i]));
    writer.commit();
}

// id -> cluster key
std::map<std::string, std::string> clusters(const std::string& folder) {
    const Xapian::Database db(folder);
    std::map<std::string, std::string> keys;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        keys[lupe::decode_stored_article(doc.get_data()).id] = doc.get_value(lupe::schema::kClusterSlot);
    }
    return keys;
}

Xapian::termcount band_terms(const std::string& folder) {
    const Xapian::Database db(folder);
    const std::string prefix(lupe::schema::kBandPrefix);
    Xapian::termcount n = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) ++n;
    return n;
}

std::uint64_t next_hash(std::uint64_t& state) {  // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

TEST_CASE("BandTable lists every docid added under a hash, in order, as it grows", "[index][neardup]") {
    BandTable table;
    std::uint64_t state = 42;
    const std::uint64_t shared = next_hash(state);
    std::vector<Xapian::docid> expected;
    for (Xapian::docid did = 1; did <= 20000; ++did) {
        neardup::BandHashes hashes{};
        for (auto& h : hashes) h = next_hash(state);
        if (did % 997 == 0) {  // one band of every 997th document has the shared hash
            hashes[did % neardup::kBands] = shared;
            expected.push_back(did);
        }
        table.add(did, hashes);
    }
    // Listed again (a document replaced by the same text): still once.
    neardup::BandHashes again{};
    for (auto& h : again) h = next_hash(state);
    again[5] = shared;
    table.add(expected.front(), again);

    CHECK(table.size() == 20001 * neardup::kBands);
    std::vector<Xapian::docid> found{7};  // candidates appends
    table.candidates(shared, found);
    REQUIRE(found.size() == expected.size() + 1);
    CHECK(std::vector<Xapian::docid>(found.begin() + 1, found.end()) == expected);

    std::size_t strays = 0;
    for (int i = 0; i < 1000; ++i) {
        std::vector<Xapian::docid> none;
        table.candidates(next_hash(state), none);
        strays += none.size();
    }
    CHECK(strays <= 2);  // 32 bits of each hash are kept: a stray needs those 32 bits equal
}

TEST_CASE("BandTable::of_index lists the bands of every stored signature", "[index][neardup]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    {
        IndexWriter writer(folder);
        const auto articles = jsonl_articles();
        put_all(writer, articles, 0, articles.size());
    }
    const Xapian::Database db(folder);
    const BandTable table = BandTable::of_index(db);
    std::size_t signed_docs = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const auto signature = neardup::decode(db.get_document(*it).get_value(lupe::schema::kSignatureSlot));
        if (!signature) continue;
        ++signed_docs;
        for (const std::uint64_t hash : neardup::band_hashes(*signature)) {
            std::vector<Xapian::docid> found;
            table.candidates(hash, found);
            CHECK(std::find(found.begin(), found.end(), *it) != found.end());
        }
    }
    CHECK(signed_docs >= 20);
    CHECK(table.size() == signed_docs * neardup::kBands);
}

TEST_CASE("Band terms (remote shards) and the band table give the same clusters", "[index][neardup]") {
    const auto articles = jsonl_articles();
    TempDir dir;
    const std::string local = (dir / "local").string();
    const std::string terms = (dir / "terms").string();
    {
        IndexWriter writer(local);
        put_all(writer, articles, 0, articles.size());
    }
    {
        // A writer given an opened database, as a remote shard's: bands as terms.
        IndexWriter writer(terms, Xapian::WritableDatabase(terms, Xapian::DB_CREATE_OR_OPEN));
        put_all(writer, articles, 0, articles.size());
    }
    const auto keys = clusters(local);
    REQUIRE(keys.size() == articles.size());
    CHECK(clusters(terms) == keys);
    CHECK(keys.at("lupe-demo-0028") == keys.at("lupe-demo-0027"));
    CHECK(keys.at("lupe-demo-0029") == keys.at("lupe-demo-0027"));
    CHECK(keys.at("lupe-demo-0001") != keys.at("lupe-demo-0027"));
    CHECK(band_terms(local) == 0);
    CHECK(band_terms(terms) >= 20 * neardup::kBands);
}

TEST_CASE("A writer reopening an index finds copies among the articles already there", "[index][neardup]") {
    const auto articles = jsonl_articles();
    const auto founder = std::find_if(articles.begin(), articles.end(),
                                      [](const lupe::Article& a) { return a.id == "lupe-demo-0027"; });
    REQUIRE(founder != articles.end());
    const auto split = static_cast<std::size_t>(founder - articles.begin()) + 1;
    REQUIRE(split < articles.size());
    TempDir dir;
    const std::string once = (dir / "once").string();
    {
        IndexWriter writer(once);
        put_all(writer, articles, 0, articles.size());
    }
    SECTION("written by this version") {
        const std::string twice = (dir / "twice").string();
        {
            IndexWriter writer(twice);
            put_all(writer, articles, 0, split);
        }
        {
            IndexWriter writer(twice);  // the table comes from the stored signatures
            put_all(writer, articles, split, articles.size());
        }
        CHECK(clusters(twice) == clusters(once));
    }
    SECTION("written with band terms, as before the band table") {
        const std::string older = (dir / "older").string();
        { IndexWriter create(older); }
        {
            IndexWriter writer(older, Xapian::WritableDatabase(older, Xapian::DB_OPEN));
            put_all(writer, articles, 0, split);
        }
        REQUIRE(band_terms(older) > 0);
        {
            IndexWriter writer(older);
            put_all(writer, articles, split, articles.size());
        }
        CHECK(clusters(older) == clusters(once));
    }
}

TEST_CASE("A saved BandTable maps back for its stamp only, and keeps what is added to it", "[index][neardup]") {
    TempDir dir;
    const std::string path = (dir / "bands").string();
    const lupe::BandStamp stamp{"0a1b2c3d-uuid", 7};
    std::uint64_t state = 9;
    std::vector<neardup::BandHashes> docs(3000);
    for (auto& hashes : docs) {
        for (auto& h : hashes) h = next_hash(state);
    }
    const auto all_found = [&](const BandTable& table, std::size_t count) {
        for (std::size_t d = 0; d < count; ++d) {
            for (const std::uint64_t hash : docs[d]) {
                std::vector<Xapian::docid> found;
                table.candidates(hash, found);
                if (std::find(found.begin(), found.end(), static_cast<Xapian::docid>(d + 1)) == found.end()) return false;
            }
        }
        return true;
    };
    {
        BandTable table;
        for (std::size_t d = 0; d < 900; ++d) table.add(static_cast<Xapian::docid>(d + 1), docs[d]);
        table.save(path, stamp);
    }
    CHECK_FALSE(BandTable::load(path, lupe::BandStamp{stamp.uuid, 8}));
    CHECK_FALSE(BandTable::load(path, lupe::BandStamp{"another-uuid", 7}));
    CHECK_FALSE(BandTable::load((dir / "missing").string(), stamp));
    {
        auto table = BandTable::load(path, stamp);
        REQUIRE(table);
        CHECK(table->mapped());
        CHECK(table->size() == 900 * neardup::kBands);
        CHECK(all_found(*table, 900));
        // Added in place (the mapped table has room), then saved for the next revision.
        for (std::size_t d = 900; d < 1000; ++d) table->add(static_cast<Xapian::docid>(d + 1), docs[d]);
        CHECK(table->mapped());
        table->save(path, lupe::BandStamp{stamp.uuid, 8});
    }
    CHECK_FALSE(BandTable::load(path, stamp));
    {
        auto table = BandTable::load(path, lupe::BandStamp{stamp.uuid, 8});
        REQUIRE(table);
        CHECK(all_found(*table, 1000));
        // Growing leaves the file: the table moves to memory and is saved as a new file.
        for (std::size_t d = 1000; d < docs.size(); ++d) table->add(static_cast<Xapian::docid>(d + 1), docs[d]);
        CHECK_FALSE(table->mapped());
        CHECK(all_found(*table, docs.size()));
        table->save(path, lupe::BandStamp{stamp.uuid, 9});
    }
    BandTable::restamp(path, lupe::BandStamp{stamp.uuid, 9}, lupe::BandStamp{stamp.uuid, 10});
    auto table = BandTable::load(path, lupe::BandStamp{stamp.uuid, 10});
    REQUIRE(table);
    CHECK(all_found(*table, docs.size()));
    CHECK(table->size() == docs.size() * neardup::kBands);

    // A header that understates the entries (damage): adding fails instead of looping forever.
    {
        std::string bytes = lupe::test::read_file(path);
        const std::uint64_t zero = 0;
        bytes.replace(24, sizeof zero, reinterpret_cast<const char*>(&zero), sizeof zero);  // `used`
        lupe::test::write_file(path, bytes);
        auto damaged = BandTable::load(path, lupe::BandStamp{stamp.uuid, 10});
        REQUIRE(damaged);
        CHECK(all_found(*damaged, docs.size()));
        std::uint64_t more = 77;
        CHECK_THROWS_AS(
            [&] {
                for (Xapian::docid did = 5000; did < 5000 + 4 * 3000; ++did) {
                    neardup::BandHashes hashes{};
                    for (auto& h : hashes) h = next_hash(more);
                    damaged->add(did, hashes);
                }
            }(),
            std::length_error);
    }

    // A cut file is no table.
    const std::string bytes = lupe::test::read_file(path);
    lupe::test::write_file(path, bytes.substr(0, bytes.size() - 8));
    CHECK_FALSE(BandTable::load(path, lupe::BandStamp{stamp.uuid, 10}));
}

TEST_CASE("A writer saves its band table for the revision it committed", "[index][neardup]") {
    const auto articles = jsonl_articles();
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const std::string path = (dir / "index" / lupe::kBandsFile).string();
    const auto saved_for_now = [&]() -> std::optional<BandTable> {
        const Xapian::Database db(folder);
        return BandTable::load(path, lupe::BandStamp::of(db));
    };
    {
        IndexWriter writer(folder);
        put_all(writer, articles, 0, articles.size());
    }
    auto saved = saved_for_now();
    REQUIRE(saved);
    CHECK(saved->size() >= 20 * neardup::kBands);
    saved.reset();
    SECTION("a run that only deletes keeps the file valid") {
        {
            IndexWriter writer(folder);
            CHECK(writer.remove("lupe-demo-0001"));
            writer.commit();
            CHECK(writer.remove("lupe-demo-0002"));
            writer.commit();
        }
        CHECK(saved_for_now());
    }
    SECTION("a file outdated by another writer is rebuilt, not used") {
        lupe::DocumentBuilder builder;
        const auto by_id = [&](const std::string& id) {
            return *std::find_if(articles.begin(), articles.end(), [&](const lupe::Article& a) { return a.id == id; });
        };
        {
            // Not through a local IndexWriter: the file stays at the old revision. One story's
            // article moves to a new id, which only the index knows of.
            IndexWriter other(folder, Xapian::WritableDatabase(folder, Xapian::DB_OPEN));
            lupe::Article copy = by_id("lupe-demo-0029");
            copy.id = "copy-a";
            other.put(copy.id, builder.build(copy));
            CHECK(other.remove("lupe-demo-0029"));
            other.commit();
        }
        CHECK_FALSE(saved_for_now());
        {
            // Another copy of it: its most similar earlier article is copy-a (the same text),
            // which a table read from the outdated file would not list.
            IndexWriter writer(folder);
            lupe::Article copy = by_id("lupe-demo-0029");
            copy.id = "copy-b";
            writer.put(copy.id, builder.build(copy));
            writer.commit();
        }
        const auto keys = clusters(folder);
        CHECK(keys.at("copy-b") == keys.at("copy-a"));
        CHECK(keys.at("copy-a") != keys.at("lupe-demo-0027"));
        CHECK(saved_for_now());
    }
}

TEST_CASE("relabel_cluster moves a document by its value alone; cluster_members still finds it",
          "[index][neardup]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const auto articles = jsonl_articles();
    {
        IndexWriter writer(folder);
        put_all(writer, articles, 0, articles.size());
    }
    Xapian::WritableDatabase db(folder, Xapian::DB_OPEN);
    const auto docid_of = [&](const std::string& id) { return *db.postlist_begin(lupe::schema::id_term(id)); };
    const auto key_of = [&](const std::string& id) {
        return db.get_document(docid_of(id)).get_value(lupe::schema::kClusterSlot);
    };
    const std::string story = key_of("lupe-demo-0027");  // the agency story's three copies
    const std::string first = key_of("lupe-demo-0001");
    const std::string second = key_of("lupe-demo-0002");
    REQUIRE(story != first);
    REQUIRE(first != second);
    const auto members = [&](const std::string& key) {
        Xapian::Enquire enquire(db);
        enquire.set_query(lupe::cluster_members(key, lupe::cluster_aliases(db, key)));
        std::set<std::string> ids;
        for (const auto& match : enquire.get_mset(0, 100)) {
            ids.insert(lupe::decode_stored_article(db.get_document(match).get_data()).id);
        }
        return ids;
    };
    REQUIRE(members(story) == std::set<std::string>{"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"});

    lupe::relabel_cluster(db, docid_of("lupe-demo-0001"), story);
    lupe::relabel_cluster(db, docid_of("lupe-demo-0028"), second);
    db.commit();

    CHECK(key_of("lupe-demo-0001") == story);
    CHECK(key_of("lupe-demo-0028") == second);
    // Terms untouched: the documents keep the cluster terms they were written with.
    CHECK(db.get_termfreq(std::string(lupe::schema::kClusterPrefix) + first) == 1);
    CHECK(db.get_termfreq(std::string(lupe::schema::kClusterPrefix) + story) == 3);
    CHECK(lupe::cluster_aliases(db, story) == std::vector<std::string>{first});
    CHECK(lupe::cluster_aliases(db, second) == std::vector<std::string>{story});
    CHECK(members(story) == std::set<std::string>{"lupe-demo-0001", "lupe-demo-0027", "lupe-demo-0029"});
    CHECK(members(second) == std::set<std::string>{"lupe-demo-0002", "lupe-demo-0028"});
    CHECK(members(first).empty());

    // An alias is listed once, and moving a document back to its term's key needs none.
    lupe::relabel_cluster(db, docid_of("lupe-demo-0029"), second);
    lupe::relabel_cluster(db, docid_of("lupe-demo-0001"), first);
    db.commit();
    CHECK(lupe::cluster_aliases(db, second) == std::vector<std::string>{story});
    CHECK(lupe::cluster_aliases(db, first).empty());
    CHECK(members(first) == std::set<std::string>{"lupe-demo-0001"});
    CHECK(members(second) == std::set<std::string>{"lupe-demo-0002", "lupe-demo-0028", "lupe-demo-0029"});
    CHECK(members(story) == std::set<std::string>{"lupe-demo-0027"});
}
