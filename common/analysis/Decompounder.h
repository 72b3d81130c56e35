#pragma once
// Decompounder: German compounds into their parts (`halbleiterindustrie` -> `halbleiter`,
// `industrie`, `halb`, `leiter`).
//
// Contract:
//  - input: one word normalised as the analyzer does (case-folded, digraphs folded);
//  - a word is split only when lexicon words (Lexicon::german()), joined by the linking
//    elements -s-, -es-, -n-, -en-, -er-, -e-, -ens-, cover it completely; the split with the
//    fewest parts wins, then the one with the longest parts; parts that are compounds
//    themselves are split again, and every part of every level is returned (not the word);
//  - never split: words shorter than kMinWordChars letters, names (Lexicon::is_name) and
//    their inflected forms (`tagesspiegels`), an inflected form of a word that is not split
//    (`sanktionen` like `sanktion`, `lehrerinnen` like `lehrerin`), and
//    splits with a part shorter than kMinPartChars (except a few short compound words such as
//    `amt`, `tag`), a derivational ending as head (`-schaft`, `-bar`, `-los`: `Wirtschaft` is
//    no compound) or a prefix-like modifier (`verb`+`raucher`);
//  - a verb modifier written without its `n` also yields the verb (`rechen` in
//    `rechenleistung` -> `rechnen`), so `Rechenleistung` meets `Leistung beim Rechnen`;
//  - results are cached per Decompounder: NOT thread-safe, one per analyzer.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/Lexicon.h"

namespace lupe::analysis {

class Decompounder {
public:
    static constexpr std::size_t kMinWordChars = 8;
    static constexpr std::size_t kMinPartChars = 4;

    explicit Decompounder(const Lexicon& lexicon = Lexicon::german()) : lexicon_(lexicon) {}

    // The parts (all levels, each once, in word order); empty when the word is not split.
    const std::vector<std::string>& split(const std::string& word);

    // The first-level parts, each with its alternative forms (`rechenleistung` ->
    // {{rechen, rechnen}, {leistung}}): a query compound is found by all of these.
    std::vector<std::vector<std::string>> top_parts(std::string_view word) const;

private:
    std::vector<std::string> best_split(std::string_view word) const;
    bool usable_part(std::string_view part, bool first, bool last) const;
    // True when the word is an inflected form of a lexicon word that is not split.
    bool base_form_unsplit(std::string_view word) const;
    void collect(std::string_view word, std::vector<std::string>& out, int depth) const;

    const Lexicon& lexicon_;
    std::unordered_map<std::string, std::vector<std::string>> cache_;
};

}  // namespace lupe::analysis
