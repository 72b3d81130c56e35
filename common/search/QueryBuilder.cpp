#include "search/QueryBuilder.h"

#include "analysis/Stopwords.h"
#include "index/Schema.h"
#include "search/QueryExpander.h"
#include "search/SearchRequest.h"

#include <unordered_map>
#include <unordered_set>

namespace lupe {
namespace {

// The QueryParser's stemmer: the analyzer's normalise + stem, so query terms are index terms.
// It also remembers which word each term came from, for the QueryExpander.
class AnalyzerStem : public Xapian::StemImplementation {
public:
    explicit AnalyzerStem(analysis::GermanAnalyzer& analyzer) : analyzer_(analyzer) {}
    std::string operator()(const std::string& word) override {
        std::string term = analyzer_.term(word);
        if (term.empty()) return word;
        words.emplace(term, word);
        return term;
    }
    std::string get_description() const override { return "lupe-german"; }

    std::unordered_map<std::string, std::string> words;  // term -> word, for one parse

private:
    analysis::GermanAnalyzer& analyzer_;
};

class AnalyzerStopper : public Xapian::Stopper {
public:
    explicit AnalyzerStopper(const analysis::GermanAnalyzer& analyzer) : analyzer_(analyzer) {}
    bool operator()(const std::string& word) const override {
        return analyzer_.is_stopword(analyzer_.normalize(word));
    }

private:
    const analysis::GermanAnalyzer& analyzer_;
};

// A problem found while parsing, kept until the parser returns (callbacks must not throw
// through Xapian's parser).
struct ParseProblems {
    std::string first;
    void note(std::string message) {
        if (first.empty()) first = std::move(message);
    }
};

// source:X, topic:X -> the exact boolean filter term.
class FilterField : public Xapian::FieldProcessor {
public:
    explicit FilterField(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::filter_term(prefix_, value));
    }

private:
    std::string prefix_;
};

// date:2024, date:2024-10, date:2024-10-08 -> the year, month or day term.
class DateField : public Xapian::FieldProcessor {
public:
    explicit DateField(ParseProblems& problems) : problems_(problems) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            const Date date = parse_date_bound(value, false, "date");
            const std::string compact = date.compact();
            switch (value.size()) {
                case 4: return Xapian::Query(std::string(schema::kYearPrefix) + compact.substr(0, 4));
                case 7: return Xapian::Query(std::string(schema::kMonthPrefix) + compact.substr(0, 6));
                default: return Xapian::Query(std::string(schema::kDayPrefix) + compact);
            }
        } catch (const InvalidRequest& e) {
            problems_.note(e.what());
            return Xapian::Query::MatchNothing;
        }
    }

private:
    ParseProblems& problems_;
};

// date:FROM..TO over the date value; each side YYYY, YYYY-MM, YYYY-MM-DD or empty.
class DateRange : public Xapian::RangeProcessor {
public:
    explicit DateRange(ParseProblems& problems)
        : Xapian::RangeProcessor(schema::kDateSlot, "date:"), problems_(problems) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        try {
            if (begin.empty() && end.empty()) throw InvalidRequest("date", "date range with no ends");
            const std::string from = begin.empty() ? "" : parse_date_bound(begin, false, "date").compact();
            const std::string to = end.empty() ? "" : parse_date_bound(end, true, "date").compact();
            if (from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, to);
            if (to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, from);
            if (to < from) throw InvalidRequest("date", "date range " + begin + ".." + end + " ends before it starts");
            return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, from, to);
        } catch (const InvalidRequest& e) {
            problems_.note(e.what());
            return Xapian::Query::MatchNothing;
        }
    }

private:
    ParseProblems& problems_;
};

// A range without a known prefix (`1914..1918`, `5,1,2, ….`) is no range Lupe knows: its ends
// are read as words.
class PlainRange : public Xapian::RangeProcessor {
public:
    explicit PlainRange(analysis::GermanAnalyzer& analyzer) : analyzer_(analyzer) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        std::vector<Xapian::Query> words;
        for (const std::string& side : {begin, end}) {
            for (const analysis::Word& word : analyzer_.words(side)) {
                if (std::string term = analyzer_.term(word.text); !term.empty()) words.emplace_back(term);
            }
        }
        if (words.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
    }

private:
    analysis::GermanAnalyzer& analyzer_;
};

