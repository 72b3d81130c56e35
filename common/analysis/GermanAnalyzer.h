#pragma once
// GermanAnalyzer: the one analysis chain of Lupe, used by the indexer AND the searcher.
//
//   text -> Tokenizer (ICU words) -> Normalizer (NFKC_Casefold) -> UmlautFolder (ae -> ä)
//        -> Decompounder (parts) -> Stemmer (Snowball german) -> PluralFolder (loanword -s)
//
// Contract:
//  - `analyze` turns a text into index terms with positions: one position per word; a hyphenated
//    word (`KI-Modelle`) yields its parts at consecutive positions (`ki`, `modell`) and the joined
//    form (`kimodell`) at the first part's position, so `KI-Modelle`, `KI Modelle` and
//    `KIModelle` all match. Stopwords are marked, not removed (phrases need them). The parts
//    of a compound (`Halbleiterindustrie`) are terms at the compound's position too.
//    Exactly one term per word is marked `own` (the word's stem; for a hyphenated word each
//    part's): the only terms that phrases look for, so the only ones that need positions.
//  - `term` gives the term of one word exactly as `analyze` would (used by the QueryParser's
//    stemmer, so query words and document words meet on the same terms).
//  - Words longer than `kMaxWordBytes` after normalisation are dropped (Xapian limits terms).
//  - Every word's analysis in `analyze` is remembered (up to `kMemoWords` distinct words, then the memory
//    starts afresh): news text repeats its words, so most words are normalised, decompounded
//    and stemmed once per analyzer, not once per occurrence. The chain is a pure function of
//    the word, so remembered and fresh results are the same. So is every word's `term` (a
//    snippet looks up the term of each word of ten articles; their words repeat too).
//  - NOT thread-safe (owns an ICU break iterator, a libstemmer handle and the memory of
//    words): one per thread.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/Decompounder.h"
#include "analysis/Normalizer.h"
#include "analysis/Stemmer.h"
#include "analysis/Tokenizer.h"

namespace lupe::analysis {

struct Term {
    std::string text;        // the index term (stem), without any field prefix
    std::uint32_t position;  // word position, 1-based within the analysed stream
    bool stopword;           // true: index for phrases, but give it no weight
    // true: the word's own term, which phrases look for at its position; false: a further
    // term of the same word (compound part, unfolded spelling, joined hyphenated form), which
    // queries only look for as a plain term, so it needs no position.
    bool own = true;
};

class GermanAnalyzer {
public:
    static constexpr std::size_t kMaxWordBytes = 64;
    static constexpr std::size_t kMemoWords = 1 << 16;

    // Appends the terms of `text` to `out`, numbering words from `first_position`.
    // Returns the position after the last word. With `vocabulary`, also appends the
    // lower-cased spelling of every word worth suggesting (letters only, 3 to 30 bytes, not a
    // stopword): the index's spelling table, for completions and "did you mean".
    std::uint32_t analyze(std::string_view text, std::uint32_t first_position,
                          std::vector<Term>& out, std::vector<std::string>* vocabulary = nullptr);

    // The term of a single word (normalise + stem); empty when the word yields no term.
    std::string term(std::string_view word) { return remembered_term(word); }

    // As `term`, without copying it out of the memory of words: valid until the next call of
    // this analyzer (for loops over many words, such as a snippet's).
    const std::string& remembered_term(std::string_view word);

    // The first bytes of the term of `word`, known without analysing it: `size` is 0, 1 or 2
    // (when the word yields a term at all, it starts with bytes[0..size)). A word that starts
    // with an ASCII character keeps it, lower-cased, as its term's first byte: case folding
    // lower-cases it, stemming keeps it, and a digraph (`ue` -> `ü`) folds to an umlaut that
    // the stemmer writes as its vowel again. So does a second ASCII letter or digit: stemming
    // ends no earlier than the third letter (`Haeuser` -> `häuser` -> `haus`). Not so a leading
    // `ae`, `oe`, `ue`, whose `e` folding drops (`Aerger` -> `arg`), nor a letter that a
    // combining mark follows (`a` + U+0308 is `ä`). For cheap tests such as a snippet's.
    struct TermStart {
        char bytes[2] = {};
        std::size_t size = 0;
    };
    static TermStart term_start(std::string_view word);

