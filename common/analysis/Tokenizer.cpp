#include "analysis/Tokenizer.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "article/Utf8.h"

namespace lupe::analysis {
namespace {

// Word break classes of the characters the plain path knows. Unknown sends the stretch to ICU.
enum Class : unsigned char { Unknown, Space, Other, Letter, Digit, MidLetter, MidNumLet, MidNum };

constexpr std::array<unsigned char, 128> ascii_classes() {
    std::array<unsigned char, 128> table{};  // controls: Unknown
    for (int c = 0x21; c < 0x7F; ++c) table[c] = Other;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = Letter;
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = Letter;
    for (int c = '0'; c <= '9'; ++c) table[c] = Digit;
    for (const char c : {' ', '\t', '\n', '\r', '\v', '\f'}) table[static_cast<unsigned char>(c)] = Space;
    table['\''] = MidNumLet;
    table['.'] = MidNumLet;
    table[','] = MidNum;
    table[';'] = MidNum;
    table['_'] = Unknown;  // ExtendNumLet
    table['@'] = Unknown;  // a letter since ICU 72, a break before: left to ICU
    return table;
}
constexpr std::array<unsigned char, 128> kAscii = ascii_classes();

Class class_of(UChar32 c) {
    if (c < 0x80) return static_cast<Class>(kAscii[static_cast<std::size_t>(c)]);
    if (c >= 0xC0 && c <= 0x17F) return c == 0xD7 || c == 0xF7 ? Other : Letter;  // × ÷
    switch (c) {
        case 0xAA: case 0xB5: case 0xBA:  // ª µ º
            return Letter;
        case 0xB7:  // ·
            return MidLetter;
        case 0x2018: case 0x2019:  // ‘ ’
            return MidNumLet;
        case 0xA0: case 0xA1: case 0xA2: case 0xA3: case 0xA4: case 0xA5: case 0xA6: case 0xA7:
        case 0xA8: case 0xAB: case 0xAC: case 0xAF: case 0xB0: case 0xB1: case 0xB2: case 0xB3:
        case 0xB4: case 0xB6: case 0xB8: case 0xB9: case 0xBB: case 0xBC: case 0xBD: case 0xBE:
        case 0xBF:                                                   // Latin-1 signs (not © ®)
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:  // hyphens, dashes
        case 0x201A: case 0x201C: case 0x201D: case 0x201E:              // „ “ ” ‚
        case 0x2020: case 0x2022: case 0x2026: case 0x2030: case 0x2039: case 0x203A:
        case 0x20AC: case 0x2212: case 0x2192:                            // € − →
            return Other;
        default:
            return Unknown;
    }
}

bool is_joining_hyphen(UChar32 c) {
    return c == u'-' || c == 0x2010 || c == 0x2011;  // hyphen-minus, hyphen, non-breaking hyphen
}

// The code point starting at byte `i` of valid UTF-8, and where the next one starts.
UChar32 next_char(std::string_view text, std::size_t& i) {
    UChar32 c;
    U8_NEXT_UNSAFE(reinterpret_cast<const uint8_t*>(text.data()), i, c);
    return c;
}

// The code point ending just before byte `i` of valid UTF-8.
UChar32 previous_char(std::string_view text, std::size_t i) {
    UChar32 c;
    U8_PREV_UNSAFE(reinterpret_cast<const uint8_t*>(text.data()), i, c);
    return c;
}

bool is_space(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && kAscii[u] == Space;
}

}  // namespace

Tokenizer::Tokenizer(Segmenter segmenter) : segmenter_(segmenter) {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getGerman(), status));
    if (U_FAILURE(status) || !breaker_) {
        throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
    }
}

Tokenizer::~Tokenizer() {
    if (utext_) utext_close(utext_);
}

std::vector<Word> Tokenizer::split(std::string_view text) {
    if (is_valid_utf8(text)) return split_valid(text);
    std::string repaired;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
        .toUTF8String(repaired);
    return split_valid(repaired);
}

