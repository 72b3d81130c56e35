// Lupe's query language (QueryBuilder, through Searcher::search) against the fixture: every
// row's expected set is computed from the articles' own words, sources, topics and dates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <iterator>

#include "search/FixtureIndex.h"
#include "search/QueryBuilder.h"
#include "search/Searcher.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::FixtureArticle;
using lupe::test::FixtureIndex;
using lupe::test::hit_id_set;
using lupe::test::hit_ids;
using lupe::test::search_fixture;

namespace {

using Ids = std::set<std::string>;

Ids minus(const Ids& a, const Ids& b) {
    Ids out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}
Ids both(const Ids& a, const Ids& b) {
    Ids out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}
Ids either(Ids a, const Ids& b) {
    a.insert(b.begin(), b.end());
    return a;
}

const FixtureIndex& fx() { return search_fixture(); }
Ids word(const char* w) { return fx().ids_with_word(w); }
Ids source(const std::string& s) { return fx().ids_where([&](const FixtureArticle& a) { return a.source == s; }); }
Ids topic(const std::string& t) { return fx().ids_where([&](const FixtureArticle& a) { return a.topic == t; }); }
// Dated articles with `from <= date <= to` (ISO strings compare like dates).
Ids dated(const std::string& from, const std::string& to) {
    return fx().ids_where([&](const FixtureArticle& a) { return !a.date.empty() && a.date >= from && a.date <= to; });
}
Ids with_term_prefix(const std::string& prefix) {
    return fx().ids_where([&](const FixtureArticle& a) {
        const auto it = a.terms.lower_bound(prefix);
        return it != a.terms.end() && it->rfind(prefix, 0) == 0;
    });
}

lupe::SearchResult search(Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    return searcher.search(request);
}

}  // namespace

TEST_CASE("Query operators, fields and dates match exactly the articles they describe", "[search]") {
    struct Row {
        std::string query;
        std::function<Ids()> expected;
    };
    const std::vector<Row> rows = {
        {"Halbleiter", [] { return word("Halbleiter"); }},
        {"Halbleiter NOT Magdeburg", [] { return minus(word("Halbleiter"), word("Magdeburg")); }},
        {"Halbleiter -Magdeburg", [] { return minus(word("Halbleiter"), word("Magdeburg")); }},
        {"Russland AND NOT Sanktionen", [] { return minus(word("Russland"), word("Sanktionen")); }},
        {"Sanktionen AND Russland", [] { return both(word("Sanktionen"), word("Russland")); }},
        {"Sanktionen OR Zölle", [] { return either(word("Sanktionen"), word("Zölle")); }},
        {"(Sanktionen OR Zölle) AND Russland",
         [] { return both(either(word("Sanktionen"), word("Zölle")), word("Russland")); }},
        {"Zölle AND (Stahl OR Moskau)", [] { return both(word("Zölle"), either(word("Stahl"), word("Moskau"))); }},
        {"die Welt", [] { return word("Welt"); }},
        {"\"die Welt\"", [] { return Ids{"welt-wahl"}; }},
        {"\"Die Welt\"", [] { return Ids{"welt-wahl"}; }},
        {"grüner Wasserstoff", [] { return either(word("grüner"), word("Wasserstoff")); }},
        {"\"grüner Wasserstoff\"", [] { return Ids{"gruener-wasserstoff"}; }},
        {"Rechenzentrum", [] { return Ids{"rechenzentrum-frankfurt", "cloud-anbieter"}; }},
        {"title:Rechenzentrum", [] { return Ids{"rechenzentrum-frankfurt"}; }},
        {"lead:Reinraum", [] { return Ids{"magdeburg-1", "magdeburg-3"}; }},
        {"source:Heise", [] { return source("Heise"); }},
        {"source:heise", [] { return source("Heise"); }},
        {"source:Heise source:FAZ", [] { return either(source("Heise"), source("FAZ")); }},
        {"topic:Sport", [] { return topic("Sport"); }},
        {"Analysten source:Heise", [] { return both(word("Analysten"), source("Heise")); }},
        {"Analysten topic:Wirtschaft source:FAZ",
         [] { return both(word("Analysten"), both(topic("Wirtschaft"), source("FAZ"))); }},
        {"date:2024", [] { return dated("2024-01-01", "2024-12-31"); }},
        {"date:2024-10", [] { return dated("2024-10-01", "2024-10-31"); }},
        {"date:2024-10-08", [] { return Ids{"chips-taiwan", "dax"}; }},
        {"date:2023-01-01..2023-12-31", [] { return dated("2023-01-01", "2023-12-31"); }},
        {"date:2023-02..2023-06", [] { return dated("2023-02-01", "2023-06-30"); }},
        {"date:2024..2025", [] { return dated("2024-01-01", "2025-12-31"); }},
        {"date:2024-11..", [] { return dated("2024-11-01", "9999"); }},
        {"date:..2022", [] { return dated("0000", "2022-12-31"); }},
        {"Analysten date:2024", [] { return both(word("Analysten"), dated("2024-01-01", "2024-12-31")); }},
        {"Halbleit*", [] { return with_term_prefix("halbleit"); }},
    };
    Searcher searcher(fx().folder());
    for (const Row& row : rows) {
        INFO("query: " << row.query);
        const Ids expected = row.expected();
        CHECK(!expected.empty());
        CHECK(expected.size() < fx().articles().size());
        const auto result = search(searcher, row.query);
        CHECK(hit_id_set(result) == expected);
        CHECK(result.total == expected.size());
    }
}

