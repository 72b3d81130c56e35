#include "search/MatchSet.h"

#include <algorithm>
#include <bit>

namespace lupe {

DocSet::DocSet(Xapian::docid last) : last_(last), words_(static_cast<std::size_t>(last) / 64 + 1, 0) {}

void DocSet::unite(const DocSet& other) {
    for (std::size_t w = 0; w < words_.size() && w < other.words_.size(); ++w) words_[w] |= other.words_[w];
}

void DocSet::intersect(const DocSet& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= w < other.words_.size() ? other.words_[w] : 0;
}

void DocSet::subtract(const DocSet& other) {
    for (std::size_t w = 0; w < words_.size() && w < other.words_.size(); ++w) words_[w] &= ~other.words_[w];
}

bool DocSet::empty() const {
    return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
}

std::uint64_t DocSet::count() const {
    std::uint64_t n = 0;
    for (const std::uint64_t w : words_) n += static_cast<std::uint64_t>(std::popcount(w));
    return n;
}

namespace {

// Adds each match of a subquery the evaluator does not read itself, as Xapian finds them.
class Collector : public Xapian::MatchSpy {
public:
    explicit Collector(DocSet& set) : set_(set) {}
    void operator()(const Xapian::Document& doc, double) override { set_.insert(doc.get_docid()); }

private:
    DocSet& set_;
};

class Evaluator {
public:
    Evaluator(const Xapian::Database& db, const MatchSetOptions& options)
        : db_(db), options_(options), last_(db.get_lastdocid()) {}

    DocSet evaluate(const Xapian::Query& query) {
        switch (query.get_type()) {
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER: {
                DocSet set = evaluate(query.get_subquery(0));
                for (std::size_t i = 1; i < query.get_num_subqueries() && !set.empty(); ++i) {
                    set.intersect(evaluate(query.get_subquery(i)));
                }
                return set;
            }
            case Xapian::Query::OP_AND_NOT: {
                DocSet set = evaluate(query.get_subquery(0));
                if (set.empty()) return set;
                DocSet excluded(last_);
                for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) add(excluded, query.get_subquery(i));
                if (stopped_) return DocSet(last_);  // some exclusions unread: nothing is certain
                set.subtract(excluded);
                return set;
            }
            case Xapian::Query::OP_AND_MAYBE:  // the optional side only adds weight
            case Xapian::Query::OP_SCALE_WEIGHT:
                return evaluate(query.get_subquery(0));
            default: {
                DocSet set(last_);
                add(set, query);
                return set;
            }
        }
    }

private:
    // set |= the matches of `query`: terms straight from their posting lists.
    void add(DocSet& set, const Xapian::Query& query) {
        if (stopped_) return;
        switch (query.get_type()) {
            case Xapian::Query::LEAF_TERM:
            case Xapian::Query::LEAF_MATCH_ALL: {  // the empty term: every document
                const std::string term = query.get_type() == Xapian::Query::LEAF_TERM ? *query.get_terms_begin() : "";
                for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
                    if (--countdown_ == 0 && should_stop()) return;
                    set.insert(*it);
                }
                return;
            }
            case Xapian::Query::LEAF_MATCH_NOTHING:
                return;
            case Xapian::Query::OP_OR:
            case Xapian::Query::OP_SYNONYM:
            case Xapian::Query::OP_MAX:
                for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) add(set, query.get_subquery(i));
                return;
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER:
            case Xapian::Query::OP_AND_NOT:
            case Xapian::Query::OP_AND_MAYBE:
            case Xapian::Query::OP_SCALE_WEIGHT:
                set.unite(evaluate(query));
                return;
            default:
                add_from_matcher(set, query);
                return;
        }
    }

    void add_from_matcher(DocSet& set, const Xapian::Query& query) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(options_.bound ? options_.bound(query) : query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Collector collector(set);
        enquire.add_matchspy(&collector);
        enquire.get_mset(0, 0, std::max<Xapian::doccount>(1, db_.get_doccount()));
        if (options_.stop && options_.stop()) stopped_ = true;  // a bound matcher may have stopped
    }

    bool should_stop() {
        countdown_ = std::max(1u, options_.check_every);
        if (options_.stop && options_.stop()) stopped_ = true;
        return stopped_;
    }

    const Xapian::Database& db_;
    const MatchSetOptions& options_;
    Xapian::docid last_;
    unsigned countdown_ = 1;  // the first posting asks
    bool stopped_ = false;
};

}  // namespace

DocSet match_set(const Xapian::Database& db, const Xapian::Query& query, const MatchSetOptions& options) {
    if (query.empty()) return DocSet(db.get_lastdocid());  // Xapian: an empty query matches nothing
    return Evaluator(db, options).evaluate(query);
}

}  // namespace lupe
