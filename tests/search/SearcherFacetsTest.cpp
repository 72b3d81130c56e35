// Facet counts and totals of Searcher::search against brute-force counts over the fixture.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

using lupe::Facet;
using lupe::FacetResult;
using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::FixtureArticle;
using lupe::test::search_fixture;

namespace {

using Counts = std::map<std::string, std::uint64_t>;

std::string folded(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool any_of_values(const std::string& value, const std::vector<std::string>& wanted) {
    if (wanted.empty()) return true;
    return std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return folded(w) == folded(value); });
}

// The brute-force reading of one request over the in-memory fixture.
struct Expectation {
    const SearchRequest& request;
    std::set<std::string> query_ids;  // articles the query text matches

    bool text_ok(const FixtureArticle& a) const { return query_ids.count(a.id) > 0; }
    bool source_ok(const FixtureArticle& a) const { return any_of_values(a.source, request.sources); }
    bool topic_ok(const FixtureArticle& a) const { return any_of_values(a.topic, request.topics); }
    bool date_ok(const FixtureArticle& a) const {
        if (!request.from && !request.to) return true;
        if (a.date.empty()) return false;
        return (!request.from || a.date >= request.from->iso()) && (!request.to || a.date <= request.to->iso());
    }

    std::uint64_t total() const {
        std::uint64_t n = 0;
        for (const auto& a : search_fixture().articles()) n += text_ok(a) && source_ok(a) && topic_ok(a) && date_ok(a);
        return n;
    }

    // Multi-select: a facet ignores its own field's filter; month and year ignore from/to.
    Counts facet(Facet facet) const {
        Counts counts;
        for (const auto& a : search_fixture().articles()) {
            if (!text_ok(a)) continue;
            const bool src = facet == Facet::Source || source_ok(a);
            const bool top = facet == Facet::Topic || topic_ok(a);
            const bool dat = facet == Facet::Month || facet == Facet::Year || date_ok(a);
            if (!(src && top && dat)) continue;
            const std::string value = facet == Facet::Source  ? a.source
                                      : facet == Facet::Topic ? a.topic
                                      : facet == Facet::Month ? a.date.substr(0, std::min<std::size_t>(7, a.date.size()))
                                                              : a.date.substr(0, std::min<std::size_t>(4, a.date.size()));
            if (!value.empty()) ++counts[value];
        }
        return counts;
    }
};

Counts as_map(const FacetResult& facet) {
    Counts counts;
    for (const auto& c : facet.counts) counts[c.value] = c.count;
    return counts;
}

const FacetResult& facet_of(const lupe::SearchResult& result, Facet facet) {
    for (const auto& f : result.facets) {
        if (f.facet == facet) return f;
    }
    FAIL("facet " << lupe::facet_name(facet) << " missing from the result");
    throw std::logic_error("unreachable");
}

std::optional<lupe::Date> date(const char* text, bool end) {
    if (!text) return std::nullopt;
    return lupe::parse_date_bound(text, end, "test");
}

SearchRequest request_with_all_facets(std::string query) {
    SearchRequest r;
    r.query = std::move(query);
    r.facets = {Facet::Source, Facet::Topic, Facet::Month, Facet::Year};
    return r;
}

}  // namespace

