#include "article/DateParser.h"

#include <stdexcept>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/unistr.h>

namespace lupe {
namespace {

constexpr const char16_t* kPatterns[] = {
    u"d. MMMM, yyyy",  // 08. Oktober, 2024
    u"d. MMMM yyyy",   // 8. Oktober 2024
    u"d. MMM yyyy",    // 8. Okt. 2024
    u"d. MMM, yyyy",
    u"d.M.yyyy",       // 08.10.2024
    u"yyyy-MM-dd",     // 2024-10-08
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `2024-10-08T12:30...` or `2024-10-08 12:30...`: a date followed by a time, not by any text.
bool is_iso_datetime(std::string_view s) {
    return s.size() >= 16 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') &&
           is_digit(s[11]) && is_digit(s[12]) && s[13] == ':' && is_digit(s[14]) && is_digit(s[15]);
}

}  // namespace

DateParser::DateParser() {
    for (const char16_t* pattern : kPatterns) {
        UErrorCode status = U_ZERO_ERROR;
        auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern),
                                                              icu::Locale::getGerman(), status);
        if (U_FAILURE(status)) {
            throw std::runtime_error(std::string("ICU date format: ") + u_errorName(status));
        }
        format->setLenient(false);
        format->setTimeZone(*icu::TimeZone::getGMT());
        formats_.push_back(std::move(format));
    }
}

DateParser::~DateParser() = default;

std::optional<Date> DateParser::parse(std::string_view text) const {
    text = trim(text);
    if (is_iso_datetime(text)) text = text.substr(0, 10);
    if (text.empty() || text.size() > 40) return std::nullopt;
    const auto utext = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    for (const auto& format : formats_) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Calendar> calendar(format->getCalendar()->clone());
        calendar->clear();
        icu::ParsePosition position(0);
        format->parse(utext, *calendar, position);
        if (position.getErrorIndex() >= 0 || position.getIndex() != utext.length()) continue;
        const Date date{calendar->get(UCAL_YEAR, status), calendar->get(UCAL_MONTH, status) + 1,
                        calendar->get(UCAL_DATE, status)};
        if (U_FAILURE(status) || date.year < 1800 || date.year > 2200) continue;
        return date;
    }
    return std::nullopt;
}

bool DateParser::looks_like_date(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 40 || text[0] < '0' || text[0] > '9') return false;
    int digits = 0;
    int separators = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '.' || c == '-' || c == '/' || c == ',') ++separators;
    }
    return digits >= 4 && separators >= 1;
}

}  // namespace lupe
