#pragma once
// SearchRequest: one search, as the CLI and the HTTP API both describe it.
//
// Contract: `validate()` checks every field against the documented limits and throws
// InvalidRequest naming the field; the parse_* helpers turn user text into fields and throw
// InvalidRequest too. Core code knows no HTTP status codes.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "article/Article.h"

namespace lupe {

class InvalidRequest : public std::invalid_argument {
public:
    InvalidRequest(std::string field, const std::string& message)
        : std::invalid_argument(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

enum class Facet { Source, Topic, Month, Year };
enum class SortOrder { Relevance, Date };

struct SearchRequest {
    static constexpr std::size_t kMaxLimit = 100;        // larger limits are capped to this
    static constexpr std::size_t kMaxOffset = 100000;
    static constexpr std::size_t kMaxQueryBytes = 4096;  // longer queries are rejected
    static constexpr std::size_t kMaxFilterValues = 50;
    // Without facets and without `exact_total`, the total is exact up to this many matches
    // and estimated beyond (the top-k pass then stops early; see Searcher).
    static constexpr std::size_t kExactTotalBelow = 1000;

    std::string query;                 // free text in Lupe's query language; empty: all
    std::vector<std::string> sources;  // OR-ed
    std::vector<std::string> topics;   // OR-ed
    std::optional<Date> from;          // inclusive
    std::optional<Date> to;            // inclusive
    std::vector<Facet> facets;
    std::size_t limit = 10;
    std::size_t offset = 0;
    SortOrder sort = SortOrder::Relevance;
    std::optional<double> recency_half_life_days;
    // Near-duplicates (copies of one text, see index/NearDuplicate.h) count as one result: the
    // best ranked of them, with the number of the others matching in Hit::similar.
    bool collapse = false;
    bool exact_total = false;  // count every match even without facets (costs a full pass)

    // Throws InvalidRequest; caps `limit` at kMaxLimit.
    void validate();
};

const char* facet_name(Facet facet);
std::vector<Facet> parse_facets(std::string_view list);   // "source,topic,month"
SortOrder parse_sort(std::string_view text);              // "relevance" | "date"
// "2024", "2024-10" or "2024-10-08": the first (or, with `end`, last) day of that period.
Date parse_date_bound(std::string_view text, bool end, const std::string& field);

}  // namespace lupe
