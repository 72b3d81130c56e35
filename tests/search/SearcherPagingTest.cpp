// Pages, sorting and the limit cap of Searcher::search.
#include <catch2/catch.hpp>

#include <algorithm>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::SortOrder;
using lupe::test::hit_ids;
using lupe::test::search_fixture;

namespace {

SearchRequest page(const std::string& query, std::size_t offset, std::size_t limit, SortOrder sort) {
    SearchRequest r;
    r.query = query;
    r.offset = offset;
    r.limit = limit;
    r.sort = sort;
    return r;
}

}  // namespace

TEST_CASE("Pages of three do not overlap and together equal the full list", "[search]") {
    const auto sort = GENERATE(SortOrder::Relevance, SortOrder::Date);
    Searcher searcher(search_fixture().folder());
    const auto full = searcher.search(page("Analysten", 0, 100, sort));
    const auto expected = search_fixture().ids_with_word("Analysten");
    REQUIRE(full.hits.size() == expected.size());
    REQUIRE(full.hits.size() >= 15);

    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < full.total + 3; offset += 3) {
        const auto result = searcher.search(page("Analysten", offset, 3, sort));
        INFO("offset " << offset);
        CHECK(result.total == full.total);
        CHECK(result.offset == offset);
        CHECK(result.hits.size() == std::min<std::size_t>(3, full.total - std::min<std::size_t>(offset, full.total)));
        for (const auto& id : hit_ids(result)) paged.push_back(id);
    }
    CHECK(paged == hit_ids(full));
}

TEST_CASE("Sorting by date lists the newest first and undated articles last", "[search]") {
    Searcher searcher(search_fixture().folder());
    const auto query = GENERATE(as<std::string>{}, "", "Analysten");
    const auto result = searcher.search(page(query, 0, 100, SortOrder::Date));
    INFO("query '" << query << "'");
    REQUIRE(result.hits.size() >= 15);
    std::vector<std::string> dates;
    for (const auto& hit : result.hits) dates.push_back(hit.date.empty() ? "0000" : hit.date);
    CHECK(std::is_sorted(dates.begin(), dates.end(), std::greater<>()));
    const auto& fixture = search_fixture();
    const auto matching = query.empty() ? fixture.all_ids() : fixture.ids_with_word(query);
    std::string newest;
    for (const auto& a : fixture.articles()) {
        if (matching.count(a.id)) newest = std::max(newest, a.date);
    }
    CHECK(result.hits.front().date == newest);
    CHECK(result.hits.back().date.empty());
}

TEST_CASE("A limit above 100 is capped at 100", "[search]") {
    Searcher searcher(search_fixture().folder());
    const auto result = searcher.search(page("", 0, 1000, SortOrder::Relevance));
    CHECK(result.limit == SearchRequest::kMaxLimit);
    CHECK(result.limit == 100);
    CHECK(result.hits.size() == search_fixture().articles().size());
}
