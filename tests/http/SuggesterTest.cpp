// Suggester: completions of the last word from a spelling table (filled here by hand, the way
// the indexer fills it: case-folded words, lower-cased ones where they hold ß).
#include <catch2/catch.hpp>

#include <xapian.h>

#include "search/Suggester.h"
#include "support/TestSupport.h"

using lupe::Suggester;
using Words = std::vector<std::string>;

namespace {

struct SpellingTable {
    SpellingTable() {
        Xapian::WritableDatabase db(dir.str(), Xapian::DB_CREATE_OR_OPEN);
        const std::pair<const char*, Xapian::termcount> words[] = {
            {"bundesregierung", 9}, {"bundestag", 5}, {"bundesliga", 5}, {"bund", 4},
            {"bundesrat", 1},       {"straße", 6},    {"straßenbahn", 2}, {"strasser", 3},
            {"überweisung", 2},     {"übersicht", 7}, {"klima", 3},       {"klimaschutz", 8},
        };
        for (const auto& [word, count] : words) db.add_spelling(word, count);
        for (int i = 0; i < 20; ++i) db.add_spelling("kfz" + std::string(1, static_cast<char>('a' + i)), 1);
        db.commit();
    }
    lupe::test::TempDir dir;
};

const Xapian::Database& table() {
    static const SpellingTable t;
    static const Xapian::Database db(t.dir.str());
    return db;
}

}  // namespace

TEST_CASE("Suggester completes the last word, most frequent first", "[http][suggest]") {
    const Suggester s(table());
    struct Row {
        std::string query;
        Words expected;
    };
    const Row rows[] = {
        {"bund", {"bundesregierung", "bundesliga", "bundestag", "bundesrat"}},
        {"Bund", {"Bundesregierung", "Bundesliga", "Bundestag", "Bundesrat"}},
        {"Klima Bundesr", {"Bundesregierung", "Bundesrat"}},
        {"klima", {"klimaschutz"}},
        {"\"klim", {"klimaschutz", "klima"}},
        {"title:klim", {"klimaschutz", "klima"}},
        {"(Klima OR Über", {"Übersicht", "Überweisung"}},
        {"STRASS", {"Strasser"}},
        {"Straß", {"Straße", "Strasser", "Straßenbahn"}},  // both spellings: straß..., strass...
        {"strasse", {"strasser"}},
        {"bundesregierung", {}},
        {"b", {}},
        {"", {}},
        {"Klima ", {}},
        {"klima2", {}},
        {"xyz", {}},
    };
    for (const Row& row : rows) {
        INFO("query: " << row.query);
        CHECK(s.complete(row.query) == row.expected);
    }
}

TEST_CASE("Suggester returns at most `max` completions", "[http][suggest]") {
    const Suggester s(table());
    CHECK(s.complete("kfz").size() == Suggester::kDefaultMax);
    CHECK(s.complete("kfz", 3) == Words{"kfza", "kfzb", "kfzc"});
    CHECK(s.complete("kfz", 0).empty());
}

TEST_CASE("Suggester ignores words longer than the vocabulary keeps", "[http][suggest]") {
    const Suggester s(table());
    CHECK(s.complete(std::string(Suggester::kMaxWordBytes + 1, 'b')).empty());
    CHECK(s.complete(std::string(100000, 'b')).empty());
}

TEST_CASE("Suggester::last_word is the run of letters at the end", "[http][suggest]") {
    CHECK(Suggester::last_word("Klima Bund") == "Bund");
    CHECK(Suggester::last_word("a-Über") == "Über");
    CHECK(Suggester::last_word("\"Klima") == "Klima");
    CHECK(Suggester::last_word("Klima ").empty());
    CHECK(Suggester::last_word("date:2024").empty());
    CHECK(Suggester::last_word("\xFF\xFE").empty());
    CHECK(Suggester::last_word("x\xC3").empty());
}
