#include "search/PositionFilter.h"

#include <algorithm>
#include <limits>

#include "index/Schema.h"

namespace lupe {
namespace {

using Op = Xapian::Query::op;

// The terms a phrase subquery stands for: itself, or the terms of an OR (or SYNONYM).
std::vector<std::string> slot_terms(const Xapian::Query& subquery) {
    const auto type = subquery.get_type();
    if (type == Xapian::Query::LEAF_TERM) return {*subquery.get_terms_begin()};
    std::vector<std::string> terms;
    if (type == Op::OP_OR || type == Op::OP_SYNONYM) {
        for (std::size_t i = 0; i < subquery.get_num_subqueries(); ++i) {
            const Xapian::Query leaf = subquery.get_subquery(i);
            if (leaf.get_type() != Xapian::Query::LEAF_TERM) break;
            terms.push_back(*leaf.get_terms_begin());
        }
        if (terms.size() == subquery.get_num_subqueries() && !terms.empty()) return terms;
    }
    throw PhraseError("a phrase or NEAR can only hold words here, not " + subquery.get_description());
}

// Xapian 1.4 gives no getter for the window of a phrase or NEAR; its description holds it
// between the first two subqueries ("(a@1 PHRASE 3 b@2 PHRASE 3 c@3)"), and a subquery that
// is a term or an OR of terms holds no such word.
Xapian::termcount window_of(const Xapian::Query& query) {
    const std::string description = query.get_description();
    const std::string word = query.get_type() == Op::OP_PHRASE ? " PHRASE " : " NEAR ";
    const std::size_t at = description.find(word);
    if (at == std::string::npos) throw PhraseError("cannot read the window of " + description);
    Xapian::termcount window = 0;
    for (std::size_t i = at + word.size(); i < description.size() && description[i] >= '0' && description[i] <= '9'; ++i) {
        window = window * 10 + static_cast<Xapian::termcount>(description[i] - '0');
    }
    return window;
}

// Kuhn's augmenting path: can slot `s` take a position in [low, high] of its own, moving
// slots not yet visited to other positions? `owner`: position -> slot, for the window.
using Owners = std::vector<std::pair<Xapian::termpos, std::size_t>>;

Owners::iterator owner_of(Owners& owners, Xapian::termpos position) {
    return std::find_if(owners.begin(), owners.end(), [&](const auto& o) { return o.first == position; });
}

bool assign(std::size_t s, const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termpos low,
            Xapian::termpos high, Owners& owners, std::vector<bool>& visited) {
    const auto& list = positions[s];
    for (auto it = std::lower_bound(list.begin(), list.end(), low); it != list.end() && *it <= high; ++it) {
        const auto owner = owner_of(owners, *it);
        if (owner == owners.end()) {
            owners.emplace_back(*it, s);
            return true;
        }
        const std::size_t other = owner->second;
        if (visited[other]) continue;
        visited[other] = true;
        if (assign(other, positions, low, high, owners, visited)) {
            owner_of(owners, *it)->second = s;  // `other` holds another position now
            return true;
        }
    }
    return false;
}

bool near_in_window(const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termpos low,
                    Xapian::termpos high) {
    Owners owners;
    for (std::size_t s = 0; s < positions.size(); ++s) {
        std::vector<bool> visited(positions.size(), false);
        visited[s] = true;
        if (!assign(s, positions, low, high, owners, visited)) return false;
    }
    return true;
}

}  // namespace

PositionStore recorded_store(const Xapian::Database& db) {
    return db.get_metadata(schema::kMetaPositions) == schema::kPositionsInValues ? PositionStore::Values
                                                                                 : PositionStore::Table;
}

Xapian::Query positional_query(Xapian::Query::op op, const std::vector<Xapian::Query>& subqueries,
                               Xapian::termcount window, const PhraseSupport& support) {
    if (subqueries.empty()) return Xapian::Query();
    if (subqueries.size() == 1) return subqueries.front();  // as Xapian does
    window = std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(subqueries.size()));
    if (support.store == PositionStore::Table) return Xapian::Query(op, subqueries.begin(), subqueries.end(), window);
    if (support.remote) {
        throw PhraseError("phrases and NEAR are not available here: this index keeps word positions in Lupe's own "
                          "values, which xapian-tcpsrv cannot read (build it with lupe-index add --xapian-positions "
                          "to serve it remotely)");
    }
    std::vector<std::vector<std::string>> slots;
    for (const auto& subquery : subqueries) slots.push_back(slot_terms(subquery));
    const auto order = op == Op::OP_PHRASE ? PositionFilter::Order::InOrder : PositionFilter::Order::AnyOrder;
    return Xapian::Query(Op::OP_FILTER, Xapian::Query(Op::OP_AND, subqueries.begin(), subqueries.end()),
                         Xapian::Query((new PositionFilter(std::move(slots), window, order))->release()));
}

