#pragma once
// QueryExpander: widens the words of a parsed query the way German readers need.
//
//   word          -> word OR (all first-level parts of the compound)   [parts_weight]
//   rare word     -> word OR its closest spelling in the index          [typo_weight]
//   word with ae  -> folded term OR unfolded term                       (Panamaer: panama)
//   "a b" written `a-b` -> the phrase OR the joined word `ab`          (Volkswagen-Konzern
//                    finds Volkswagenkonzern; the indexer writes `ab` for every `a-b`)
//                    OR (a AND b)   [parts_weight]   (UN-Sekretär finds UN-Generalsekretär:
//                    its parts, like a compound's; the index has no positions for parts)
//   word or "phrase" with synonyms (only with a synonym table, Synonyms.h)
//                 -> SYNONYM(word, synonyms...)   or   word OR (synonyms) [synonym_weight]
//                    (Auto finds PKW; a synonym of several words is looked for as a phrase)
//
// Contract:
//  - input: a Xapian::Query from the QueryParser plus, for each of its word terms, the word
//    the reader typed (`words`: term without prefix -> word), and the hyphenated words of the
//    query (`hyphenated`: the terms of the parts, in order -> the term of the joined word);
//  - only free-text leaves are widened, inside AND/OR/AND_MAYBE/XOR/ELITE_SET/SYNONYM/MAX and
//    the positive side of AND_NOT and FILTER; phrases, NEAR, negated words, boolean filters,
//    ranges and wildcards stay exactly as parsed;
//  - a word is "rare" when the index holds it in fewer than `rare_below` articles; its
//    spelling variant (edit distance <= 2, from the index's spelling vocabulary) is added when
//    the word is absent, or when the variant is in `rare_ratio` times as many articles;
//  - synonyms: a free-text word is looked up by its term (any length), a phrase only as a
//    whole (`"Vereinigte Staaten"` -> USA); words inside a phrase are never replaced;
//  - widened terms weigh less than the word itself (synonyms in `SynonymMode::Synonym` count
//    as the word itself, Xapian's OP_SYNONYM); matching stays a superset.
// NOT thread-safe (uses the thread's analyzer and database).

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "search/Synonyms.h"
#include "search/QueryWordCache.h"

namespace lupe {

enum class SynonymMode {
    Synonym,     // OP_SYNONYM(word, synonyms...): one combined term for BM25
    WeightedOr,  // word OR SCALE_WEIGHT(OR(synonyms...), synonym_weight)
};

struct QueryExpansionOptions {
    bool compound_parts = true;
    double parts_weight = 0.5;
    bool typo_variants = true;
    double typo_weight = 0.5;
    Xapian::doccount rare_below = 2;
    Xapian::doccount rare_ratio = 10;  // a rare word's variant must be this many times as common
    std::shared_ptr<const Synonyms> synonyms;  // nullptr: no synonyms (the default)
    SynonymMode synonym_mode = SynonymMode::Synonym;
    double synonym_weight = 0.5;  // SynonymMode::WeightedOr only
};

class QueryExpander {
public:
    QueryExpander(const Xapian::Database& db, analysis::GermanAnalyzer& analyzer,
                  QueryExpansionOptions options = {})
        : db_(db), analyzer_(analyzer), options_(options) {}

    using Words = std::unordered_map<std::string, std::string>;
    using Hyphenated = std::map<std::vector<std::string>, std::string>;

    Xapian::Query expand(const Xapian::Query& query, const Words& words,
                         const Hyphenated& hyphenated = {}) const;

    // Remember widened words (and spelling lookups) in `cache` (owned by the caller; null: none).
    void set_cache(QueryWordCache* cache) { cache_ = cache; }

private:
    Xapian::Query expand_term(const Xapian::Query& leaf, const Words& words) const;
    Xapian::Query cached_expand_term(const Xapian::Query& leaf, const Words& words) const;
    Xapian::Query expand_phrase(const Xapian::Query& phrase, const Hyphenated& hyphenated) const;
    // All parts of a word (a compound's or a hyphenated word's) anywhere, at `parts_weight`.
    Xapian::Query all_parts(const std::vector<Xapian::Query>& parts) const;
    // `query` (a word's term or a phrase of `terms`) with its synonyms, fields prefixed.
    Xapian::Query with_synonyms(const Xapian::Query& query, const std::string& prefix,
                                const Synonyms::Terms& terms) const;

    const Xapian::Database& db_;
    analysis::GermanAnalyzer& analyzer_;
    QueryExpansionOptions options_;
    QueryWordCache* cache_ = nullptr;
};

}  // namespace lupe
