// SearcherOptions::time_limit: a search stops matching at its deadline and says so.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::SearcherOptions;
using lupe::test::hit_ids;
using lupe::test::search_fixture;
using namespace std::chrono_literals;

namespace {

SearchRequest request(const std::string& query, bool facets) {
    SearchRequest r;
    r.query = query;
    r.limit = 100;
    if (facets) r.facets = {lupe::Facet::Source, lupe::Facet::Topic};
    return r;
}

Searcher limited(std::chrono::nanoseconds limit) {
    SearcherOptions options;
    options.time_limit = limit;
    return Searcher(search_fixture().folder(), options);
}

}  // namespace

TEST_CASE("Without a time limit, or with a generous one, nothing is partial and the result is the same",
          "[search][reliability]") {
    const bool facets = GENERATE(false, true);
    Searcher unlimited(search_fixture().folder());
    Searcher generous = limited(60s);
    for (const char* query : {"Analysten", "Regierung OR Markt", "", "Halb*", "\"die Regierung\" -Markt"}) {
        INFO(query << " facets " << facets);
        const auto a = unlimited.search(request(query, facets));
        const auto b = generous.search(request(query, facets));
        CHECK_FALSE(a.partial);
        CHECK_FALSE(b.partial);
        CHECK(hit_ids(a) == hit_ids(b));
        CHECK(a.total == b.total);
        CHECK(a.total_exact == b.total_exact);
        REQUIRE(a.facets.size() == b.facets.size());
        // Without a limit facets are counted from posting lists, with one by Xapian's matcher.
        for (std::size_t f = 0; f < a.facets.size(); ++f) {
            REQUIRE(a.facets[f].counts.size() == b.facets[f].counts.size());
            for (std::size_t i = 0; i < a.facets[f].counts.size(); ++i) {
                CHECK(a.facets[f].counts[i].value == b.facets[f].counts[i].value);
                CHECK(a.facets[f].counts[i].count == b.facets[f].counts[i].count);
            }
        }
    }
}

TEST_CASE("A search past its time limit returns at once what it has, marked partial", "[search][reliability]") {
    const bool facets = GENERATE(false, true);
    Searcher unlimited(search_fixture().folder());
    Searcher expired = limited(1ns);  // over before matching begins
    const auto full = unlimited.search(request("", facets));  // every article matches
    const auto cut = expired.search(request("", facets));
    REQUIRE(full.total > 0);
    CHECK_FALSE(full.partial);
    CHECK(cut.partial);
    CHECK_FALSE(cut.total_exact);
    CHECK(cut.hits.size() < full.hits.size());
    CHECK(cut.total < full.total);
}

TEST_CASE("related() also stops at the time limit", "[search][reliability]") {
    Searcher unlimited(search_fixture().folder());
    const std::string id = search_fixture().articles().front().id;
    const auto full = unlimited.related(id, 10);
    REQUIRE(full);
    CHECK_FALSE(full->partial);
    const auto cut = limited(1ns).related(id, 10);
    REQUIRE(cut);
    CHECK(cut->partial);
    CHECK(cut->hits.size() <= full->hits.size());
}

TEST_CASE("match_work: the postings a match may read, from term frequencies", "[search][reliability]") {
    const std::map<std::string, Xapian::doccount> frequencies = {{"regen", 40}, {"sturm", 7}, {"hagel", 0}};
    const lupe::TermFrequency frequency = [&](const std::string& term) { return frequencies.at(term); };
    const Xapian::doccount all = 1000;
    using Q = Xapian::Query;
    const auto work = [&](const Q& query) { return lupe::match_work(query, all, frequency); };
    CHECK(work(Q("regen")) == 40);
    CHECK(work(Q(Q::OP_OR, Q("regen"), Q("sturm"))) == 47);
    // Each leaf opens its own posting list: a term in two branches counts twice.
    const Q both(Q::OP_AND, Q("regen"), Q("sturm"));
    CHECK(work(Q(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, both, 8.0), Q(Q::OP_OR, Q("regen"), Q("hagel")))) == 87);
    CHECK(work(Q::MatchNothing) == 0);
    // What statistics do not bound counts as every document.
    CHECK(work(Q::MatchAll) == all);
    CHECK(work(Q(Q::OP_WILDCARD, "reg")) == all);
    CHECK(work(Q(Q::OP_VALUE_RANGE, 0, "20240101", "20241231")) == all);
    CHECK(work(Q(Q::OP_FILTER, Q("sturm"), Q(Q::OP_VALUE_GE, 0, "2024"))) == 7 + all);
}

TEST_CASE("A search whose lists are short is not cut; a long one is", "[search][reliability]") {
    // 1 ns allows no posting: every query that reads one is watched, and the deadline has
    // passed before matching begins.
    Searcher expired = limited(1ns);
    Searcher unlimited(search_fixture().folder());
    const auto full = unlimited.search(request("Halb*", false));
    const auto cut = expired.search(request("Halb*", false));
    REQUIRE(full.total > 0);
    CHECK(cut.partial);
    CHECK(cut.total < full.total);
    // A source no article has reads nothing: nothing to cut, so the answer is whole. (A word
    // no article holds would be widened to its spelling variants, which articles hold.)
    const auto none = expired.search(request("source:Nirgendwo", false));
    CHECK_FALSE(none.partial);
    CHECK(none.total == 0);
}
