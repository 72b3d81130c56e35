#include "search/Suggester.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>

namespace lupe {
namespace {

UChar32 first_code_point(std::string_view text) {
    if (text.empty()) return U_SENTINEL;
    UChar32 c = 0;
    std::int32_t i = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i, static_cast<std::int32_t>(text.size()), c);
    return c;
}

std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// `word` with its first letter upper-cased (ICU's simple case mapping; `ß` stays).
std::string capitalised(const std::string& word) {
    UChar32 c = 0;
    std::int32_t i = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(word.data()), i, static_cast<std::int32_t>(word.size()), c);
    if (c < 0) return word;
    std::uint8_t buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, u_toupper(c), error);
    if (error) return word;
    return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length)) +
           word.substr(static_cast<std::size_t>(i));
}

}  // namespace

std::string_view Suggester::last_word(std::string_view query) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(query.data());
    auto start = static_cast<std::int32_t>(query.size());
    while (start > 0) {
        std::int32_t i = start;
        UChar32 c = 0;
        U8_PREV(bytes, 0, i, c);
        if (c < 0 || !u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) break;
        start = i;
    }
    return query.substr(static_cast<std::size_t>(start));
}

std::vector<std::string> Suggester::complete(std::string_view query, std::size_t max) const {
    const std::string_view word = last_word(query);
    if (code_points(word) < kMinPrefixChars || word.size() > kMaxWordBytes || max == 0) return {};

    std::map<std::string, Xapian::doccount> found;  // word -> frequency
    std::vector<std::string> prefixes = {normalizer_.lowercase(word)};
    if (std::string folded = normalizer_.normalize(word); folded != prefixes[0]) prefixes.push_back(folded);
    for (const std::string& prefix : prefixes) {
        if (prefix.empty()) continue;
        auto it = db_.spellings_begin();
        it.skip_to(prefix);
        for (std::size_t scanned = 0; it != db_.spellings_end() && scanned < kMaxScan; ++it, ++scanned) {
            const std::string candidate = *it;
            if (candidate.compare(0, prefix.size(), prefix) != 0) break;
            if (candidate.size() > prefix.size()) found[candidate] = it.get_termfreq();
        }
    }

    std::vector<std::pair<std::string, Xapian::doccount>> ranked(found.begin(), found.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (ranked.size() > max) ranked.resize(max);
    const bool capital = u_isupper(first_code_point(word));
    std::vector<std::string> out;
    for (const auto& entry : ranked) out.push_back(capital ? capitalised(entry.first) : entry.first);
    return out;
}

}  // namespace lupe
