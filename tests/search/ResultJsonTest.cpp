// result_json_text: the same bytes as dump_json(result_json(...)), for crafted and real results.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "search/FixtureIndex.h"
#include "search/ResultJson.h"
#include "search/Searcher.h"

using lupe::Facet;
using lupe::SearchRequest;
using lupe::SearchResult;
using lupe::test::search_fixture;

namespace {

std::string through_tree(const SearchResult& result) { return lupe::dump_json(lupe::result_json(result)); }

// Every byte below 0x20, quotes, backslashes, DEL, UTF-8 of two to four bytes, HTML.
std::string awkward_text() {
    std::string text = "\"quoted\" back\\slash \x7F Größe 😀 <mark>x</mark> ";
    for (int c = 0; c < 0x20; ++c) text += static_cast<char>(c);
    return text;
}

SearchResult crafted(bool collapse, bool with_facets, bool missing) {
    SearchResult r;
    r.query = awkward_text();
    r.total = 12345678901ULL;
    r.total_exact = false;
    r.partial = !missing;
    r.articles = 42;
    r.collapse = collapse;
    r.offset = 20;
    r.limit = 10;
    r.took_ms = 1.23456789;
    const double scores[] = {0.0, 1.0, 2.5, 1e-7, 123456.789, 1e20, -3.25, 0.1 + 0.2,
                             std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
    for (const double score : scores) {
        lupe::Hit h;
        h.id = "id/" + std::to_string(r.hits.size());
        h.title = awkward_text();
        h.source = "Quelle";
        h.date = r.hits.empty() ? "" : "2024-10-08";
        h.url = "https://example.org/a?b=c&d=\"e\"";
        h.score = score;
        h.snippet = "…<mark>Wort</mark>\n" + awkward_text();
        h.cluster = "c" + std::to_string(r.hits.size() % 3);
        h.similar = r.hits.size();
        r.hits.push_back(h);
    }
    if (with_facets) {
        r.facets.push_back({Facet::Source, {{"Tagesspiegel", 10}, {awkward_text(), 2}}});
        r.facets.push_back({Facet::Topic, {}});
        r.facets.push_back({Facet::Month, {{"2024-10", 7}}});
        r.suggestion = "Flüchtlinge \"steigern\"";
    }
    if (missing) r.missing_shards = {"127.0.0.1:1234", "host:5"};
    return r;
}

}  // namespace

TEST_CASE("result_json_text writes what the JSON tree dumps: crafted results", "[search][json]") {
    const bool collapse = GENERATE(false, true);
    const bool facets = GENERATE(false, true);
    const bool missing = GENERATE(false, true);
    const SearchResult r = crafted(collapse, facets, missing);
    CHECK(lupe::result_json_text(r) == through_tree(r));
    CHECK(lupe::result_json_text(SearchResult{}) == through_tree(SearchResult{}));
}

TEST_CASE("result_json_text replaces invalid UTF-8 as the JSON tree does", "[search][json]") {
    SearchResult r;
    r.query = "ab\xC3\x28 cd \xFF\xFE ef \xE2\x82";  // a bad continuation, stray bytes, a cut sequence
    lupe::Hit h;
    h.snippet = "\xC0\xAF <mark>x</mark>";
    r.hits.push_back(h);
    CHECK(lupe::result_json_text(r) == through_tree(r));
}

TEST_CASE("result_json_text writes what the JSON tree dumps: searches of the fixture", "[search][json]") {
    lupe::Searcher searcher(search_fixture().folder());
    for (const char* query : {"Regierung", "Analysten Markt", "", "Halb*", "Regirung", "\"die Regierung\" -Markt"}) {
        for (const bool collapse : {false, true}) {
            SearchRequest request;
            request.query = query;
            request.limit = 20;
            request.collapse = collapse;
            request.facets = {Facet::Source, Facet::Topic, Facet::Month, Facet::Year};
            INFO(query << " collapse " << collapse);
            const SearchResult r = searcher.search(request);
            CHECK(lupe::result_json_text(r) == through_tree(r));
        }
    }
}