TEST_CASE("A prefix wildcard finds every word starting with it", "[search]") {
    Searcher searcher(fx().folder());
    const Ids found = hit_id_set(search(searcher, "Halbleit*"));
    CHECK(found.count("halbleiter-knapp"));     // Halbleiter
    CHECK(found.count("halbleiterindustrie"));  // Halbleiterindustrie only
}

TEST_CASE("Articles holding all query words rank above those holding some", "[search]") {
    const std::vector<const char*> words = {"Lokführer", "Warnstreik", "Tarifvertrag", "Fahrgäste"};
    Ids all_four = fx().all_ids();
    for (const char* w : words) all_four = both(all_four, word(w));
    REQUIRE(all_four == Ids{"bahn-streik", "bahn-einigung"});

    Searcher searcher(fx().folder());
    const auto ranked = hit_ids(search(searcher, "Lokführer Warnstreik Tarifvertrag Fahrgäste"));
    INFO("ranking: " << Catch::Detail::stringify(ranked));
    // The article with three of the four words (all in its title and lead) is found...
    const auto three = std::find(ranked.begin(), ranked.end(), "lokfuehrer-warnstreik");
    REQUIRE(three != ranked.end());
    // ...but only after every article with all four.
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        const bool has_all = all_four.count(ranked[i]) > 0;
        CHECK(has_all == (i < all_four.size()));
    }
}

TEST_CASE("Inflected German forms find each other and are marked in snippets", "[search]") {
    struct Row {
        const char* query;
        const char* id;      // an article holding only the other form
        const char* marked;  // the form in that article's snippet
    };
    const Row rows[] = {
        {"Chip", "chips-taiwan", "<mark>Chips</mark>"},
        {"Chips", "chip-smartphone", "<mark>Chip</mark>"},
        {"Sanktion", "sanktionen-eu", "<mark>Sanktionen</mark>"},
        {"Häuser", "haus-am-see", "<mark>Haus</mark>"},
        {"Zoll", "zoelle-russland", "<mark>Zölle</mark>"},
    };
    Searcher searcher(fx().folder());
    for (const Row& row : rows) {
        INFO("query " << row.query << ", article " << row.id);
        const auto result = search(searcher, row.query);
        CHECK(hit_id_set(result) == word(row.query));
        const auto hit = std::find_if(result.hits.begin(), result.hits.end(),
                                      [&](const lupe::Hit& h) { return h.id == row.id; });
        REQUIRE(hit != result.hits.end());
        CHECK_THAT(hit->snippet, Catch::Contains(row.marked));
    }
}

TEST_CASE("Unreadable queries give a result or a one-line error, never a crash or a hang", "[search]") {
    const std::vector<std::string> queries = {
        "\"unclosed",
        "title:",
        "date:2024-13-01..x",
        std::string(10000, '('),
        std::string(4000, '('),
        std::string(2000, ')') + std::string(2000, '"'),
        "a AND",
        "((a",
        ")",
        "NOT",
        "-",
        "*",
        "title:*",
        "date:..",
        "date:",
        "date:2024-02-30",
        "source:",
        "\xff\xfe Chip \xc3",
        "Halbleit\xe4r",
        "\"\xc3\x28 Welt\"",
        "AND OR NOT",
        "\"\"",
        "Chip*" + std::string(1, '\0') + "x",
    };
    Searcher searcher(fx().folder());
    for (const auto& query : queries) {
        INFO("query (" << query.size() << " bytes): " << query.substr(0, 40));
        try {
            const auto result = search(searcher, query);
            CHECK(result.total == result.hits.size());
        } catch (const lupe::QuerySyntaxError& e) {
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
            CHECK(std::string(e.what()).size() > 10);
        } catch (const lupe::InvalidRequest& e) {
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
            CHECK(std::string(e.what()).size() > 10);
        }
    }
}

