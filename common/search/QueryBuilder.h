#pragma once
// QueryBuilder: Lupe's query language -> Xapian::Query, on Xapian's QueryParser fed by the
// GermanAnalyzer (every query word becomes exactly the term the indexer wrote for it).
//
// Language: plain words (all preferred, not required), "phrases", -word, NOT, AND, OR,
// parentheses, title:, lead:, source:, topic:, date:2024 / date:2024-10 / date:2024-10-08,
// date:FROM..TO ranges (either side may be empty or a shorthand), prefix wildcards `Halbleit*`.
//
// Contract:
//  - an empty (or all-space) query matches every article;
//  - a query Xapian's parser cannot read with operators (`(a`, `a AND`) is read again as
//    plain words (lenient, documented in README);
//  - a date Lupe cannot read (`date:2024-13-01..x`) throws QuerySyntaxError naming it;
//  - NOT thread-safe: one per thread, like the analyzer it uses.

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "search/QueryExpander.h"
#include "search/Ranking.h"

namespace lupe {

class QuerySyntaxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct QueryBuilderOptions {
    // all_words_boost and the proximity bonus (search/Ranking.h).
    RankingOptions ranking;
    Xapian::termcount max_wildcard_expansion = 200;
    QueryExpansionOptions expansion;  // compound parts and spelling variants
    // Spelling suggestions shared with the QueryBuilders of other threads (QueryWordCache.h);
    // nullptr: this builder's own cache only.
    std::shared_ptr<SharedSpellings> shared_spellings;
};

class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, analysis::GermanAnalyzer& analyzer,
                 QueryBuilderOptions options = {});
    ~QueryBuilder();
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    Xapian::Query build(const std::string& text);

    // The query text with misspelt words replaced by the closest words of the index's
    // spelling vocabulary, as found by the last build(); empty when nothing was corrected.
    const std::string& last_correction() const { return correction_; }

    // A query with exactly the matches of the last build(), cheaper to count: without the
    // branches that only rank (the all-words boost, the proximity bonus) when leaving them
    // out cannot change the set; else the built query itself. For passes that only count
    // (facets, totals, the did-you-mean check), which iterate every match.
    const Xapian::Query& last_match_set() const { return match_set_; }

    // The number of documents holding `term`, remembered like the words (QueryWordCache).
    Xapian::doccount term_frequency(const std::string& term);

    // Forget the remembered expansions, spellings and frequencies (QueryWordCache); call when the
    // database moved to another revision, with that revision when it is known (then spellings
    // are shared through options.shared_spellings).
    void forget_cached_words(std::optional<Xapian::rev> revision = std::nullopt);

private:
    class Parts;
    Xapian::Query build_ranked(const std::string& text);  // build() without match_set_'s default
    std::string corrected(const std::string& text);

    const Xapian::Database& db_;
    analysis::GermanAnalyzer& analyzer_;
    std::unique_ptr<Parts> parts_;
    QueryBuilderOptions options_;
    std::string correction_;
    Xapian::Query match_set_;
};

}  // namespace lupe