TEST_CASE("Facet counts and totals equal brute-force counts over the fixture", "[search]") {
    struct Row {
        const char* query;  // empty or one word, so that the matching set is known exactly
        std::vector<std::string> sources;
        std::vector<std::string> topics;
        const char* from;
        const char* to;
    };
    const Row rows[] = {
        {"", {}, {}, nullptr, nullptr},
        {"Analysten", {}, {}, nullptr, nullptr},
        {"", {"Heise"}, {}, nullptr, nullptr},
        {"", {"heise"}, {}, nullptr, nullptr},  // filter values are case-folded
        {"Analysten", {"Heise", "FAZ"}, {}, nullptr, nullptr},
        {"", {}, {"Wirtschaft"}, nullptr, nullptr},
        {"", {}, {"Wirtschaft", "Sport"}, nullptr, nullptr},
        {"Analysten", {"Spiegel"}, {"Wirtschaft", "Technik"}, nullptr, nullptr},
        {"", {}, {}, "2023-01-01", "2024-06-30"},
        {"Analysten", {"Zeit"}, {}, "2024", "2024"},
        {"", {"Tagesschau", "Spiegel"}, {"Politik"}, "2023", "2025-02"},
        {"Chipfabrik", {}, {"Technik"}, nullptr, nullptr},
        {"", {}, {}, "2025-01-01", nullptr},
        {"", {}, {}, nullptr, "2022-12-31"},
        {"Intel", {"Heise"}, {"Wirtschaft"}, "2023", nullptr},
        {"Sanktionen", {"NoSuchSource"}, {}, nullptr, nullptr},
    };
    const auto& fixture = search_fixture();
    Searcher searcher(fixture.folder());
    const bool keep_columns = GENERATE(true, false);  // the service's way, and the CLI's
    searcher.set_facet_columns(keep_columns);
    INFO("columns kept: " << keep_columns);
    // All facets; one facet (the other fields' filters then apply to every count); none, with
    // an exact total (every filter applies).
    const std::vector<std::vector<Facet>> facet_sets = {
        {Facet::Source, Facet::Topic, Facet::Month, Facet::Year}, {Facet::Topic}, {}};
    for (const Row& row : rows) {
        for (const auto& facets : facet_sets) {
            SearchRequest request = request_with_all_facets(row.query);
            request.facets = facets;
            request.exact_total = true;
            request.sources = row.sources;
            request.topics = row.topics;
            request.from = date(row.from, false);
            request.to = date(row.to, true);
            request.limit = 100;
            INFO("query '" << row.query << "', " << row.sources.size() << " sources, " << row.topics.size()
                           << " topics, from " << (row.from ? row.from : "-") << " to " << (row.to ? row.to : "-")
                           << ", " << facets.size() << " facets");

            const Expectation expected{request, *row.query ? fixture.ids_with_word(row.query) : fixture.all_ids()};
            const auto result = searcher.search(request);

            CHECK(result.total == expected.total());
            CHECK(result.total_exact);
            CHECK(result.hits.size() == expected.total());
            REQUIRE(result.facets.size() == facets.size());
            for (const Facet facet : request.facets) {
                INFO("facet " << lupe::facet_name(facet));
                CHECK(as_map(facet_of(result, facet)) == expected.facet(facet));
            }
        }
    }
}

TEST_CASE("Facets come in the requested order, sorted by count descending then value", "[search]") {
    Searcher searcher(search_fixture().folder());
    SearchRequest request;
    request.facets = {Facet::Year, Facet::Topic, Facet::Source, Facet::Month};
    const auto result = searcher.search(request);
    REQUIRE(result.facets.size() == 4);
    for (std::size_t i = 0; i < request.facets.size(); ++i) {
        CHECK(result.facets[i].facet == request.facets[i]);
        const auto& counts = result.facets[i].counts;
        INFO("facet " << lupe::facet_name(result.facets[i].facet));
        CHECK(counts.size() > 3);
        CHECK(std::is_sorted(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        }));
    }
}

TEST_CASE("A filtered field's own facet counts ignore that filter, other facets use it", "[search]") {
    Searcher searcher(search_fixture().folder());
    const SearchRequest unfiltered = request_with_all_facets("");
    SearchRequest heise = unfiltered;
    heise.sources = {"Heise"};
    const auto all = searcher.search(unfiltered);
    const auto only_heise = searcher.search(heise);

    // The source facet lists every source as if no source was chosen (multi-select).
    CHECK(as_map(facet_of(only_heise, Facet::Source)) == as_map(facet_of(all, Facet::Source)));
    CHECK(facet_of(only_heise, Facet::Source).counts.size() >= 4);
    // Topic and month counts only count Heise articles.
    const auto heise_topics = as_map(facet_of(only_heise, Facet::Topic));
    CHECK(heise_topics != as_map(facet_of(all, Facet::Topic)));
    std::uint64_t counted = 0;
    for (const auto& [value, count] : heise_topics) counted += count;
    CHECK(counted == search_fixture()
                         .ids_where([](const FixtureArticle& a) { return a.source == "Heise" && !a.topic.empty(); })
                         .size());
    CHECK(as_map(facet_of(only_heise, Facet::Month)) != as_map(facet_of(all, Facet::Month)));
}

TEST_CASE("Month and year facets ignore the from/to filter, source and topic facets use it", "[search]") {
    Searcher searcher(search_fixture().folder());
    const SearchRequest unfiltered = request_with_all_facets("");
    SearchRequest in_2023 = unfiltered;
    in_2023.from = lupe::parse_date_bound("2023", false, "from");
    in_2023.to = lupe::parse_date_bound("2023", true, "to");
    const auto all = searcher.search(unfiltered);
    const auto dated = searcher.search(in_2023);

    CHECK(dated.total < all.total);
    CHECK(as_map(facet_of(dated, Facet::Month)) == as_map(facet_of(all, Facet::Month)));
    CHECK(as_map(facet_of(dated, Facet::Year)) == as_map(facet_of(all, Facet::Year)));
    CHECK(as_map(facet_of(dated, Facet::Year)).size() == 4);
    CHECK(as_map(facet_of(dated, Facet::Source)) != as_map(facet_of(all, Facet::Source)));
    CHECK(as_map(facet_of(dated, Facet::Topic)) != as_map(facet_of(all, Facet::Topic)));
}
