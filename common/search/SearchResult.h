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
    std::string cluster;  // near-duplicate cluster key: copies of one text share it
    // With SearchRequest::collapse: how many other matching articles of this cluster were
    // folded into this hit (exact). Searcher::similar lists the whole cluster.
    std::uint64_t similar = 0;
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
    // Number of results: of matching articles, or with collapse of clusters (a group of copies
    // counts once), which is what paging goes through. Exact when total_exact.
    std::uint64_t total = 0;
    bool total_exact = true;     // false: Xapian's estimate (no facets, no collapse, many matches)
    bool partial = false;        // the time limit cut the matching: the best of what was looked at
                                 // (see also missing_shards; `partial` in JSON means either)
    std::uint64_t articles = 0;  // with collapse: exact number of matching articles
    bool collapse = false;       // the request's collapse flag
    std::size_t offset = 0;
    std::size_t limit = 0;
    double took_ms = 0;
    std::vector<Hit> hits;
    std::vector<FacetResult> facets;  // in the order requested
    std::optional<std::string> suggestion;
    // Shards left out because they did not answer (README, "Scaling out"): the result covers
    // the other shards only. Empty: every shard answered.
    std::vector<std::string> missing_shards;
};

}  // namespace lupe
