#pragma once
// DateParser: German publication dates as found in news exports.
//
// Accepts, whole string only (surrounding spaces ignored):
//   `08. Oktober, 2024`, `8. Oktober 2024`, `8. Okt. 2024`, `08.10.2024`, `8.10.2024`,
//   `2024-10-08` and ISO date-times starting with it (`2024-10-08T12:30:00Z`).
// Month names come from ICU's German locale data (no hand-written table of spellings).
// Rejects impossible dates (`31.02.2024`, `2024-13-01`) and years outside 1800..2200.
// NOT thread-safe (owns ICU formatters): one per thread.

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "article/Article.h"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class SimpleDateFormat;
U_NAMESPACE_END

namespace lupe {

class DateParser {
public:
    DateParser();
    ~DateParser();
    DateParser(const DateParser&) = delete;
    DateParser& operator=(const DateParser&) = delete;

    std::optional<Date> parse(std::string_view text) const;

    // True when `text` looks like a date line (starts with a digit and holds a month name or
    // date separators), whether or not it is a valid date: used to report unreadable dates
    // instead of taking them for a topic or headline.
    static bool looks_like_date(std::string_view text);

private:
    std::vector<std::unique_ptr<icu::SimpleDateFormat>> formats_;
};

}  // namespace lupe
