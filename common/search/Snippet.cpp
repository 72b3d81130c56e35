#include "search/Snippet.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <vector>

namespace lupe {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
constexpr std::size_t kContextWords = 4;                // words shown before the first match

// How the query terms begin: the first byte of each, and the first two of those of two or more.
struct TermStarts {
    std::bitset<256> first;
    std::vector<std::uint16_t> pairs;

    explicit TermStarts(const std::unordered_set<std::string>& terms) {
        for (const auto& term : terms) {
            if (term.empty()) continue;
            first.set(static_cast<unsigned char>(term[0]));
            if (term.size() > 1) pairs.push_back(pair(term[0], term[1]));
        }
    }
    static std::uint16_t pair(char a, char b) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(a) << 8 | static_cast<unsigned char>(b));
    }
};

// False when the word's term cannot be one of the terms, decided from the bytes its term is
// known to start with (GermanAnalyzer::term_start) without analysing it.
bool can_match(std::string_view word, const TermStarts& starts) {
    const auto start = analysis::GermanAnalyzer::term_start(word);
    switch (start.size) {
        case 0: return true;
        case 1: return starts.first.test(static_cast<unsigned char>(start.bytes[0]));
        default: {
            const std::uint16_t pair = TermStarts::pair(start.bytes[0], start.bytes[1]);
            return std::find(starts.pairs.begin(), starts.pairs.end(), pair) != starts.pairs.end();
        }
    }
}

// The query term a word matched (an element of `terms`), or nullptr. A hyphenated word
// matches by any term the index holds for it: each part and the joined form (`KIModelle`
// marks `KI-Modelle`).
const std::string* matched_term(analysis::GermanAnalyzer& analyzer, const analysis::Word& word,
                                const std::unordered_set<std::string>& terms, const TermStarts& starts) {
    if (word.parts.empty()) {
        if (!can_match(word.text, starts)) return nullptr;
        const std::string& t = analyzer.remembered_term(word.text);
        const auto found = t.empty() ? terms.end() : terms.find(t);
        return found == terms.end() ? nullptr : &*found;
    }
    std::vector<analysis::Term> indexed;  // hyphenated words are rare: analyse as indexed
    analyzer.analyze(word.text, 1, indexed);
    for (const auto& t : indexed) {
        if (const auto found = terms.find(t.text); found != terms.end()) return &*found;
    }
    return nullptr;
}

// Moves `end` back so that it does not split a UTF-8 sequence.
std::size_t utf8_boundary(std::string_view text, std::size_t end) {
    while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return end;
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

std::string make_snippet(analysis::GermanAnalyzer& analyzer, std::string_view text,
                         const std::unordered_set<std::string>& terms, std::size_t max_bytes) {
    const std::vector<analysis::Word> words = analyzer.words(text);
    // Each word's matched query term; the same pointer for every word of one term.
    std::vector<const std::string*> matches(words.size(), nullptr);
    const TermStarts starts(terms);
    bool any = false;
    if (!terms.empty()) {
        for (std::size_t i = 0; i < words.size(); ++i) {
            matches[i] = matched_term(analyzer, words[i], terms, starts);
            any = any || matches[i];
        }
    }

    // Best window: most distinct matched terms, then most matches, then earliest.
    std::size_t best_start = 0;
    if (any) {
        std::size_t best_distinct = 0, best_count = 0;
        std::vector<const std::string*> distinct;  // a window holds few terms: a list will do
        for (std::size_t anchor = 0; anchor < words.size(); ++anchor) {
            if (!matches[anchor]) continue;
            const std::size_t start = anchor >= kContextWords ? anchor - kContextWords : 0;
            distinct.clear();
            std::size_t count = 0;
            for (std::size_t i = start; i < words.size() && words[i].end - words[start].begin <= max_bytes; ++i) {
                if (!matches[i]) continue;
                if (std::find(distinct.begin(), distinct.end(), matches[i]) == distinct.end()) {
                    distinct.push_back(matches[i]);
                }
                ++count;
            }
            if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
                best_distinct = distinct.size();
                best_count = count;
                best_start = start;
            }
        }
    }

    // From the text's very start when the window starts at its first word (keeps a leading
    // quote or bracket, and no ellipsis is shown for text that was not cut).
    const std::size_t begin = best_start == 0 || words.empty() ? 0 : words[best_start].begin;
    std::size_t end = utf8_boundary(text, std::min(text.size(), begin + max_bytes));
    // Do not cut inside a word: end after the last whole word in the window.
    if (end < text.size()) {
        for (std::size_t i = best_start; i < words.size() && words[i].end <= end; ++i) {
            if (i + 1 == words.size() || words[i + 1].end > end) end = words[i].end;
        }
    }

    std::string out;
    if (begin > 0) out += kEllipsis;
    std::size_t cursor = begin;
    for (std::size_t i = best_start; i < words.size() && words[i].end <= end; ++i) {
        if (!matches[i]) continue;
        out += escape_html(text.substr(cursor, words[i].begin - cursor));
        out += "<mark>" + escape_html(text.substr(words[i].begin, words[i].end - words[i].begin)) + "</mark>";
        cursor = words[i].end;
    }
    out += escape_html(text.substr(cursor, end - cursor));
    if (end < text.size()) out += kEllipsis;
    return out;
}

}  // namespace lupe
