#pragma once
// Tokenizer: splits UTF-8 text into words with ICU's word break rules (locale "de").
//
// Contract:
//  - input: any valid UTF-8 text (invalid sequences are replaced by U+FFFD first, as ICU's
//    conversion does; the offsets then count in the repaired text);
//  - output: words in text order; punctuation and spaces are dropped; a word's text is the
//    original spelling (no normalisation, no case change) with its UTF-8 byte offsets;
//  - numbers stay whole (`100.000`, `2,5`), abbreviations lose the dot (`Dr.` -> `Dr`);
//  - a period glued between a lower-case and an upper-case letter separates two words
//    (`Juli.Die` -> `Juli`, `Die`: sentences joined without a space in scraped text);
//  - words joined by a hyphen without spaces (`KI-Modelle`, `E-Mail`) come out as ONE word whose
//    `parts` hold the pieces (`KI`, `Modelle`); a stand-alone dash is punctuation.
//
// How: the text is cut at ASCII white space (no word of ICU's rules spans it). A stretch made
// only of the characters of ordinary German text (ASCII letters, digits and punctuation, the
// Latin-1 and Latin Extended-A letters, typographic quotes and dashes) is segmented by the word
// break rules restricted to those characters (UAX #29 WB5-WB12, as ICU 72 applies them: `:` is
// no MidLetter); any other stretch goes through ICU's BreakIterator with its neighbouring
// white space as context. Both give the same words (TokenizerTest compares them with
// `Segmenter::IcuOnly` on generated and random text); the plain path is several times faster.
// Not thread-safe: one Tokenizer per thread (it owns an ICU BreakIterator).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utext.h>
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

// Which segmenter cuts the text: Auto (stretch by stretch: the plain-text rules where they
// apply, ICU elsewhere) or IcuOnly (ICU over the whole text at once: the reference Auto is
// tested against).
enum class Segmenter { Auto, IcuOnly };

class Tokenizer {
public:
    explicit Tokenizer(Segmenter segmenter = Segmenter::Auto);
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    std::vector<Word> split(std::string_view text);

private:
    struct Span {  // one word of the break rules: byte offsets
        std::size_t begin;
        std::size_t end;
        bool dotted;  // may hold a period between letters (checked for glued sentences)
    };
    struct Char {  // one code point of a stretch: where it starts, its break class
        std::size_t at;
        unsigned char cls;
    };

    std::vector<Word> split_valid(std::string_view text);
    bool plain_spans(std::string_view text, std::size_t begin, std::size_t end);
    void icu_spans(std::string_view text, std::size_t begin, std::size_t end);

    Segmenter segmenter_;
    std::unique_ptr<icu::BreakIterator> breaker_;
    UText* utext_ = nullptr;
    std::vector<Span> spans_;  // scratch, reused
    std::vector<Char> chars_;  // scratch, reused: as long as the longest stretch so far
};

}  // namespace lupe::analysis