TEST_CASE("Queries the parser cannot read with operators are read as plain words", "[search]") {
    const auto query = GENERATE(as<std::string>{}, "((Magdeburg", "Magdeburg AND", "\"Magdeburg", "Magdeburg)");
    Searcher searcher(fx().folder());
    INFO("query: " << query);
    const auto ranked = hit_ids(search(searcher, query));
    // Every article with the word, ranked first. (A dangling operator read as a word may add
    // more: `AND` is spelt like a rare word and widened to its closest spelling, `land`.)
    const Ids expected = word("Magdeburg");
    REQUIRE(ranked.size() >= expected.size());
    CHECK(Ids(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(expected.size())) == expected);
}

TEST_CASE("A date Lupe cannot read is a QuerySyntaxError naming it", "[search]") {
    const auto query = GENERATE(as<std::string>{}, "date:2024-13-01..x", "date:2024-13", "Chip date:20x4",
                                "date:2025..2024", "date:..");
    Searcher searcher(fx().folder());
    INFO("query: " << query);
    try {
        search(searcher, query);
        FAIL("no QuerySyntaxError");
    } catch (const lupe::QuerySyntaxError& e) {
        const std::string message = e.what();
        CHECK(message.find('\n') == std::string::npos);
        CHECK_THAT(message, Catch::Contains("date"));
    }
}

TEST_CASE("Over-long queries are rejected before parsing, and the parser itself survives them", "[search]") {
    Searcher searcher(fx().folder());
    SearchRequest request;
    request.query = std::string(SearchRequest::kMaxQueryBytes + 1, '(');
    CHECK_THROWS_AS(searcher.search(request), lupe::InvalidRequest);

    lupe::analysis::GermanAnalyzer analyzer;
    lupe::QueryBuilder builder(searcher.database(), analyzer);
    for (const std::string& text : {std::string(10000, '('), std::string(10000, '"'), std::string(5000, '-') + "x"}) {
        // Thousands of brackets, quotes or dashes around at most one word: the query stays a
        // few terms (work bounded by the words, not by the punctuation; a hang would hit
        // ctest's timeout, speed is not asserted here).
        Xapian::Query query;
        CHECK_NOTHROW(query = builder.build(text));
        CHECK(std::distance(query.get_terms_begin(), query.get_terms_end()) <= 8);
    }
}

TEST_CASE("last_match_set matches exactly what the built query matches, and leaves out ranking-only branches",
          "[search]") {
    Searcher searcher(fx().folder());
    lupe::analysis::GermanAnalyzer analyzer;
    lupe::QueryBuilder builder(searcher.database(), analyzer);
    const auto docids = [&](const Xapian::Query& query) {
        Xapian::Enquire enquire(searcher.database());
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        std::set<Xapian::docid> out;
        for (const auto& item : enquire.get_mset(0, searcher.database().get_doccount())) out.insert(item);
        return out;
    };
    struct Row {
        std::string query;
        bool narrower;  // the match set leaves out the all-words boost
    };
    const Row rows[] = {
        {"Intel Magdeburg Subventionen", true},
        {"Chipfabrik Reinraum Europa", true},
        {"Sachsen-Anhalt Subventionen", true},
        {"\"Intel plant\" Magdeburg", true},
        {"title:Intel Reinraum", true},
        {"Intel OR Magdeburg", false},               // nothing to boost: one query
        {"Intel", false},
        {"Analysten Hersteller -Intel", false},       // a negation: both branches kept
        {"Analysten NOT (Intel Russland)", false},    // here the AND branch matches more
        {"Analysten AND NOT (Hersteller Europa)", false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.query);
        const Xapian::Query built = builder.build(row.query);
        const Xapian::Query matches = builder.last_match_set();
        CHECK((matches.serialise() != built.serialise()) == row.narrower);
        const auto expected = docids(built);
        CHECK_FALSE(expected.empty());
        CHECK(docids(matches) == expected);
    }
}
