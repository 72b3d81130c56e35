#include "search/FacetCounter.h"

#include <algorithm>
#include <map>

#include "index/Schema.h"

namespace lupe {
namespace {

constexpr auto kSource = static_cast<std::size_t>(FacetField::Source);
constexpr auto kTopic = static_cast<std::size_t>(FacetField::Topic);
constexpr auto kMonth = static_cast<std::size_t>(FacetField::Month);
constexpr auto kDay = static_cast<std::size_t>(FacetField::Day);

bool wants(const std::vector<Facet>& facets, Facet a, Facet b) {
    return std::find(facets.begin(), facets.end(), a) != facets.end() ||
           std::find(facets.begin(), facets.end(), b) != facets.end();
}

std::vector<std::string> filter_terms(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<std::string> terms;
    for (const auto& v : values) terms.push_back(schema::filter_term(prefix, v));
    return terms;
}

std::vector<FacetCount> sorted(const std::map<std::string, std::uint64_t>& values) {
    std::vector<FacetCount> out;
    for (const auto& [value, count] : values) out.push_back({value, count});
    std::stable_sort(out.begin(), out.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

}  // namespace

FacetPass plan_facet_pass(const SearchRequest& request, UnfacetedFilters unfaceted) {
    FacetPass pass{request, {}};
    const auto& facets = request.facets;
    const bool all = unfaceted == UnfacetedFilters::Checked;
    if ((all || wants(facets, Facet::Source, Facet::Source)) && !request.sources.empty()) {
        pass.checks.source_terms = filter_terms(schema::kSourcePrefix, request.sources);
        pass.pushed.sources.clear();
    }
    if ((all || wants(facets, Facet::Topic, Facet::Topic)) && !request.topics.empty()) {
        pass.checks.topic_terms = filter_terms(schema::kTopicPrefix, request.topics);
        pass.pushed.topics.clear();
    }
    if ((all || wants(facets, Facet::Month, Facet::Year)) && (request.from || request.to)) {
        // The same bounds Searcher's value range uses.
        pass.checks.from = request.from ? request.from->compact() : "00000000";
        pass.checks.to = request.to ? request.to->compact() : "99999999";
        pass.pushed.from.reset();
        pass.pushed.to.reset();
    }
    return pass;
}

std::array<bool, kFacetFields> facet_fields_read(const FacetChecks& checks, const std::vector<Facet>& facets) {
    std::array<bool, kFacetFields> fields{};
    fields[kSource] = !checks.source_terms.empty() || wants(facets, Facet::Source, Facet::Source);
    fields[kTopic] = !checks.topic_terms.empty() || wants(facets, Facet::Topic, Facet::Topic);
    fields[kMonth] = wants(facets, Facet::Month, Facet::Year);
    fields[kDay] = checks.from.has_value();
    return fields;
}

FacetCounter::FacetCounter(FacetColumns& columns, FacetChecks checks, const std::vector<Facet>& facets)
    : columns_(columns), checks_(std::move(checks)) {
    checked_[kSource] = !checks_.source_terms.empty();
    checked_[kTopic] = !checks_.topic_terms.empty();
    checked_[kDay] = checks_.from.has_value();
    counted_[kSource] = wants(facets, Facet::Source, Facet::Source);
    counted_[kTopic] = wants(facets, Facet::Topic, Facet::Topic);
    counted_[kMonth] = wants(facets, Facet::Month, Facet::Year);
    for (std::size_t f = 0; f < kFacetFields; ++f) {
        if (counted_[f]) counts_[f].assign(columns_.size(static_cast<FacetField>(f)), 0);
        if (checked_[f]) verdicts_[f].assign(columns_.size(static_cast<FacetField>(f)), -1);
    }
}

bool FacetCounter::decide(FacetField field, std::uint32_t ordinal) const {
    if (ordinal == 0) return false;  // no value: no filter term, no date
    const std::string& value = columns_.value(field, ordinal);
    const auto in = [&](const std::vector<std::string>& terms, std::string_view prefix) {
        return std::find(terms.begin(), terms.end(), schema::filter_term(prefix, value)) != terms.end();
    };
    switch (field) {
        case FacetField::Source: return in(checks_.source_terms, schema::kSourcePrefix);
        case FacetField::Topic: return in(checks_.topic_terms, schema::kTopicPrefix);
        case FacetField::Day: return *checks_.from <= value && value <= *checks_.to;
        case FacetField::Month: break;
    }
    return true;
}

bool FacetCounter::passes(FacetField field, std::uint32_t ordinal) {
    const auto f = static_cast<std::size_t>(field);
    if (!checked_[f]) return true;
    auto& verdicts = verdicts_[f];
    if (ordinal >= verdicts.size()) verdicts.resize(ordinal + 1, -1);  // lazily filled columns
    if (verdicts[ordinal] < 0) verdicts[ordinal] = decide(field, ordinal) ? 1 : 0;
    return verdicts[ordinal] == 1;
}

void FacetCounter::operator()(const Xapian::Document& doc, double) { add(columns_.row(doc)); }

void FacetCounter::add(const FacetRow& row) {
    const bool source = passes(FacetField::Source, row.ordinal[kSource]);
    const bool topic = passes(FacetField::Topic, row.ordinal[kTopic]);
    const bool date = passes(FacetField::Day, row.ordinal[kDay]);
    const auto count = [&](std::size_t f) {
        if (!counted_[f]) return;
        const std::uint32_t ordinal = row.ordinal[f];
        if (ordinal >= counts_[f].size()) counts_[f].resize(ordinal + 1, 0);
        ++counts_[f][ordinal];
    };
    const int failed = !source + !topic + !date;
    if (failed == 0) {
        ++total_;
        count(kSource);
        count(kTopic);
        count(kMonth);
    } else if (failed == 1) {
        // Multi-select: a facet ignores its own field's filter.
        if (!source) count(kSource);
        if (!topic) count(kTopic);
        if (!date) count(kMonth);
    }
}

std::vector<FacetCount> FacetCounter::counts(Facet facet) const {
    const std::size_t f = facet == Facet::Source ? kSource : facet == Facet::Topic ? kTopic : kMonth;
    const auto field = static_cast<FacetField>(f);
    std::map<std::string, std::uint64_t> values;
    for (std::uint32_t ordinal = 1; ordinal < counts_[f].size(); ++ordinal) {
        if (counts_[f][ordinal] == 0) continue;
        const std::string& value = columns_.value(field, ordinal);
        values[facet == Facet::Year ? value.substr(0, 4) : value] += counts_[f][ordinal];
    }
    return sorted(values);
}

}  // namespace lupe
