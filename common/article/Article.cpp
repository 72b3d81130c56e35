#include "article/Article.h"

#include <cstdio>

namespace lupe {

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::string Date::compact() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
    return buffer;
}

std::string Date::month_key() const { return iso().substr(0, 7); }

std::optional<Date> Date::from_compact(std::string_view s) {
    if (s.size() != 8) return std::nullopt;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    auto num = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    return Date{num(0, 4), num(4, 2), num(6, 2)};
}

std::string Location::str() const {
    return line == 0 ? file : file + ":" + std::to_string(line);
}

}  // namespace lupe
