#pragma once
// SearchResult: what a search returns, encoded to JSON by ResultJson (CLI and HTTP alike).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "search/SearchRequest.h"

namespace lupe {

struct Hit {
    std::string id;
    std::string title;
    std::string source;
    std::string topic;
    std::string date;     // ISO, empty when unknown
    std::string url;
    double score = 0;
    std::string snippet;  // HTML-escaped text with <mark>…</mark> around matched words
};

struct FacetCount {
    std::string value;
    std::uint64_t count = 0;
};

struct FacetResult {
    Facet facet;
    std::vector<FacetCount> counts;  // by count descending, then value ascending
};

struct SearchResult {
    std::string query;
    std::uint64_t total = 0;  // number of matching articles, exact when total_exact
    bool total_exact = true;  // false: Xapian's estimate (no facets, many matches)
    std::size_t offset = 0;
    std::size_t limit = 0;
    double took_ms = 0;
    std::vector<Hit> hits;
    std::vector<FacetResult> facets;  // in the order requested
    std::optional<std::string> suggestion;
};

}  // namespace lupe