Xapian::Query synonym_query(const std::vector<Xapian::Query>& alternatives) {
    const auto checked = [](const Xapian::Query& q) {
        return q.get_type() == Op::OP_FILTER && q.get_num_subqueries() == 2 &&
               q.get_subquery(1).get_type() == Xapian::Query::LEAF_POSTING_SOURCE;
    };
    if (std::none_of(alternatives.begin(), alternatives.end(), checked)) {
        return Xapian::Query(Op::OP_SYNONYM, alternatives.begin(), alternatives.end());
    }
    std::vector<Xapian::Query> words;    // inside the synonym
    std::vector<Xapian::Query> matches;  // which documents may match
    for (const auto& alternative : alternatives) {
        words.push_back(checked(alternative) ? alternative.get_subquery(0) : alternative);
        matches.push_back(alternative);
    }
    return Xapian::Query(Op::OP_FILTER, Xapian::Query(Op::OP_SYNONYM, words.begin(), words.end()),
                         Xapian::Query(Op::OP_OR, matches.begin(), matches.end()));
}

Xapian::Query as_store(const Xapian::Query& query, const PhraseSupport& support) {
    const auto type = query.get_type();
    if ((type != Op::OP_PHRASE && type != Op::OP_NEAR) || support.store == PositionStore::Table) return query;
    std::vector<Xapian::Query> subqueries;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) subqueries.push_back(query.get_subquery(i));
    return positional_query(static_cast<Op>(type), subqueries, window_of(query), support);
}

Xapian::Query all_as_store(const Xapian::Query& query, const PhraseSupport& support) {
    if (support.store == PositionStore::Table) return query;
    const auto type = query.get_type();
    switch (type) {
        case Op::OP_PHRASE:
        case Op::OP_NEAR:
            return as_store(query, support);
        case Op::OP_AND:
        case Op::OP_OR:
        case Op::OP_AND_NOT:
        case Op::OP_AND_MAYBE:
        case Op::OP_XOR:
        case Op::OP_FILTER:
        case Op::OP_SYNONYM:
        case Op::OP_MAX: {
            std::vector<Xapian::Query> children;
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                children.push_back(all_as_store(query.get_subquery(i), support));
            }
            if (type == Op::OP_SYNONYM) return synonym_query(children);
            return Xapian::Query(static_cast<Op>(type), children.begin(), children.end());
        }
        default:
            return query;
    }
}

PositionFilter::PositionFilter(std::vector<std::vector<std::string>> slots, Xapian::termcount window, Order order)
    : slots_(std::move(slots)), window_(window), order_(order) {
    for (const auto& slot : slots_) terms_.insert(terms_.end(), slot.begin(), slot.end());
    std::sort(terms_.begin(), terms_.end());
    terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
    for (const auto& slot : slots_) {
        auto& indexes = slot_terms_.emplace_back();
        for (const auto& term : slot) {
            indexes.push_back(static_cast<std::size_t>(std::lower_bound(terms_.begin(), terms_.end(), term) - terms_.begin()));
        }
        std::sort(indexes.begin(), indexes.end());
        indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    }
}

PositionFilter* PositionFilter::clone() const { return new PositionFilter(slots_, window_, order_); }

void PositionFilter::init(const Xapian::Database& db) {
    db_ = db;
    postings_.clear();
    for (const auto& term : terms_) postings_.push_back(db_.postlist_begin(term));
    values_ = Xapian::ValueIterator();
    values_started_ = false;
    current_ = 0;
    decided_ = 0;
    at_end_ = false;
    const Xapian::doccount documents = db_.get_doccount();
    upper_ = documents;
    for (const auto& slot : slot_terms_) {
        Xapian::doccount any = 0;
        for (const std::size_t t : slot) any = std::min(documents, any + db_.get_termfreq(terms_[t]));
        upper_ = std::min(upper_, any);
    }
    // As Xapian guesses for its own operators: a third (phrase) or half (NEAR) of the words' AND.
    estimate_ = order_ == Order::InOrder ? upper_ / 3 : upper_ / 2;
}

Xapian::docid PositionFilter::slot_from(std::size_t slot, Xapian::docid did) {
    const Xapian::PostingIterator end;
    Xapian::docid at = 0;
    for (const std::size_t t : slot_terms_[slot]) {
        Xapian::PostingIterator& it = postings_[t];
        if (it != end && *it < did) it.skip_to(did);
        if (it != end && (at == 0 || *it < at)) at = *it;
    }
    return at;
}