// The stretch [begin, end) by the plain rules, when every character in it has a known class.
bool Tokenizer::plain_spans(std::string_view text, std::size_t begin, std::size_t end) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const auto ascii_class = [&](std::size_t i) { return bytes[i] < 0x80 ? static_cast<Class>(kAscii[bytes[i]]) : Unknown; };
    // Bytes of the letter or digit at `i` when it is ASCII or a Latin-1 / Latin Extended-A
    // letter (U+00C0..U+017F but × and ÷); else 0.
    const auto word_char = [&](std::size_t i) -> std::size_t {
        if (bytes[i] < 0x80) return kAscii[bytes[i]] == Letter || kAscii[bytes[i]] == Digit ? 1 : 0;
        if (bytes[i] < 0xC3 || bytes[i] > 0xC5 || i + 1 >= end || (bytes[i + 1] & 0xC0) != 0x80) return 0;
        return bytes[i] == 0xC3 && (bytes[i + 1] == 0x97 || bytes[i + 1] == 0xB7) ? 0 : 2;
    };
    // Most stretches are a word, alone or followed by ASCII punctuation (`Wort,`): the rules
    // below give the word and nothing else, as no letter or digit follows the punctuation.
    std::size_t word_end = begin;
    for (std::size_t bytes_of = 0; word_end < end && (bytes_of = word_char(word_end)) > 0;) word_end += bytes_of;
    if (word_end > begin) {
        const auto punctuation = [&](std::size_t i) {
            const Class cls = ascii_class(i);
            return cls != Unknown && cls != Letter && cls != Digit;
        };
        std::size_t rest = word_end;
        while (rest < end && punctuation(rest)) ++rest;
        if (rest == end) {
            spans_.push_back({begin, word_end, false});
            return true;
        }
    }

    if (chars_.size() < end - begin) chars_.resize(end - begin);  // at most one per byte
    std::size_t n = 0;
    for (std::size_t i = begin; i < end;) {
        const std::size_t at = i;
        const Class cls = bytes[i] < 0x80 ? static_cast<Class>(kAscii[bytes[i++]]) : class_of(next_char(text, i));
        if (cls == Unknown) return false;
        chars_[n++] = {at, cls};
    }
    for (std::size_t k = 0; k < n;) {
        if (chars_[k].cls != Letter && chars_[k].cls != Digit) {  // punctuation: no word
            ++k;
            continue;
        }
        std::size_t j = k + 1;
        bool dotted = false;  // a period between letters inside the word
        while (j < n) {
            const unsigned char cls = chars_[j].cls;
            if (cls == Letter || cls == Digit) {  // WB5, WB8-WB10
                ++j;
                continue;
            }
            if (j + 1 < n) {
                const unsigned char before = chars_[j - 1].cls, after = chars_[j + 1].cls;
                const bool letters = before == Letter && after == Letter && (cls == MidLetter || cls == MidNumLet);
                const bool digits = before == Digit && after == Digit && (cls == MidNum || cls == MidNumLet);
                if (letters || digits) {  // WB6/WB7, WB11/WB12
                    dotted = dotted || (letters && text[chars_[j].at] == '.');
                    j += 2;
                    continue;
                }
            }
            break;
        }
        spans_.push_back({chars_[k].at, j < n ? chars_[j].at : end, dotted});
        k = j;
    }
    return true;
}

// The stretch [begin, end) by ICU, with the white space around it as context.
void Tokenizer::icu_spans(std::string_view text, std::size_t begin, std::size_t end) {
    const std::size_t from = begin > 0 ? begin - 1 : begin;
    const std::size_t to = end < text.size() ? end + 1 : end;
    UErrorCode status = U_ZERO_ERROR;
    utext_ = utext_openUTF8(utext_, text.data() + from, static_cast<int64_t>(to - from), &status);
    breaker_->setText(utext_, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
    int32_t left = breaker_->first();
    for (int32_t right = breaker_->next(); right != icu::BreakIterator::DONE; left = right, right = breaker_->next()) {
        if (breaker_->getRuleStatus() == UBRK_WORD_NONE) continue;
        const std::size_t b = std::max(begin, from + static_cast<std::size_t>(left));
        const std::size_t e = std::min(end, from + static_cast<std::size_t>(right));
        if (b < e) spans_.push_back({b, e, true});
    }
}

std::vector<Word> Tokenizer::split_valid(std::string_view text) {
    spans_.clear();
    if (segmenter_ == Segmenter::IcuOnly) {
        icu_spans(text, 0, text.size());  // the whole text at once
    } else {
        for (std::size_t i = 0; i < text.size();) {
            if (is_space(text[i])) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < text.size() && !is_space(text[end])) ++end;
            if (!plain_spans(text, i, end)) icu_spans(text, i, end);
            i = end;
        }
    }

    // Sentences glued together by a missing space (`Panama.Umgangssprachlich`) are two words:
    // split at a period between a lower-case and an upper-case letter.
    std::vector<Span> spans;
    spans.reserve(spans_.size());
    for (Span span : spans_) {
        for (std::size_t i = span.begin + 1; span.dotted && i + 1 < span.end; ++i) {
            if (text[i] != '.') continue;
            std::size_t after = i + 1;
            if (u_islower(previous_char(text, i)) && u_isupper(next_char(text, after))) {
                spans.push_back({span.begin, i, false});
                span.begin = i + 1;
            }
        }
        spans.push_back(span);
    }

    std::vector<Word> words;
    words.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        // Join `A-B-C` when only a single hyphen separates neighbouring words.
        std::size_t last = i;
        while (last + 1 < spans.size()) {
            std::size_t after = spans[last].end;
            if (after >= text.size() || !is_joining_hyphen(next_char(text, after)) || after != spans[last + 1].begin) break;
            ++last;
        }
        Word& word = words.emplace_back();
        word.begin = spans[i].begin;
        word.end = spans[last].end;
        word.text = text.substr(word.begin, word.end - word.begin);
        if (last > i) {
            for (std::size_t k = i; k <= last; ++k) {
                word.parts.emplace_back(text.substr(spans[k].begin, spans[k].end - spans[k].begin));
            }
        }
        i = last;
    }
    return words;
}

}  // namespace lupe::analysis
