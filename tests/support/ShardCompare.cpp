#include "support/ShardCompare.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

namespace lupe::test {
namespace {

long long weight_key(double weight) { return std::llround(weight * 1e6); }

// Ids by rounded weight.
std::map<long long, std::set<std::string>> by_weight(const SearchResult& result) {
    std::map<long long, std::set<std::string>> out;
    for (const Hit& hit : result.hits) out[weight_key(hit.score)].insert(hit.id);
    return out;
}

std::vector<long long> weights(const SearchResult& result) {
    std::vector<long long> out;
    for (const Hit& hit : result.hits) out.push_back(weight_key(hit.score));
    return out;
}

void require_ties_within(const SearchResult& page, Searcher& other, SearchRequest request,
                         const std::string& label) {
    if (page.hits.empty()) return;
    const auto groups = by_weight(page);
    const long long lowest = groups.begin()->first;
    // Every id `page` shows at the lowest weight must be ranked at that weight by `other`:
    // look at `other`'s first 100 hits (one page at most; ties beyond are not expected).
    request.offset = 0;
    request.limit = SearchRequest::kMaxLimit;
    request.facets.clear();
    const SearchResult wide = other.search(request);
    std::set<std::string> tied;
    for (const Hit& hit : wide.hits) {
        if (weight_key(hit.score) == lowest) tied.insert(hit.id);
    }
    for (const auto& id : groups.begin()->second) {
        INFO(label << ": " << id << " tied at the lowest weight of the page");
        CHECK(tied.count(id) == 1);
    }
}

}  // namespace

void require_same_answers(Searcher& expected, Searcher& actual, const SearchRequest& request,
                          const std::string& label) {
    const SearchResult a = expected.search(request);
    const SearchResult b = actual.search(request);
    INFO(label);
    REQUIRE(a.total == b.total);
    REQUIRE(a.total_exact == b.total_exact);
    REQUIRE(weights(a) == weights(b));
    auto ga = by_weight(a);
    auto gb = by_weight(b);
    if (!ga.empty()) {
        // Above the lowest weight of the page: the same ids per weight.
        const long long lowest = ga.begin()->first;
        ga.erase(lowest);
        gb.erase(lowest);
        REQUIRE(ga == gb);
        require_ties_within(a, actual, request, label);
        require_ties_within(b, expected, request, label);
    }
    REQUIRE(a.facets.size() == b.facets.size());
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
        INFO("facet " << facet_name(a.facets[f].facet));
        REQUIRE(a.facets[f].facet == b.facets[f].facet);
        REQUIRE(a.facets[f].counts.size() == b.facets[f].counts.size());
        for (std::size_t i = 0; i < a.facets[f].counts.size(); ++i) {
            REQUIRE(a.facets[f].counts[i].value == b.facets[f].counts[i].value);
            REQUIRE(a.facets[f].counts[i].count == b.facets[f].counts[i].count);
        }
    }
}

}  // namespace lupe::test
