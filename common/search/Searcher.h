#pragma once
// Searcher: SearchRequest in, SearchResult out; also single articles and related articles.
// The CLI (`lupe-search query/get/related`) and every HTTP worker use exactly this class.
//
// Contract:
//  - ranking: BM25 over title, lead and body terms (title and lead weigh more, see Schema.h);
//    articles holding all query words rank above those holding some; parameters (BM25
//    k1/b, the all-words boost, an optional proximity bonus) in RankingOptions
//    (search/Ranking.h, tuned defaults); optional recency boost;
//  - filters: values of one field OR-ed, fields AND-ed; dates inclusive;
//  - facets: exact counts over all matches; a filtered field's own counts ignore its own
//    filter (multi-select faceting); month and year facets ignore the --from/--to filter.
//    Counted in one pass per shard by FacetCounter on FacetColumns (loaded on the first
//    faceted search, reloaded after a reopen to a new revision; see set_facet_columns), over
//    the matches read from posting lists (MatchSet.h; the time limit stops the reading too);
//  - total: exact when facets, `collapse` or `exact_total` are asked, or when fewer than
//    SearchRequest::kExactTotalBelow articles match; otherwise Xapian's estimate from the
//    top-k pass (which stops early) and `total_exact` is false;
//  - with `collapse`, near-duplicates (same cluster key) count as one result, the best ranked
//    one, whose Hit::similar counts the others that match; facet counts still count every
//    matching article;
//  - shards (IndexFolder.h): every shard is opened on its own; facets are counted per shard
//    and summed (each article lives in one shard). Remote shards (`remote HOST:PORT` in the
//    stub file) are asked with SearcherOptions::shards.timeouts; a remote shard that does not
//    answer (refused, or silent past the timeout) is left out: the result then has `partial`
//    and names it in `missing_shards`, or, with `allow_partial` false, the call throws
//    ShardUnavailableError. A failure during a search reconnects every remote shard and runs
//    the search again without the silent ones, so a call takes at most about two timeouts
//    per silent shard and never hangs. Missing shards are tried again after
//    `retry_seconds`. With remote shards, facets are counted by Xapian's ValueCountMatchSpy
//    (one pass per filtered facet field, run on the servers) and the recency boost is not
//    available (InvalidRequest): xapian-tcpsrv knows only Xapian's own classes;
//  - time limit (SearcherOptions::time_limit, 0: none): search() and related() stop matching
//    once it has passed since the call began and return what was found by then, with
//    SearchResult::partial set (hits are the best of the documents looked at; totals and facet
//    counts cover those only and total_exact is false). The matching is cut, not the work
//    before it (query parsing) or after it (snippets of at most `limit` hits). A match whose
//    posting lists are too short to reach the limit (match_work) is not watched;
//  - NOT thread-safe (owns a database handle and an analyzer): one per thread. `reopen()`
//    moves to the newest committed revision;
//  - reads while an indexer commits: search, get, related and similar answer from one
//    committed revision; when the indexer's commits overtake the open one
//    (Xapian::DatabaseModifiedError), they reopen and start again (up to kReadAttempts times).

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "article/Article.h"
#include "index/IndexFolder.h"
#include "search/FacetColumns.h"
#include "search/QueryBuilder.h"
#include "search/Ranking.h"
#include "search/SearchRequest.h"
#include "search/SearchResult.h"

namespace lupe {

// How a Searcher treats the shards of a sharded index (README, "Scaling out").
struct ShardOptions {
    RemoteTimeouts timeouts;   // remote shards: per operation and for connecting
    bool allow_partial = true; // false: a missing shard fails the call (ShardUnavailableError)
    unsigned retry_seconds = 30;  // how long a missing shard is left out before the next try
};

// The postings a match of `query` may read, from term statistics: the frequency of each term
// leaf (counted at each occurrence: each opens its own list), and all `documents` for a part
// that statistics do not bound (a wildcard, a value range, all documents, a posting source).
// Decides whether a search's time limit needs watching.
using TermFrequency = std::function<Xapian::doccount(const std::string& term)>;
std::uint64_t match_work(const Xapian::Query& query, Xapian::doccount documents, const TermFrequency& frequency);

// How a Searcher builds its queries (defaults: as documented in README).
struct SearcherOptions {
    QueryBuilderOptions query;  // e.g. query.expansion.synonyms (`--synonyms FILE`)
    ShardOptions shards;
    std::chrono::nanoseconds time_limit{0};  // per search (see above); 0: none
};

struct MatchDeadline;  // Searcher.cpp

class Searcher {
public:
    explicit Searcher(const std::string& index_folder, SearcherOptions options = {});
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    SearchResult search(SearchRequest request);
    std::optional<Article> get(const std::string& id);
    // Articles most like `id` (relevance feedback); nullopt when the id is unknown.
    std::optional<SearchResult> related(const std::string& id, std::size_t limit = 10);
    // The other articles of `id`'s near-duplicate cluster (its copies), newest first; total
    // counts all of them; nullopt when the id is unknown.
    std::optional<SearchResult> similar(const std::string& id, std::size_t limit = 10);

