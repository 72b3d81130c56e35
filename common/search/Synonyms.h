#pragma once
// Synonyms: a synonym file (the reader's own list, or OpenThesaurus's text file) read once at
// startup into an immutable table of index terms, for the QueryExpander.
//
// File format (README.md, "Synonyms"): UTF-8, one group of synonyms per line; entries separated
// by `;` (OpenThesaurus), or by `,` in a line without `;`; lines starting with `#` and blank
// lines are skipped. In an entry, `(...)` annotations are dropped (`Auto (Hauptform)`,
// `(sich) freuen`), entries with `...` (word fragments) are skipped; an entry of several words
// is looked for as a phrase. Every entry goes through the GermanAnalyzer, so any inflected
// form works (`Autos` = `Auto`); single-word entries that are stopwords are skipped.
//
// Contract:
//  - `of(key)` gives every other entry of every group that holds the entry `key` (its terms in
//    order, without field prefix), each once; empty when there is none;
//  - a hyphenated entry (`E-Auto`) is one term (`eauto`, as the indexer joins it), and is
//    also found by the terms of its parts (the query `E-Auto` is parsed as a phrase of parts);
//  - a line with fewer than two entries, or that is no UTF-8, throws SynonymFileError
//    "FILE:LINE: reason"; an unreadable file throws SynonymFileError "FILE: reason";
//  - `options.single_words` drops entries of several words; `options.max_group` (0: none)
//    skips groups of more than that many entries (OpenThesaurus's very general groups);
//  - immutable once loaded: one table may be shared read-only by every thread.

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/GermanAnalyzer.h"

namespace lupe {

class SynonymFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SynonymLoadOptions {
    bool single_words = false;   // drop entries of several words
    std::size_t max_group = 0;   // skip groups with more entries than this (0: keep all)
};

class Synonyms {
public:
    using Terms = std::vector<std::string>;  // one entry's index terms, in order

    // Reads `path` with an analyzer of its own (call before the worker threads start).
    static std::shared_ptr<const Synonyms> load(const std::string& path, SynonymLoadOptions options = {});
    // Reads a stream; `name` is the file name errors give.
    static std::shared_ptr<const Synonyms> read(std::istream& in, const std::string& name,
                                                analysis::GermanAnalyzer& analyzer,
                                                SynonymLoadOptions options = {});

    const std::vector<Terms>& of(const Terms& key) const;

    std::size_t groups() const { return groups_; }  // groups kept
    std::size_t keys() const { return table_.size(); }

private:
    Synonyms() = default;
    std::unordered_map<std::string, std::vector<Terms>> table_;  // entry terms joined by ' '
    std::size_t groups_ = 0;
};

}  // namespace lupe
