#pragma once
// Tokenizer: splits UTF-8 text into words with ICU's word break rules (locale "de").
//
// Contract:
//  - input: any valid UTF-8 text (invalid sequences are replaced by U+FFFD by ICU's conversion);
//  - output: words in text order; punctuation and spaces are dropped; a word's text is the
//    original spelling (no normalisation, no case change) with its UTF-8 byte offsets;
//  - numbers stay whole (`100.000`, `2,5`), abbreviations lose the dot (`Dr.` -> `Dr`);
//  - a period glued between a lower-case and an upper-case letter separates two words
//    (`Juli.Die` -> `Juli`, `Die`: sentences joined without a space in scraped text);
//  - words joined by a hyphen without spaces (`KI-Modelle`, `E-Mail`) come out as ONE word whose
//    `parts` hold the pieces (`KI`, `Modelle`); a stand-alone dash is punctuation.
// Not thread-safe: one Tokenizer per thread (it owns an ICU BreakIterator).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace lupe::analysis {

struct Word {
    std::string text;                 // original spelling, hyphens kept for joined words
    std::size_t begin = 0;            // byte offset in the input
    std::size_t end = 0;              // byte offset one past the word
    std::vector<std::string> parts;   // pieces of a hyphenated word; empty for a plain word
};

class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    std::vector<Word> split(std::string_view text);

private:
    std::unique_ptr<icu::BreakIterator> breaker_;
};

}  // namespace lupe::analysis