constexpr unsigned kFullFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                Xapian::QueryParser::FLAG_PURE_NOT;

// Operator words and field names (read as plain words when the lenient parse kicks in) and
// very short words are never widened or corrected: `title:` must not become `viele:`.
void forget_reserved_words(std::unordered_map<std::string, std::string>& words) {
    static const std::unordered_set<std::string> kReserved = {
        "and", "or", "not", "xor", "near", "adj", "title", "lead", "source", "topic", "date"};
    for (auto it = words.begin(); it != words.end();) {
        const bool reserved = kReserved.count(it->second) != 0 || it->second.size() < 4;
        it = reserved ? words.erase(it) : std::next(it);
    }
}

// The suggestion written as the reader wrote the word: capitalised when the word was.
std::string with_case_of(const std::string& typed, std::string suggestion) {
    const auto first = static_cast<unsigned char>(typed.empty() ? 0 : typed[0]);
    const bool capital = (first >= 'A' && first <= 'Z') || typed.rfind("\xC3\x84", 0) == 0 ||
                         typed.rfind("\xC3\x96", 0) == 0 || typed.rfind("\xC3\x9C", 0) == 0;
    if (!capital || suggestion.empty()) return suggestion;
    const auto c = static_cast<unsigned char>(suggestion[0]);
    if (c >= 'a' && c <= 'z') {
        suggestion[0] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && suggestion.size() > 1) {
        const auto d = static_cast<unsigned char>(suggestion[1]);
        if (d == 0xA4 || d == 0xB6 || d == 0xBC) suggestion[1] = static_cast<char>(d - 0x20);  // ä ö ü
    }
    return suggestion;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The hyphenated words of a query (outside "phrases"): their part terms -> joined term.
QueryExpander::Hyphenated hyphenated_words(const std::string& text, analysis::GermanAnalyzer& analyzer) {
    QueryExpander::Hyphenated out;
    std::string unquoted;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        unquoted += quoted || c == '"' ? ' ' : c;
    }
    for (const analysis::Word& word : analyzer.words(unquoted)) {
        if (word.parts.size() < 2) continue;
        std::vector<std::string> terms;
        std::string joined;
        for (const auto& part : word.parts) {
            terms.push_back(analyzer.term(part));
            joined += part;
        }
        out.emplace(std::move(terms), analyzer.term(joined));
    }
    return out;
}

// True when no part of `query` takes matches away (no AND_NOT, no XOR): then a query with an
// AND where `query` has an OR matches a subset of it.
bool monotone(const Xapian::Query& query) {
    const auto op = query.get_type();
    if (op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_XOR) return false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!monotone(query.get_subquery(i))) return false;
    }
    return true;
}

}  // namespace

