#include "search/Ranking.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "index/Schema.h"

namespace lupe {
namespace {

// The field of a free-text term: its prefix ("" for all text, title, lead); nullopt-like
// `free == false` for boolean terms (ids, filters, dates).
struct Field {
    bool free = false;
    std::string prefix;
};

bool upper(char c) { return c >= 'A' && c <= 'Z'; }

Field field_of(const std::string& term) {
    for (const std::string_view prefix : {schema::kLeadPrefix, schema::kTitlePrefix}) {
        if (term.size() > prefix.size() && term.compare(0, prefix.size(), prefix) == 0 &&
            !upper(term[prefix.size()])) {
            return {true, std::string(prefix)};
        }
    }
    if (term.empty() || upper(term[0])) return {};
    return {true, ""};
}

// The free-text terms of a query in the reader's order; negated sides and filters are left
// out, and anything that is not a word (a wildcard, a range) breaks the sequence (""), so
// no pair is made across it.
void collect_words(const Xapian::Query& query, std::vector<std::string>& out) {
    using Op = Xapian::Query::op;
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
        const std::string term = *query.get_terms_begin();
        out.push_back(field_of(term).free ? term : "");
        return;
    }
    const std::size_t n = query.get_num_subqueries();
    switch (type) {
        case Op::OP_AND:
        case Op::OP_OR:
        case Op::OP_AND_MAYBE:
        case Op::OP_XOR:
        case Op::OP_SYNONYM:
        case Op::OP_MAX:
        case Op::OP_PHRASE:
        case Op::OP_NEAR:
        case Op::OP_ELITE_SET:
            for (std::size_t i = 0; i < n; ++i) collect_words(query.get_subquery(i), out);
            return;
        case Op::OP_AND_NOT:
        case Op::OP_FILTER:
        case Op::OP_SCALE_WEIGHT:
            if (n > 0) collect_words(query.get_subquery(0), out);
            out.emplace_back();
            return;
        default:
            out.emplace_back();
            return;
    }
}

}  // namespace

std::unique_ptr<Xapian::Weight> weighting(const RankingOptions& options) {
    constexpr double k2 = 0;            // no document length correction term
    constexpr double k3 = 1;            // query word frequency
    constexpr double min_normlen = 0.5;  // Xapian's default
    if (options.bm25_plus_delta > 0) {
        return std::make_unique<Xapian::BM25PlusWeight>(options.bm25_k1, k2, k3, options.bm25_b, min_normlen,
                                                        options.bm25_plus_delta);
    }
    return std::make_unique<Xapian::BM25Weight>(options.bm25_k1, k2, k3, options.bm25_b, min_normlen);
}

Xapian::Query proximity_bonus(const Xapian::Query& parsed, const RankingOptions& options) {
    if (options.proximity_weight <= 0 || parsed.empty()) return {};
    std::vector<std::string> words;
    collect_words(parsed, words);
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& a = words[i - 1];
        const std::string& b = words[i];
        if (a.empty() || b.empty() || a == b || field_of(a).prefix != field_of(b).prefix) continue;
        if (!seen.emplace(std::min(a, b), std::max(a, b)).second) continue;
        const Xapian::Query both[] = {Xapian::Query(a), Xapian::Query(b)};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(both), std::end(both),
                           std::max<Xapian::termcount>(2, options.proximity_window));
    }
    if (pairs.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()),
                         options.proximity_weight);
}

}  // namespace lupe
