#include "search/SearchRequest.h"

#include <charconv>

#include "article/TextDecoder.h"

namespace lupe {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::optional<int> number(std::string_view s, std::size_t digits) {
    if (s.size() != digits) return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

const char* facet_name(Facet facet) {
    switch (facet) {
        case Facet::Source: return "source";
        case Facet::Topic: return "topic";
        case Facet::Month: return "month";
        case Facet::Year: return "year";
    }
    return "";
}

std::vector<Facet> parse_facets(std::string_view list) {
    std::vector<Facet> facets;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string_view name = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (name.empty()) continue;
        Facet facet;
        if (name == "source") facet = Facet::Source;
        else if (name == "topic") facet = Facet::Topic;
        else if (name == "month") facet = Facet::Month;
        else if (name == "year") facet = Facet::Year;
        else throw InvalidRequest("facets", "unknown facet '" + std::string(name.substr(0, 40)) +
                                                "' (facets: source, topic, month, year)");
        bool seen = false;
        for (const Facet f : facets) seen = seen || f == facet;
        if (!seen) facets.push_back(facet);
    }
    return facets;
}

SortOrder parse_sort(std::string_view text) {
    if (text == "relevance") return SortOrder::Relevance;
    if (text == "date") return SortOrder::Date;
    throw InvalidRequest("sort", "sort must be 'relevance' or 'date'");
}

Date parse_date_bound(std::string_view text, bool end, const std::string& field) {
    const auto bad = [&] {
        return InvalidRequest(field, field + ": '" + std::string(text.substr(0, 40)) +
                                         "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    };
    const auto year = number(text.substr(0, 4), 4);
    if (!year || *year < 1000) throw bad();
    Date date{*year, end ? 12 : 1, 1};
    if (text.size() == 4) {
        date.day = end ? 31 : 1;
        return date;
    }
    if (text.size() < 7 || text[4] != '-') throw bad();
    const auto month = number(text.substr(5, 2), 2);
    if (!month || *month < 1 || *month > 12) throw bad();
    date.month = *month;
    if (text.size() == 7) {
        date.day = end ? days_in_month(date.year, date.month) : 1;
        return date;
    }
    if (text.size() != 10 || text[7] != '-') throw bad();
    const auto day = number(text.substr(8, 2), 2);
    if (!day || *day < 1 || *day > days_in_month(date.year, date.month)) throw bad();
    date.day = *day;
    return date;
}

void SearchRequest::validate() {
    if (query.size() > kMaxQueryBytes) {
        throw InvalidRequest("q", "query longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    }
    // The analyzer's word offsets are only right for valid UTF-8 (Tokenizer.h).
    if (!is_valid_utf8(query)) throw InvalidRequest("q", "query is not valid UTF-8");
    if (sources.size() > kMaxFilterValues || topics.size() > kMaxFilterValues) {
        throw InvalidRequest("source", "more than " + std::to_string(kMaxFilterValues) +
                                           " values for one filter");
    }
    if (limit > kMaxLimit) limit = kMaxLimit;
    if (offset > kMaxOffset) {
        throw InvalidRequest("offset", "offset above " + std::to_string(kMaxOffset));
    }
    if (from && to && to->compact() < from->compact()) {
        throw InvalidRequest("to", "'to' is before 'from'");
    }
    if (recency_half_life_days && !(*recency_half_life_days > 0 && *recency_half_life_days <= 36500)) {
        throw InvalidRequest("recency", "recency half-life must be between 0 and 36500 days");
    }
}

}  // namespace lupe