    // Sees the newest commit; returns true when the index changed.
    bool reopen();
    // true (the default): keep every document's facet fields in memory (FacetColumns::load,
    // 16 bytes per article) for fast repeated facet counts; false: read the values of each
    // search's matches from the value streams instead, cheaper for a process that searches
    // once (the CLI).
    void set_facet_columns(bool keep) { keep_facet_columns_ = keep; }
    Xapian::doccount doc_count() const { return db_.get_doccount(); }
    // Every document, at least 1: a check_at_least that makes a match pass see every match.
    Xapian::doccount all_documents() const { return std::max<Xapian::doccount>(1, db_.get_doccount()); }
    // The shards left out for now (names as the stub file lists them); empty: all answer.
    const std::vector<std::string>& missing_shards() const { return missing_; }
    // Completions of the query's last word (Suggester), read like search: from one committed
    // revision, reopened and read again when the indexer's commits overtake it.
    std::vector<std::string> complete(const std::string& query);
    // The index's revision: grows with every commit (of a sharded index: the sum of its shards'
    // revisions, read from the shards, since Xapian gives none for several databases).
    Xapian::rev revision() const;
    const Xapian::Database& database() const { return db_; }

    static constexpr int kReadAttempts = 10;

private:
    template <class Call> auto guarded(Call call);
    void connect(bool every_shard);
    void retry_missing_when_due();
    std::optional<Xapian::rev> cache_revision() const;  // the revision shared spellings belong to
    void count_facets(const SearchRequest& request, const Xapian::Query& text, SearchResult& result);
    void count_facets_remotely(const SearchRequest& request, const Xapian::Query& text, SearchResult& result);
    std::uint64_t count_matches(const Xapian::Query& query);
    // A lower bound of the matches of `query`, after checking up to `checked` of them per shard
    // (0: from term statistics alone), summed until it reaches `needed`. With `checked` =
    // `needed`: exact below `needed`, at least `needed` otherwise.
    std::uint64_t matches_at_least(const Xapian::Query& query, Xapian::doccount checked, std::uint64_t needed);
    SearchResult run(SearchRequest request);
    std::optional<SearchResult> related_here(const std::string& id, std::size_t limit);
    std::optional<SearchResult> similar_here(const std::string& id, std::size_t limit);
    // A hit with its snippet marking `terms` (word terms, see word_terms in Searcher.cpp).
    Hit make_hit(const Xapian::MSetIterator& item, const std::unordered_set<std::string>& terms);
    static std::unordered_set<std::string> matching_terms(const Xapian::MSetIterator& item,
                                                          const Xapian::Enquire& enquire);
    // `query` restricted to the request's filters (but the one on the field of `ignoring`).
    Xapian::Query filtered(const Xapian::Query& query, const SearchRequest& request, std::optional<Facet> ignoring) const;
    // `query` ending its matching at the current search's deadline (unchanged without one).
    Xapian::Query bounded(const Xapian::Query& query) const;
    std::optional<std::string> suggestion_for(const std::string& correction, const SearchRequest& request,
                                              std::uint64_t total);

    std::string folder_;
    ShardOptions shard_options_;
    std::vector<ShardSpec> shards_;        // in routing order; one for a single index
    std::vector<Xapian::Database> open_;   // by shard; an empty handle: missing
    std::vector<std::string> missing_;     // names of the missing shards
    bool remote_ = false;                  // some shard is remote
    std::chrono::steady_clock::time_point last_connect_;
    Xapian::Database db_;                  // the shards that answer, combined
    analysis::GermanAnalyzer analyzer_;
    RankingOptions ranking_;
    std::unique_ptr<QueryBuilder> builder_;
    bool keep_facet_columns_ = true;
    std::vector<std::unique_ptr<FacetColumns>> facet_columns_;  // by shard, of its revision; null: not read yet
    FacetColumns& facet_columns(std::size_t shard);  // loaded on first use (kept columns only)
    std::chrono::nanoseconds time_limit_{0};
    std::shared_ptr<MatchDeadline> deadline_;  // of the search running; null: none
};

}  // namespace lupe