// Two parsers over the same processors: one ORs the words, one ANDs them.
class QueryBuilder::Parts {
public:
    Parts(const Xapian::Database& db, analysis::GermanAnalyzer& analyzer, const QueryBuilderOptions& options)
        : expander(db, analyzer, options.expansion),
          word_cache(4096, options.shared_spellings),
          stem_impl_(new AnalyzerStem(analyzer)),
          stem_(stem_impl_),
          stopper_(analyzer),
          plain_range_(analyzer) {
        expander.set_cache(&word_cache);
        for (Xapian::QueryParser* parser : {&any_words, &all_words}) {
            parser->set_database(db);
            parser->set_stemmer(stem_);
            parser->set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
            parser->set_stopper(&stopper_);
            parser->set_max_expansion(options.max_wildcard_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
            parser->add_prefix("title", std::string(schema::kTitlePrefix));
            parser->add_prefix("lead", std::string(schema::kLeadPrefix));
            parser->add_boolean_prefix("source", &source_field_);
            parser->add_boolean_prefix("topic", &topic_field_);
            parser->add_rangeprocessor(&date_range_);
            parser->add_rangeprocessor(&plain_range_);
            parser->add_boolean_prefix("date", &date_field_);
        }
        any_words.set_default_op(Xapian::Query::OP_OR);
        all_words.set_default_op(Xapian::Query::OP_AND);
    }

    // The words behind the terms of the current parse.
    std::unordered_map<std::string, std::string>& words() { return stem_impl_->words; }

    ParseProblems problems;
    Xapian::QueryParser any_words;
    Xapian::QueryParser all_words;
    QueryExpander expander;
    QueryWordCache word_cache;

private:
    AnalyzerStem* stem_impl_;  // owned by stem_
    Xapian::Stem stem_;
    AnalyzerStopper stopper_;
    FilterField source_field_{schema::kSourcePrefix};
    FilterField topic_field_{schema::kTopicPrefix};
    DateField date_field_{problems};
    DateRange date_range_{problems};
    PlainRange plain_range_;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, analysis::GermanAnalyzer& analyzer,
                           QueryBuilderOptions options)
    : db_(db), analyzer_(analyzer), parts_(std::make_unique<Parts>(db, analyzer, options)), options_(options) {}

QueryBuilder::~QueryBuilder() = default;

Xapian::doccount QueryBuilder::term_frequency(const std::string& term) { return parts_->word_cache.frequency(db_, term); }

void QueryBuilder::forget_cached_words(std::optional<Xapian::rev> revision) { parts_->word_cache.clear(revision); }

// Words whose term the index does not hold, replaced by the closest word of the spelling
// vocabulary whose term it does hold (edit distance <= 2). Checking terms, not spellings,
// means `Juergen` is left alone: it meets `Jürgen` on one term.
std::string QueryBuilder::corrected(const std::string& text) {
    std::unordered_map<std::string, std::string> replacements;  // lower-cased word -> fix
    for (const auto& [term, word] : parts_->words()) {
        if (db_.term_exists(term) || word.size() < 3) continue;
        const std::string suggestion = parts_->word_cache.spelling(db_, word);
        if (!suggestion.empty() && db_.term_exists(analyzer_.term(suggestion))) {
            replacements.emplace(word, suggestion);
        }
    }
    if (replacements.empty()) return {};
    std::string out;
    std::size_t cursor = 0;
    for (const analysis::Word& word : analyzer_.words(text)) {
        if (!word.parts.empty()) continue;
        const auto fix = replacements.find(analyzer_.lowercase(word.text));
        if (fix == replacements.end()) continue;
        out += text.substr(cursor, word.begin - cursor) + with_case_of(word.text, fix->second);
        cursor = word.end;
    }
    if (cursor == 0) return {};
    return out + text.substr(cursor);
}

Xapian::Query QueryBuilder::build(const std::string& text) {
    Xapian::Query query = build_ranked(text);
    if (match_set_.empty()) match_set_ = query;
    return query;
}

Xapian::Query QueryBuilder::build_ranked(const std::string& text) {
    correction_.clear();
    match_set_ = Xapian::Query();
    if (blank(text)) return schema::match_all();
    parts_->problems.first.clear();
    parts_->words().clear();
    auto parse = [&](Xapian::QueryParser& parser, unsigned extra_flags) {
        try {
            return parser.parse_query(text, kFullFlags | extra_flags);
        } catch (const Xapian::QueryParserError&) {
            // Lenient: what cannot be read with operators is read as plain words.
            try {
                return parser.parse_query(text, extra_flags);
            } catch (const Xapian::QueryParserError& e) {
                throw QuerySyntaxError(e.get_msg());
            }
        }
    };
    Xapian::Query any = parse(parts_->any_words, 0);
    Xapian::Query all = parse(parts_->all_words, 0);
    forget_reserved_words(parts_->words());
    correction_ = corrected(text);
    if (!parts_->problems.first.empty()) throw QuerySyntaxError(parts_->problems.first);
    if (any.empty()) return Xapian::Query::MatchNothing;
    // Neighbouring words as typed (before widening): the proximity bonus.
    const Xapian::Query close_together = proximity_bonus(any, options_.ranking);
    const QueryExpander::Hyphenated hyphenated = hyphenated_words(text, analyzer_);
    any = parts_->expander.expand(any, parts_->words(), hyphenated);
    all = parts_->expander.expand(all, parts_->words(), hyphenated);
    Xapian::Query ranked = any;
    // Every match of the all-words branch is a match of `any` unless a negation covers a
    // group of words (`NOT (a b)` excludes less with AND than with OR): then both count.
    if (monotone(any)) match_set_ = any;
    if (all.serialise() != any.serialise()) {
        ranked = Xapian::Query(Xapian::Query::OP_OR,
                               Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, options_.ranking.all_words_boost),
                               any);
    }
    if (close_together.empty()) return ranked;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, close_together);
}

}  // namespace lupe
