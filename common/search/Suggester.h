#pragma once
// Suggester: completions of the last word of a query, from the index's spelling table (the
// lower-cased words the indexer records for every article, see GermanAnalyzer::analyze).
//
// Contract:
//  - the last word is the run of letters at the very end of the query (after a space, quote,
//    parenthesis, colon, hyphen ...); a query that ends in anything else has no last word and
//    no completions;
//  - the word is looked up the two ways the indexer writes words: lower-cased (`Straß` ->
//    `straß`, words with ß are kept so) and case-folded (`strass`, all other words);
//  - a word shorter than kMinPrefixChars characters or longer than kMaxWordBytes bytes (the
//    vocabulary's own limit) has no completions;
//  - completions are words of the table that start with the word and are longer than it,
//    most frequent first, then alphabetically; at most `max`; a completion starts with a
//    capital letter when the typed word does (`Bundes` -> `Bundesregierung`);
//  - bounded work: at most kMaxScan table entries are read per spelling of the prefix, so a
//    prefix shared by more words than that ranks only the first kMaxScan of them;
//  - only reads the database; holds a reference to it (one Suggester per thread, like the
//    database handle).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/Normalizer.h"

namespace lupe {

class Suggester {
public:
    static constexpr std::size_t kMinPrefixChars = 2;
    static constexpr std::size_t kMaxWordBytes = 30;
    static constexpr std::size_t kMaxScan = 4096;
    static constexpr std::size_t kDefaultMax = 8;

    explicit Suggester(const Xapian::Database& db) : db_(db) {}

    std::vector<std::string> complete(std::string_view query, std::size_t max = kDefaultMax) const;

    // The last word of `query` as defined above (a suffix of it; empty when there is none).
    static std::string_view last_word(std::string_view query);

private:
    const Xapian::Database& db_;
    analysis::Normalizer normalizer_;
};

}  // namespace lupe
