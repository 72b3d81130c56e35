#pragma once
// MatchSet: the documents of one database that a query matches, found by reading posting lists
// into a bitmap instead of running Xapian's matcher. For passes that look at every match and
// need no weights (exact facet counts and totals). On the faceted benchmark queries at 200 000
// articles, the facet pass took about 1 100 instructions per match with Xapian 1.4's matcher,
// about 340 with this (counting included; bench/RESULTS.md, "Facet counts from posting lists").
//
// Contract:
//  - `match_set(db, query)` holds exactly the documents Xapian's matcher returns for `query`
//    on `db` without weights (BoolWeight). Weights never remove a match, except where
//    OP_ELITE_SET picks its subqueries by weight;
//  - read from posting lists: terms, match-all and match-nothing, and the operators AND,
//    FILTER, OR, SYNONYM, MAX, AND_NOT, AND_MAYBE (its left side) and SCALE_WEIGHT; any other
//    subquery (phrases, NEAR, value ranges, wildcards, ELITE_SET, XOR, posting sources) is
//    matched by Xapian on its own, without weights;
//  - `db` is one database (one shard): docids are its own. A combined database works as well
//    but its docids interleave the shards' (Xapian's add_database numbering);
//  - cost: one bit per docid up to the highest for each operand that is not a term of an OR
//    (12.5 KB per 100 000 documents), plus reading every posting list once;
//  - stopping early (MatchSetOptions::stop, asked at the first posting, then every
//    check_every postings and after each subquery Xapian matched): once it says
//    stop, no more postings are read and the set holds only matches, not all of them (an
//    AND_NOT whose exclusions were not all read contributes nothing).

#include <cassert>
#include <cstdint>
#include <functional>
#include <vector>

#include <xapian.h>

namespace lupe {

class DocSet {
public:
    explicit DocSet(Xapian::docid last);  // empty; docids 1..last

    void insert(Xapian::docid id) {  // id <= last()
        assert(id <= last_);
        words_[id >> 6] |= std::uint64_t{1} << (id & 63);
    }
    bool contains(Xapian::docid id) const {
        return (id >> 6) < words_.size() && (words_[id >> 6] >> (id & 63) & 1) != 0;
    }
    void unite(const DocSet& other);
    void intersect(const DocSet& other);
    void subtract(const DocSet& other);
    bool empty() const;
    std::uint64_t count() const;
    Xapian::docid last() const { return last_; }

    // Calls visit(docid) for every docid in the set, ascending.
    template <class Visit>
    void for_each(Visit visit) const {
        for (std::size_t w = 0; w < words_.size(); ++w) {
            for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
                visit(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
            }
        }
    }

private:
    Xapian::docid last_;
    std::vector<std::uint64_t> words_;
};

struct MatchSetOptions {
    // Asked at the first posting, then every check_every; true: stop reading (e.g. a deadline
    // passed). Empty: never.
    std::function<bool()> stop;
    // Applied to each subquery handed to Xapian's matcher (e.g. to end it at the same deadline).
    // Empty: the subquery as it is.
    std::function<Xapian::Query(const Xapian::Query&)> bound;
    // Postings between two questions to `stop` (a clock read costs about 25 ns).
    unsigned check_every = 4096;
};

DocSet match_set(const Xapian::Database& db, const Xapian::Query& query, const MatchSetOptions& options = {});

}  // namespace lupe
