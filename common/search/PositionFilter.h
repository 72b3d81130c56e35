#pragma once
// PositionFilter: phrase and NEAR matching for an index that keeps word positions in values
// (index/PositionBlob.h) instead of Xapian's position table.
//
// Contract:
//  - `positional_query(op, subqueries, window, store)` is the query for OP_PHRASE or OP_NEAR
//    over `subqueries` with `window`, for an index whose positions are in `store`: Xapian's own
//    operator for the table; for values, the AND of the subqueries (weights, statistics) filtered
//    by a PositionFilter (a posting source without weight) that checks the positions.
//  - The same documents match as with Xapian 1.4's operators on the table
//    (tests/search/PositionFilterTest.cpp compares them on random queries):
//    OP_PHRASE: one position per subquery, strictly ascending in subquery order, the last less
//    than `window` after the first (window = number of subqueries: an exact phrase);
//    OP_NEAR: one distinct position per subquery in any order, all within `window` positions.
//  - A subquery is a term or an OR (or SYNONYM) of terms, whose positions are merged; anything
//    else throws PhraseError, as does a remote index with positions in values (the server knows
//    no Lupe class).
//  - `as_store(query, store)`: a phrase or NEAR built by Xapian's QueryParser, rebuilt by
//    positional_query (its window read from the query's description: Xapian 1.4 has no getter).
//  - The source is cloned for every shard and every match (Xapian's ExternalPostList), so one
//    query may be used by one thread after another; a Query object itself is not thread-safe.
//
// Known problem, why nothing builds these queries yet: get_termfreq_est() is a third (half) of
// the rarest word's frequency, so the filter can lead the AND and check the positions of every
// candidate, where Xapian checks only documents the weight bound lets through; phrase queries
// took 57 ms mean against 4.6 ms at 200 000 articles.

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/PositionBlob.h"

namespace lupe {

class PhraseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where the searched index keeps positions, and whether Lupe can check them there.
struct PhraseSupport {
    PositionStore store = PositionStore::Table;
    bool remote = false;  // some shard is served by xapian-tcpsrv
};

// What `db` (a shard, or the first of several) records (schema::kMetaPositions).
PositionStore recorded_store(const Xapian::Database& db);

Xapian::Query positional_query(Xapian::Query::op op, const std::vector<Xapian::Query>& subqueries,
                               Xapian::termcount window, const PhraseSupport& support);

// OP_SYNONYM over `alternatives`, some of which may be positional_query's: Xapian 1.4 cannot
// combine a posting source's statistics into a synonym, so such an alternative counts as its
// words' AND inside the synonym, and the synonym is filtered by the positions (the same
// documents match; the phrase's frequency and wdf are estimated from the AND).
Xapian::Query synonym_query(const std::vector<Xapian::Query>& alternatives);

// `query` is OP_PHRASE or OP_NEAR (else returned as it is).
Xapian::Query as_store(const Xapian::Query& query, const PhraseSupport& support);
// as_store for every phrase and NEAR in `query` under AND, OR, AND_NOT, AND_MAYBE, XOR,
// FILTER, SYNONYM and MAX (what Xapian's QueryParser builds around them).
Xapian::Query all_as_store(const Xapian::Query& query, const PhraseSupport& support);

class PositionFilter final : public Xapian::PostingSource {
public:
    enum class Order { InOrder, AnyOrder };

    // slots[i]: the terms whose positions stand for subquery i.
    PositionFilter(std::vector<std::vector<std::string>> slots, Xapian::termcount window, Order order);

    PositionFilter* clone() const override;
    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return estimate_; }
    Xapian::doccount get_termfreq_max() const override { return upper_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return at_end_; }
    Xapian::docid get_docid() const override { return current_; }
    std::string get_description() const override;
    // For comparing queries (Query::serialise); no server can read it back.
    std::string name() const override { return "lupe::PositionFilter"; }
    std::string serialise() const override;

    // Whether positions (per slot, ascending) satisfy the operator: the check itself.
    static bool matches(const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termcount window,
                        Order order);

private:
    Xapian::docid first_from(Xapian::docid did);  // the first match >= did (0: none)
    // The first document >= did holding any of the slot's terms (0: none); moves their postings.
    Xapian::docid slot_from(std::size_t slot, Xapian::docid did);
    bool positions_match(Xapian::docid did);

    std::vector<std::vector<std::string>> slots_;
    Xapian::termcount window_;
    Order order_;
    std::vector<std::string> terms_;               // every slot's terms, sorted, distinct
    std::vector<std::vector<std::size_t>> slot_terms_;  // slot -> indexes into terms_

    Xapian::Database db_;
    std::vector<Xapian::PostingIterator> postings_;  // one per terms_ entry
    Xapian::ValueIterator values_;
    bool values_started_ = false;
    Xapian::docid current_ = 0;
    Xapian::docid decided_ = 0;  // every docid up to this one has been decided
    bool at_end_ = false;
    Xapian::doccount estimate_ = 0;
    Xapian::doccount upper_ = 0;
    std::vector<std::vector<Xapian::termpos>> term_positions_;  // per terms_ entry
    std::vector<std::vector<Xapian::termpos>> slot_positions_;
};

}  // namespace lupe
