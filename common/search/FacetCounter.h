#pragma once
// FacetCounter: exact facet counts and the exact total of a request in ONE pass over its
// matches, as a Xapian::MatchSpy on FacetColumns (no value is read per match when the columns
// are loaded). Fed either as a MatchSpy of an Enquire with BoolWeight (counting needs no
// relevance weights) or match by match through add() (Searcher: the matches of match_set).
//
// Multi-select without extra passes: a filter whose field has a requested facet (source,
// topic; from/to for month and year) cannot go into the Xapian query, because that facet must
// ignore it. `plan_facet_pass` therefore splits the request: `pushed` keeps the filters Xapian
// may apply (fields without a facet), `checks` holds the others, which the counter evaluates
// per match on the columns' ordinals (once per distinct value, then by table). A match that
// passes every check counts for the total and every facet; one that fails exactly one field's
// check counts only for that field's facet (source, topic, or month and year).
//
// A match set found without any filter (MatchSet.h) plans with UnfacetedFilters::Checked:
// every filter is then a check, and a match failing only the check of a field without a facet
// counts nowhere.
//
// Contract: with the pass query `text FILTER filters(pushed)`, total() and counts() equal
// what separate Xapian passes per facet would count; counts() are sorted by count descending,
// then value ascending, without documents lacking the field. Year counts are the month counts
// summed by year. NOT thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/FacetColumns.h"
#include "search/SearchRequest.h"
#include "search/SearchResult.h"

namespace lupe {

struct FacetChecks {
    std::vector<std::string> source_terms;  // filter terms (schema::filter_term); empty: none
    std::vector<std::string> topic_terms;
    std::optional<std::string> from;  // compact YYYYMMDD, inclusive
    std::optional<std::string> to;
};

struct FacetPass {
    SearchRequest pushed;  // the request without the filters in `checks`
    FacetChecks checks;
};

// Where plan_facet_pass puts the filters of fields without a facet: into the Xapian query
// (`pushed`), or into `checks` as well (for a match set found without the filters, MatchSet.h).
enum class UnfacetedFilters { Pushed, Checked };

FacetPass plan_facet_pass(const SearchRequest& request, UnfacetedFilters unfaceted = UnfacetedFilters::Pushed);

// The fields of a row a FacetCounter with these checks and facets reads: those with a check
// or a facet (month and year both read the month).
std::array<bool, kFacetFields> facet_fields_read(const FacetChecks& checks, const std::vector<Facet>& facets);

class FacetCounter : public Xapian::MatchSpy {
public:
    FacetCounter(FacetColumns& columns, FacetChecks checks, const std::vector<Facet>& facets);

    void operator()(const Xapian::Document& doc, double weight) override;
    // Counts one match given by its facet row (for a match set found without Xapian's matcher).
    void add(const FacetRow& row);

    std::uint64_t total() const { return total_; }
    std::vector<FacetCount> counts(Facet facet) const;

private:
    bool passes(FacetField field, std::uint32_t ordinal);
    bool decide(FacetField field, std::uint32_t ordinal) const;

    FacetColumns& columns_;
    FacetChecks checks_;
    std::array<bool, kFacetFields> checked_{};  // fields with a per-match check
    std::array<bool, kFacetFields> counted_{};  // fields with a facet (Month: month or year)
    std::array<std::vector<std::int8_t>, kFacetFields> verdicts_;  // by ordinal: -1 unknown
    std::array<std::vector<std::uint64_t>, kFacetFields> counts_;   // by ordinal
    std::uint64_t total_ = 0;
};

}  // namespace lupe
