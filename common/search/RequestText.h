#pragma once
// RequestText: a search as a person writes it (command-line options or URL parameters),
// before any of it is parsed; `build_request` is the one place where that text becomes a
// SearchRequest, so `lupe-search query` and `GET /api/search` cannot drift apart.
//
// Contract: empty `from`, `to`, `facets` and `sort` mean "not given"; `build_request` parses
// every field with the SearchRequest parse_* helpers, then validates (limit capped at
// SearchRequest::kMaxLimit) and throws InvalidRequest naming the field.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "search/SearchRequest.h"

namespace lupe {

struct RequestText {
    std::string query;                 // Lupe's query language; empty: every article
    std::vector<std::string> sources;  // any of them
    std::vector<std::string> topics;   // any of them
    std::string from;                  // YYYY, YYYY-MM or YYYY-MM-DD
    std::string to;                    // same; inclusive
    std::string facets;                // "source,topic,month,year"
    std::string sort;                  // "relevance" (default) or "date"
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::optional<double> recency;     // half-life in days
    bool collapse = false;             // near-duplicates as one result
    bool exact_total = false;          // count every match even without facets
};

SearchRequest build_request(const RequestText& text);

}  // namespace lupe
