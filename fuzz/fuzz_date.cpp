// Fuzz target: every reader of dates. DateParser (article dates: text and JSON Lines inputs),
// DateParser::looks_like_date, parse_date_bound (--from/--to, from=/to=, date: in queries) and
// Date::from_compact (the index's date values). Only parse_date_bound may throw, and only
// InvalidRequest; every date any of them returns must be a real calendar date.

#include <cstdint>
#include <string>

#include "FuzzCheck.h"
#include "article/DateParser.h"
#include "search/SearchRequest.h"

namespace {

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

void check_real(const lupe::Date& d, const char* who) {
    LUPE_FUZZ_CHECK(d.month >= 1 && d.month <= 12, std::string(who) + " returned " + d.iso());
    LUPE_FUZZ_CHECK(d.day >= 1 && d.day <= days_in_month(d.year, d.month), std::string(who) + " returned " + d.iso());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const lupe::DateParser parser;
    const std::string_view text = lupe::fuzz::as_text(data, size);
    try {
        if (const auto date = parser.parse(text)) {
            check_real(*date, "DateParser::parse");
            LUPE_FUZZ_CHECK(date->year >= 1800 && date->year <= 2200, "year out of range: " + date->iso());
            // A date Lupe read is also readable in the form Lupe writes it.
            LUPE_FUZZ_CHECK(parser.parse(date->iso()) == date, "ISO form not read back: " + date->iso());
            LUPE_FUZZ_CHECK(lupe::Date::from_compact(date->compact()) == date, "compact form not read back");
        }
        (void)lupe::DateParser::looks_like_date(text);
        if (const auto date = lupe::Date::from_compact(text)) {
            LUPE_FUZZ_CHECK(date->compact() == text, "from_compact does not round-trip");
        }
        for (const bool end : {false, true}) {
            try {
                const lupe::Date bound = lupe::parse_date_bound(text, end, "from");
                check_real(bound, "parse_date_bound");
                LUPE_FUZZ_CHECK(bound.iso().rfind(text, 0) == 0, "bound " + bound.iso() + " is not the period given");
            } catch (const lupe::InvalidRequest& e) {
                LUPE_FUZZ_CHECK(e.field() == "from", "InvalidRequest names the wrong field");
            }
        }
    } catch (const std::exception& e) {
        lupe::fuzz::unexpected(e);
    }
    return 0;
}
