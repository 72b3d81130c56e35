#include "search/QueryExpander.h"

#include <vector>

#include "index/Schema.h"

namespace lupe {
namespace {

// Splits a term into its field prefix (title/lead) and the bare term; nullopt-like empty
// `bare` for terms of other prefixes (filters, ids).
struct PrefixedTerm {
    std::string prefix;
    std::string bare;
};

PrefixedTerm split_prefix(const std::string& term) {
    for (const std::string_view prefix : {schema::kLeadPrefix, schema::kTitlePrefix}) {
        if (term.size() > prefix.size() && term.compare(0, prefix.size(), prefix) == 0) {
            const char next = term[prefix.size()];
            if (!(next >= 'A' && next <= 'Z')) return {std::string(prefix), term.substr(prefix.size())};
        }
    }
    if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') return {};
    return {"", term};
}

}  // namespace

Xapian::Query QueryExpander::expand_phrase(const Xapian::Query& phrase, const Hyphenated& hyphenated) const {
    std::vector<std::string> terms;
    std::string prefix;
    for (std::size_t i = 0; i < phrase.get_num_subqueries(); ++i) {
        const Xapian::Query leaf = phrase.get_subquery(i);
        if (leaf.get_type() != Xapian::Query::LEAF_TERM) return phrase;
        const PrefixedTerm t = split_prefix(*leaf.get_terms_begin());
        if (t.bare.empty() || (i > 0 && t.prefix != prefix)) return phrase;
        prefix = t.prefix;
        terms.push_back(t.bare);
    }
    const Xapian::Query widened = with_synonyms(phrase, prefix, terms);
    const auto joined = hyphenated.find(terms);
    if (joined == hyphenated.end()) return widened;
    // A hyphenated word: also its joined form, and (like a compound) all its parts anywhere.
    std::vector<Xapian::Query> alternatives{widened};
    if (!joined->second.empty()) alternatives.emplace_back(prefix + joined->second);
    if (options_.compound_parts) {
        std::vector<Xapian::Query> parts;
        for (const auto& term : terms) parts.emplace_back(prefix + term);
        alternatives.push_back(all_parts(parts));
    }
    if (alternatives.size() == 1) return widened;
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query QueryExpander::all_parts(const std::vector<Xapian::Query>& parts) const {
    const Xapian::Query all(Xapian::Query::OP_AND, parts.begin(), parts.end());
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, options_.parts_weight);
}

Xapian::Query QueryExpander::with_synonyms(const Xapian::Query& query, const std::string& prefix,
                                           const Synonyms::Terms& terms) const {
    if (!options_.synonyms) return query;
    const std::vector<Synonyms::Terms>& synonyms = options_.synonyms->of(terms);
    if (synonyms.empty()) return query;
    std::vector<Xapian::Query> alternatives;
    for (const Synonyms::Terms& synonym : synonyms) {
        if (synonym.size() == 1) {
            alternatives.emplace_back(prefix + synonym.front());
            continue;
        }
        std::vector<Xapian::Query> words;
        for (const auto& term : synonym) words.emplace_back(prefix + term);
        alternatives.emplace_back(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                  static_cast<Xapian::termcount>(words.size()));
    }
    if (options_.synonym_mode == SynonymMode::Synonym) {
        alternatives.insert(alternatives.begin(), query);
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
    }
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()),
                                       options_.synonym_weight));
}

Xapian::Query QueryExpander::expand_term(const Xapian::Query& leaf, const Words& words) const {
    const std::string term = *leaf.get_terms_begin();
    const PrefixedTerm t = split_prefix(term);
    if (t.bare.empty()) return leaf;
    const Xapian::Query widened = with_synonyms(leaf, t.prefix, {t.bare});
    const auto word = words.find(t.bare);
    if (word == words.end()) return widened;

    std::vector<Xapian::Query> alternatives{widened};
    // `Panamaer` is folded to `panamar` but may mean `panama`: both, at full weight.
    if (const std::string unfolded = analyzer_.unfolded_term(word->second); !unfolded.empty()) {
        alternatives.emplace_back(t.prefix + unfolded);
    }
    if (options_.compound_parts) {
        std::vector<Xapian::Query> parts;
        for (const auto& forms : analyzer_.top_part_terms(word->second)) {
            std::vector<Xapian::Query> any;
            for (const auto& form : forms) any.emplace_back(t.prefix + form);
            parts.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
        }
        if (parts.size() >= 2) alternatives.push_back(all_parts(parts));
    }
    if (options_.typo_variants) {
        const Xapian::doccount frequency = db_.get_termfreq(term);
        if (frequency < options_.rare_below) {
            const std::string suggestion =
                cache_ ? cache_->spelling(db_, word->second) : db_.get_spelling_suggestion(word->second);
            const std::string variant = suggestion.empty() ? "" : t.prefix + analyzer_.term(suggestion);
            // An absent word takes any known variant; a rare one only a far more common
            // variant (then it is likely a typo in the articles themselves).
            const Xapian::doccount variant_frequency = suggestion.empty() ? 0 : db_.get_termfreq(variant);
            const bool worth_it = frequency == 0 ? variant_frequency > 0
                                                 : variant_frequency >= frequency * options_.rare_ratio;
            if (!suggestion.empty() && variant != term && worth_it) {
                alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(variant),
                                          options_.typo_weight);
            }
        }
    }
    if (alternatives.size() == 1) return widened;
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

// expand_term through the cache: the widened query depends only on the term, the typed word
// and the database revision.
Xapian::Query QueryExpander::cached_expand_term(const Xapian::Query& leaf, const Words& words) const {
    if (!cache_) return expand_term(leaf, words);
    const std::string term = *leaf.get_terms_begin();
    const auto word = words.find(split_prefix(term).bare);
    if (word == words.end()) return expand_term(leaf, words);  // synonyms only: cheap
    const std::string key = term + '\x1f' + word->second;
    if (const Xapian::Query* known = cache_->expansions.find(key)) return *known;
    Xapian::Query widened = expand_term(leaf, words);
    cache_->expansions.put(key, widened);
    return widened;
}

Xapian::Query QueryExpander::expand(const Xapian::Query& query, const Words& words,
                                    const Hyphenated& hyphenated) const {
    using Op = Xapian::Query::op;
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) return cached_expand_term(query, words);
    if (type == Op::OP_PHRASE) return expand_phrase(query, hyphenated);
    const std::size_t n = query.get_num_subqueries();
    if (n == 0) return query;
    std::vector<Xapian::Query> children;
    switch (type) {
        case Op::OP_AND:
        case Op::OP_OR:
        case Op::OP_AND_MAYBE:
        case Op::OP_XOR:
        case Op::OP_SYNONYM:
        case Op::OP_MAX:
            for (std::size_t i = 0; i < n; ++i) children.push_back(expand(query.get_subquery(i), words, hyphenated));
            break;
        case Op::OP_AND_NOT:
        case Op::OP_FILTER:
            children.push_back(expand(query.get_subquery(0), words, hyphenated));
            for (std::size_t i = 1; i < n; ++i) children.push_back(query.get_subquery(i));
            break;
        default:
            return query;  // phrases, NEAR, ELITE_SET, ranges, wildcards, scaled: as parsed
    }
    return Xapian::Query(static_cast<Op>(type), children.begin(), children.end());
}

}  // namespace lupe