    // For a word with `ae`/`oe`/`ue`, the term without umlaut folding when it differs
    // (`Panamaer` -> `panama` beside `panamar`); `analyze` indexes both, so the searcher
    // looks for both. Empty otherwise.
    std::string unfolded_term(std::string_view word);

    // The terms of a compound word's parts (empty when it is no compound), as `analyze`
    // indexes them.
    std::vector<std::string> part_terms(std::string_view word);

    // The terms of a compound's first-level parts, each with its alternatives
    // ({{rech, rechn}, {leist}} for `Rechenleistung`): the searcher looks for a query compound
    // also as all of these parts.
    std::vector<std::vector<std::string>> top_part_terms(std::string_view word);

    // The words of a text with their byte offsets (the first stage alone; for snippets).
    std::vector<Word> words(std::string_view text) { return tokenizer_.split(text); }

    // Normalised form of a word (no stemming): used for stopword checks and spelling.
    std::string normalize(std::string_view word) const { return normalizer_.normalize(word); }
    std::string lowercase(std::string_view word) const { return normalizer_.lowercase(word); }
    bool is_stopword(std::string_view normalized_word) const;

    // A short fingerprint of the chain's behaviour (stems of probe words); stored in the index
    // so that an index built by a different stemmer or normaliser is detected.
    std::string fingerprint();

private:
    // What `add_word` makes of one word: its terms (the first carries `stopword`) and its
    // spelling-table entry (empty: none).
    struct WordAnalysis {
        std::vector<std::string> terms;
        bool stopword = false;
        std::string vocabulary;
    };
    WordAnalysis analyze_word(std::string_view word);
    const WordAnalysis& remembered(std::string_view word);
    std::string stem_normalized(const std::string& normalized);
    std::string comparable(std::string_view word) const;  // normalised + digraphs folded
    // The term of a hyphenated word's joined form (`KI-Modelle` -> `kimodell`), remembered.
    const std::string& joined_term(const Word& word);
    void add_word(std::string_view word, std::uint32_t position, std::vector<Term>& out,
                  std::vector<std::string>* vocabulary);
    void add_vocabulary(std::string_view word, const std::string& normalized,
                        std::vector<std::string>& vocabulary) const;

    Tokenizer tokenizer_;
    Normalizer normalizer_;
    Stemmer stemmer_;
    Decompounder decompounder_;
    // Looked up by string_view: no key is built for a word already known.
    struct WordHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view word) const noexcept { return std::hash<std::string_view>{}(word); }
    };
    template <typename Value>
    using WordMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;
    WordMap<WordAnalysis> words_;  // word as written -> its analysis
    WordMap<std::string> terms_;   // word as written -> its term
    WordMap<std::string> joined_;  // hyphenated word as written -> its joined form's term
};

// Called for every word of a snippet: inline.
inline GermanAnalyzer::TermStart GermanAnalyzer::term_start(std::string_view word) {
    const auto ascii_lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const auto combining_mark_at = [&](std::size_t i) {  // U+0300..U+036F: lead byte 0xCC or 0xCD
        return i < word.size() && (static_cast<unsigned char>(word[i]) == 0xCC || static_cast<unsigned char>(word[i]) == 0xCD);
    };
    TermStart start;
    if (word.empty() || static_cast<unsigned char>(word[0]) >= 0x80 || combining_mark_at(1)) return start;
    start.bytes[0] = ascii_lower(word[0]);
    start.size = 1;
    if (word.size() < 2 || !alnum(word[1]) || combining_mark_at(2)) return start;
    const char second = ascii_lower(word[1]);
    const char first = start.bytes[0];
    if (second == 'e' && (first == 'a' || first == 'o' || first == 'u')) return start;
    start.bytes[1] = second;
    start.size = 2;
    return start;
}

}  // namespace lupe::analysis
