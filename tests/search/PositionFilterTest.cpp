#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/PositionBlob.h"
#include "index/Schema.h"
#include "search/PositionFilter.h"

using lupe::PhraseError;
using lupe::PhraseSupport;
using lupe::PositionBlobBuilder;
using lupe::PositionFilter;
using lupe::PositionStore;
namespace schema = lupe::schema;

namespace {

using Positions = std::vector<Xapian::termpos>;

// The same random documents twice, two shards each: positions in Xapian's table and in values.
struct TwinIndexes {
    std::vector<Xapian::WritableDatabase> table;
    std::vector<Xapian::WritableDatabase> values;
    Xapian::Database table_db;
    Xapian::Database values_db;
    std::vector<std::string> vocabulary;
};

TwinIndexes twin_indexes(unsigned seed, std::size_t documents) {
    TwinIndexes out;
    out.vocabulary = {"a", "b", "c", "d", "e", "f", "abc", "abd"};  // "abc" < "abd": shared prefixes
    std::mt19937 random(seed);
    for (int shard = 0; shard < 2; ++shard) {
        out.table.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
        out.values.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }
    for (std::size_t i = 0; i < documents; ++i) {
        Xapian::Document in_table;
        Xapian::Document in_values;
        PositionBlobBuilder blob;
        const std::size_t length = 1 + random() % 30;
        Xapian::termpos position = 1 + random() % 3;
        for (std::size_t w = 0; w < length; ++w) {
            const std::string& term = out.vocabulary[random() % out.vocabulary.size()];
            in_table.add_posting(term, position);
            in_values.add_term(term);
            blob.add(term, position);
            if (random() % 4 == 0) {
                // A title word: its prefixed copy at the same position. Only those share a
                // position in Lupe's documents, and no query mixes the two.
                in_table.add_posting("S" + term, position);
                in_values.add_term("S" + term);
                blob.add("S" + term, position);
            }
            position += random() % 10 == 0 ? 5 : 1;  // now and then a gap
        }
        // A term without positions (like a compound's part): no phrase may use it.
        in_table.add_term("plain");
        in_values.add_term("plain");
        in_values.add_value(schema::kPositionsSlot, blob.finish());
        out.table[i % 2].add_document(in_table);
        out.values[i % 2].add_document(in_values);
    }
    for (int shard = 0; shard < 2; ++shard) {
        out.table_db.add_database(out.table[shard]);
        out.values_db.add_database(out.values[shard]);
    }
    return out;
}

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::set<Xapian::docid> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
}

std::vector<Xapian::docid> ranked(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::vector<Xapian::docid> out;
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    return out;
}

bool repeats_a_word(const std::vector<Xapian::Query>& subqueries) {
    std::set<std::string> seen;
    std::size_t count = 0;
    for (const auto& subquery : subqueries) {
        for (auto it = subquery.get_terms_begin(); it != subquery.get_terms_end(); ++it, ++count) seen.insert(*it);
    }
    return seen.size() != count;
}

}  // namespace

TEST_CASE("phrase and NEAR match the same documents from values as Xapian from its table",
          "[search][positions]") {
    const unsigned seed = GENERATE(1u, 2u, 3u);
    const TwinIndexes twin = twin_indexes(seed, 400);
    std::mt19937 random(seed * 7919);
    const PhraseSupport table{PositionStore::Table, false};
    const PhraseSupport values{PositionStore::Values, false};
    std::size_t nonempty = 0;
    for (int round = 0; round < 400; ++round) {
        const std::size_t words = 2 + random() % 3;
        const std::string prefix = random() % 3 == 0 ? "S" : "";
        const auto op = random() % 2 ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR;
        std::vector<Xapian::Query> subqueries;
        for (std::size_t w = 0; w < words; ++w) {
            const auto& v = twin.vocabulary;
            if (random() % 5 == 0) {
                subqueries.emplace_back(Xapian::Query::OP_OR, Xapian::Query(prefix + v[random() % v.size()]),
                                        Xapian::Query(prefix + v[random() % v.size()]));
            } else if (random() % 20 == 0) {
                subqueries.emplace_back("plain");
            } else {
                subqueries.emplace_back(prefix + v[random() % v.size()]);
            }
        }
        // NEAR with a word in two places differs from Xapian 1.4's (which may miss a match
        // there, see the last test): compared only without.
        if (op == Xapian::Query::OP_NEAR && repeats_a_word(subqueries)) continue;
        const auto window = static_cast<Xapian::termcount>(words + random() % 5);
        const Xapian::Query xapian = lupe::positional_query(op, subqueries, window, table);
        const Xapian::Query lupe = lupe::positional_query(op, subqueries, window, values);
        INFO(xapian.get_description());
        const auto expected = matches(twin.table_db, xapian);
        CHECK(matches(twin.values_db, lupe) == expected);
        nonempty += !expected.empty();
        // Inside an AND and an AND_NOT the matcher asks the filter about single documents.
        const Xapian::Query other(twin.vocabulary[random() % twin.vocabulary.size()]);
        CHECK(matches(twin.values_db, Xapian::Query(Xapian::Query::OP_AND, other, lupe)) ==
              matches(twin.table_db, Xapian::Query(Xapian::Query::OP_AND, other, xapian)));
        CHECK(matches(twin.values_db, Xapian::Query(Xapian::Query::OP_AND_NOT, other, lupe)) ==
              matches(twin.table_db, Xapian::Query(Xapian::Query::OP_AND_NOT, other, xapian)));
    }
    CHECK(nonempty > 100);  // the comparison saw matches, not just empty sets
}

