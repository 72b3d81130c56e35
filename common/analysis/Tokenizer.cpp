#include "analysis/Tokenizer.h"

#include <stdexcept>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace lupe::analysis {
namespace {

bool is_joining_hyphen(UChar32 c) {
    return c == u'-' || c == 0x2010 || c == 0x2011;  // hyphen-minus, hyphen, non-breaking hyphen
}

std::string to_utf8(const icu::UnicodeString& text, int32_t begin, int32_t end) {
    std::string out;
    text.tempSubStringBetween(begin, end).toUTF8String(out);
    return out;
}

// A raw ICU word: a span of UTF-16 indices.
struct Span {
    int32_t begin;
    int32_t end;
};

}  // namespace

Tokenizer::Tokenizer() {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getGerman(), status));
    if (U_FAILURE(status) || !breaker_) {
        throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
    }
}

Tokenizer::~Tokenizer() = default;

std::vector<Word> Tokenizer::split(std::string_view text) {
    const auto utext = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    breaker_->setText(utext);

    std::vector<Span> spans;
    int32_t begin = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         begin = end, end = breaker_->next()) {
        if (breaker_->getRuleStatus() == UBRK_WORD_NONE) continue;
        // Sentences glued together by a missing space (`Panama.Umgangssprachlich`) are two
        // words: split at a period between a lower-case and an upper-case letter.
        for (int32_t i = begin + 1; i + 1 < end; ++i) {
            if (utext.charAt(i) == u'.' && u_islower(utext.char32At(i - 1)) && u_isupper(utext.char32At(i + 1))) {
                spans.push_back({begin, i});
                begin = i + 1;
            }
        }
        spans.push_back({begin, end});
    }

    // UTF-8 offsets: count bytes of the UTF-16 prefix incrementally.
    std::vector<Word> words;
    int32_t u16_pos = 0;
    std::size_t u8_pos = 0;
    auto advance_to = [&](int32_t target) {
        while (u16_pos < target) {
            const UChar32 c = utext.char32At(u16_pos);
            u8_pos += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            u16_pos += U16_LENGTH(c);
        }
        return u8_pos;
    };

    for (std::size_t i = 0; i < spans.size(); ++i) {
        // Join `A-B-C` when only a single hyphen separates neighbouring words.
        std::size_t last = i;
        while (last + 1 < spans.size() && spans[last + 1].begin == spans[last].end + 1 &&
               is_joining_hyphen(utext.charAt(spans[last].end))) {
            ++last;
        }
        Word word;
        word.begin = advance_to(spans[i].begin);
        word.end = advance_to(spans[last].end);
        word.text = to_utf8(utext, spans[i].begin, spans[last].end);
        if (last > i) {
            for (std::size_t k = i; k <= last; ++k) {
                word.parts.push_back(to_utf8(utext, spans[k].begin, spans[k].end));
            }
        }
        words.push_back(std::move(word));
        i = last;
    }
    return words;
}

}  // namespace lupe::analysis