Xapian::docid PositionFilter::first_from(Xapian::docid did) {
    while (true) {
        bool moved = false;
        for (std::size_t s = 0; s < slot_terms_.size(); ++s) {
            const Xapian::docid at = slot_from(s, did);
            if (at == 0) return 0;
            if (at > did) {
                did = at;
                moved = true;
                break;
            }
        }
        if (moved) continue;
        if (positions_match(did)) return did;
        if (did == std::numeric_limits<Xapian::docid>::max()) return 0;
        ++did;
    }
}

bool PositionFilter::positions_match(Xapian::docid did) {
    const Xapian::ValueIterator end;
    if (!values_started_ || (values_ != end && values_.get_docid() > did)) {
        values_ = db_.valuestream_begin(schema::kPositionsSlot);
        values_started_ = true;
    }
    if (values_ != end && values_.get_docid() < did) values_.skip_to(did);
    if (values_ == end || values_.get_docid() != did) return false;
    PositionBlob(*values_).positions(terms_, term_positions_);
    slot_positions_.resize(slot_terms_.size());
    for (std::size_t s = 0; s < slot_terms_.size(); ++s) {
        auto& merged = slot_positions_[s];
        merged.clear();
        for (const std::size_t t : slot_terms_[s]) merged.insert(merged.end(), term_positions_[t].begin(), term_positions_[t].end());
        if (slot_terms_[s].size() > 1) {
            std::sort(merged.begin(), merged.end());
            merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
        }
    }
    return matches(slot_positions_, window_, order_);
}

bool PositionFilter::matches(const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termcount window,
                             Order order) {
    if (positions.empty()) return false;
    for (const auto& list : positions) {
        if (list.empty()) return false;
    }
    if (order == Order::InOrder) {
        // The earliest fit after each start is the best one: any later position only narrows
        // what is left of the window.
        for (const Xapian::termpos first : positions.front()) {
            Xapian::termpos at = first;
            bool fits = true;
            for (std::size_t s = 1; s < positions.size(); ++s) {
                const auto next = std::upper_bound(positions[s].begin(), positions[s].end(), at);
                if (next == positions[s].end()) return false;  // no later start can do better
                at = *next;
                if (at - first >= window) {
                    fits = false;
                    break;
                }
            }
            if (fits) return true;
        }
        return false;
    }
    // Any order: a window starting at some slot's position that gives every slot a position
    // of its own.
    std::vector<Xapian::termpos> starts;
    for (const auto& list : positions) starts.insert(starts.end(), list.begin(), list.end());
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (const Xapian::termpos low : starts) {
        if (near_in_window(positions, low, low + window - 1)) return true;
    }
    return false;
}

void PositionFilter::next(double) {
    current_ = decided_ == std::numeric_limits<Xapian::docid>::max() ? 0 : first_from(decided_ + 1);
    at_end_ = current_ == 0;
    decided_ = current_;
}

void PositionFilter::skip_to(Xapian::docid did, double) {
    if (at_end_) return;
    if (current_ != 0 && current_ >= did) return;
    current_ = first_from(std::max(did, decided_ + 1));
    at_end_ = current_ == 0;
    decided_ = current_;
}

bool PositionFilter::check(Xapian::docid did, double) {
    if (at_end_) return true;
    if (current_ != 0 && current_ >= did) return true;
    for (std::size_t s = 0; s < slot_terms_.size(); ++s) {
        const Xapian::docid at = slot_from(s, did);
        if (at == 0) {  // this slot has no more documents: nothing else can match
            at_end_ = true;
            current_ = 0;
            return true;
        }
        if (at != did) {
            current_ = 0;
            decided_ = did;
            return false;
        }
    }
    decided_ = did;
    current_ = positions_match(did) ? did : 0;
    return current_ != 0;
}

std::string PositionFilter::serialise() const {
    std::string out = get_description();
    for (const auto& slot : slots_) {
        out += '\0';
        for (const auto& term : slot) out += std::to_string(term.size()) + ':' + term;
    }
    return out;
}

std::string PositionFilter::get_description() const {
    std::string out = order_ == Order::InOrder ? "PositionFilter(phrase " : "PositionFilter(near ";
    out += std::to_string(window_);
    for (const auto& slot : slots_) {
        out += ' ';
        for (std::size_t i = 0; i < slot.size(); ++i) out += (i ? "|" : "") + slot[i];
    }
    return out + ")";
}

}  // namespace lupe