TEST_CASE("a phrase from values ranks as Xapian's phrase", "[search][positions]") {
    const TwinIndexes twin = twin_indexes(11, 400);
    const PhraseSupport table{PositionStore::Table, false};
    const PhraseSupport values{PositionStore::Values, false};
    const std::vector<Xapian::Query> words{Xapian::Query("a"), Xapian::Query("b")};
    const Xapian::Query phrase_table = lupe::positional_query(Xapian::Query::OP_PHRASE, words, 2, table);
    const Xapian::Query phrase_values = lupe::positional_query(Xapian::Query::OP_PHRASE, words, 2, values);
    REQUIRE_FALSE(ranked(twin.table_db, phrase_table).empty());
    // A phrase weighs as the AND of its words: the same order, ties by docid.
    CHECK(ranked(twin.values_db, phrase_values) == ranked(twin.table_db, phrase_table));
}

TEST_CASE("phrases are rebuilt for where the index keeps positions", "[search][positions]") {
    Xapian::QueryParser parser;
    const Xapian::Query parsed = parser.parse_query("\"a b c\" OR (d NEAR e)");
    const PhraseSupport table{PositionStore::Table, false};
    const PhraseSupport values{PositionStore::Values, false};
    CHECK(lupe::all_as_store(parsed, table).get_description() == parsed.get_description());
    const std::string rebuilt = lupe::all_as_store(parsed, values).get_description();
    CHECK(rebuilt.find("PositionFilter(phrase 3 a b c)") != std::string::npos);
    CHECK(rebuilt.find("PositionFilter(near 11 d e)") != std::string::npos);  // NEAR's default: 10 apart
    CHECK(rebuilt.find("PHRASE") == std::string::npos);
    // A remote index cannot check positions kept in values: a clear error, not a silent miss.
    CHECK_THROWS_AS(lupe::all_as_store(parsed, PhraseSupport{PositionStore::Values, true}), PhraseError);
}

TEST_CASE("a synonym of a phrase from values matches what Xapian's would", "[search][positions]") {
    const TwinIndexes twin = twin_indexes(5, 400);
    const PhraseSupport table{PositionStore::Table, false};
    const PhraseSupport values{PositionStore::Values, false};
    const std::vector<Xapian::Query> words{Xapian::Query("c"), Xapian::Query("d")};
    const Xapian::Query in_table(Xapian::Query::OP_SYNONYM, Xapian::Query("abd"),
                                 lupe::positional_query(Xapian::Query::OP_PHRASE, words, 2, table));
    const Xapian::Query in_values =
        lupe::synonym_query({Xapian::Query("abd"), lupe::positional_query(Xapian::Query::OP_PHRASE, words, 2, values)});
    const auto expected = matches(twin.table_db, in_table);
    REQUIRE(expected.size() > matches(twin.table_db, Xapian::Query("abd")).size());
    CHECK(matches(twin.values_db, in_values) == expected);
}

TEST_CASE("PositionFilter checks positions as Xapian's operators do", "[search][positions]") {
    using Order = PositionFilter::Order;
    // Phrase: in order, strictly after each other, the last less than `window` after the first.
    CHECK(PositionFilter::matches({{3}, {4}}, 2, Order::InOrder));
    CHECK_FALSE(PositionFilter::matches({{4}, {3}}, 2, Order::InOrder));
    CHECK_FALSE(PositionFilter::matches({{3}, {5}}, 2, Order::InOrder));
    CHECK(PositionFilter::matches({{3}, {5}}, 3, Order::InOrder));
    CHECK(PositionFilter::matches({{1, 10}, {12, 20}, {11, 13}}, 4, Order::InOrder));
    CHECK_FALSE(PositionFilter::matches({{5}, {5}}, 2, Order::InOrder));  // "die die" needs two
    CHECK(PositionFilter::matches({{5, 6}, {5, 6}}, 2, Order::InOrder));
    // NEAR: any order, a position of its own for each word.
    CHECK(PositionFilter::matches({{9}, {4}}, 6, Order::AnyOrder));
    CHECK_FALSE(PositionFilter::matches({{9}, {4}}, 5, Order::AnyOrder));
    CHECK_FALSE(PositionFilter::matches({{4}, {4}}, 10, Order::AnyOrder));
    CHECK(PositionFilter::matches({{4, 7}, {4}}, 10, Order::AnyOrder));
    CHECK(PositionFilter::matches({{1, 2}, {1}, {2, 30}}, 30, Order::AnyOrder));
    CHECK_FALSE(PositionFilter::matches({{1, 2}, {1}, {2}}, 30, Order::AnyOrder));
    CHECK_FALSE(PositionFilter::matches({{1}, {}}, 30, Order::AnyOrder));
    // Two words at one position and the other word next to them: a match (Xapian 1.4's NEAR
    // misses it: different words at one position are why the test above has no such words).
    CHECK(PositionFilter::matches({{7, 10}, {1, 5, 10, 11}}, 2, Order::AnyOrder));
}
