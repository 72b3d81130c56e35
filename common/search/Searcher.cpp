#include "search/Searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>

#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "search/FacetCounter.h"
#include "search/Snippet.h"

namespace lupe {

// The time by which the current search must stop matching; `expired` once a DeadlineSource
// ended a match because of it. Shared by the source's clones (one per shard).
struct MatchDeadline {
    std::chrono::steady_clock::time_point at;
    bool expired = false;
};

namespace {

// Every document of the database, until the deadline passes: then the list ends. Filtering a
// query by it makes Xapian's matcher stop at the deadline and keep the best hits seen so far.
// The clock is read every kCheckEvery documents (and when a match starts).
class DeadlineSource : public Xapian::PostingSource {
public:
    explicit DeadlineSource(std::shared_ptr<MatchDeadline> deadline) : deadline_(std::move(deadline)) {}
    void init(const Xapian::Database& db) override {
        last_ = db.get_lastdocid();
        current_ = 0;
        countdown_ = 0;
        docs_ = db.get_doccount();
        set_maxweight(0);
        check_clock();
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return docs_; }
    Xapian::doccount get_termfreq_max() const override { return docs_; }
    void next(double) override { move_to(current_ + 1); }
    void skip_to(Xapian::docid did, double) override { move_to(std::max(did, current_ + 1)); }
    bool check(Xapian::docid did, double) override {
        move_to(std::max(did, current_));
        return true;
    }
    bool at_end() const override { return stopped_ || current_ > last_; }
    Xapian::docid get_docid() const override { return current_; }
    DeadlineSource* clone() const override { return new DeadlineSource(deadline_); }
    std::string name() const override { return "lupe.Deadline"; }

private:
    static constexpr unsigned kCheckEvery = 256;
    void move_to(Xapian::docid did) {
        current_ = did;
        if (++countdown_ >= kCheckEvery) {
            countdown_ = 0;
            check_clock();
        }
    }
    void check_clock() {
        if (!stopped_ && std::chrono::steady_clock::now() >= deadline_->at) {
            stopped_ = true;
            deadline_->expired = true;
        }
    }
    std::shared_ptr<MatchDeadline> deadline_;
    Xapian::docid current_ = 0;
    Xapian::docid last_ = 0;
    Xapian::doccount docs_ = 0;
    unsigned countdown_ = 0;
    bool stopped_ = false;
};

// Sets the Searcher's deadline for one call and clears it afterwards.
class DeadlineScope {
public:
    DeadlineScope(std::shared_ptr<MatchDeadline>& slot, std::chrono::nanoseconds limit) : slot_(slot) {
        if (limit.count() > 0) slot_ = std::make_shared<MatchDeadline>(MatchDeadline{std::chrono::steady_clock::now() + limit});
    }
    ~DeadlineScope() { slot_.reset(); }
    DeadlineScope(const DeadlineScope&) = delete;
    DeadlineScope& operator=(const DeadlineScope&) = delete;
    bool expired() const { return slot_ && slot_->expired; }

private:
    std::shared_ptr<MatchDeadline>& slot_;
};

// Adds up to `max_weight` for recent articles, halving every `half_life_days` before the
// newest article's date.
class RecencySource : public Xapian::ValuePostingSource {
public:
    RecencySource(double max_weight, double half_life_days, const Date& newest)
        : Xapian::ValuePostingSource(schema::kDateSlot),
          max_weight_(max_weight),
          half_life_(half_life_days),
          newest_days_(days_since_epoch(newest)) {
        set_maxweight(max_weight);
    }
    double get_weight() const override {
        const auto date = Date::from_compact(get_value());
        if (!date) return 0;
        const double age = std::max(0.0, newest_days_ - days_since_epoch(*date));
        return max_weight_ * std::exp2(-age / half_life_);
    }
    RecencySource* clone() const override {
        auto* copy = new RecencySource(max_weight_, half_life_, Date{});
        copy->newest_days_ = newest_days_;
        return copy;
    }
    std::string name() const override { return "lupe.Recency"; }

private:
    static double days_since_epoch(const Date& d) {
        // Days from civil (Howard Hinnant's algorithm).
        const int y = d.year - (d.month <= 2);
        const int era = (y >= 0 ? y : y - 399) / 400;
        const int yoe = y - era * 400;
        const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
        const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097.0 + doe - 719468;
    }
    double max_weight_;
    double half_life_;
    double newest_days_;
};

// The filter each facet ignores (multi-select): its own field.
enum class FilterField { None, Source, Topic, Date };
FilterField field_of(Facet facet) {
    switch (facet) {
        case Facet::Source: return FilterField::Source;
        case Facet::Topic: return FilterField::Topic;
        default: return FilterField::Date;
    }
}

// Counts the matches it sees. Xapian calls match spies before collapsing, so with a collapse
// key this is the exact number of matching articles (every match is checked, see run()).
class MatchCounter : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document&, double) override { ++count_; }
    std::uint64_t count() const { return count_; }

private:
    std::uint64_t count_ = 0;
};

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(schema::filter_term(prefix, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Searcher::Searcher(const std::string& index_folder, SearcherOptions options)
    : folder_(index_folder),
      db_(open_index_for_reading(index_folder)),
      ranking_(options.query.ranking),
      builder_(std::make_unique<QueryBuilder>(db_, analyzer_, std::move(options.query))),
      time_limit_(options.time_limit) {}

Xapian::Query Searcher::bounded(const Xapian::Query& query) const {
    if (!deadline_) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DeadlineSource(deadline_))->release()));
}

Xapian::rev Searcher::revision() const {
    if (db_.size() == 1) return db_.get_revision();
    Xapian::rev sum = 0;
    for (const std::string& shard : shard_folders(folder_)) sum += Xapian::Database(shard).get_revision();
    return sum;
}

bool Searcher::reopen() {
    const bool changed = db_.reopen();
    if (changed) {
        facet_columns_.reset();  // another revision: other docids and values,
        builder_->forget_cached_words();  // other term frequencies and spellings
    }
    return changed;
}

FacetColumns& Searcher::facet_columns() {
    if (!facet_columns_) {
        facet_columns_ = std::make_unique<FacetColumns>(keep_facet_columns_ ? FacetColumns::load(db_) : FacetColumns());
    }
    return *facet_columns_;
}

Xapian::Query Searcher::filter_query(const SearchRequest& request, std::optional<Facet> ignoring) const {
    const FilterField skip = ignoring ? field_of(*ignoring) : FilterField::None;
    std::vector<Xapian::Query> filters;
    if (!request.sources.empty() && skip != FilterField::Source) {
        filters.push_back(any_of(schema::kSourcePrefix, request.sources));
    }
    if (!request.topics.empty() && skip != FilterField::Topic) {
        filters.push_back(any_of(schema::kTopicPrefix, request.topics));
    }
    if ((request.from || request.to) && skip != FilterField::Date) {
        const std::string from = request.from ? request.from->compact() : "00000000";
        const std::string to = request.to ? request.to->compact() : "99999999";
        filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, from, to);
    }
    if (filters.empty()) return Xapian::Query::MatchAll;
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

SearchResult Searcher::search(SearchRequest request) {
    // A commit by the indexer during a search invalidates the open revision: reopen, retry.
    for (int attempt = 0;; ++attempt) {
        try {
            return run(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
            reopen();
        }
    }
}

SearchResult Searcher::run(SearchRequest request) {
    const auto start = std::chrono::steady_clock::now();
    const DeadlineScope deadline(deadline_, time_limit_);
    request.validate();
    const Xapian::Query text = builder_->build(request.query);
    const std::string correction = builder_->last_correction();
    const Xapian::doccount all = std::max<Xapian::doccount>(1, db_.get_doccount());

    Xapian::Query query = bounded(Xapian::Query(Xapian::Query::OP_FILTER, text, filter_query(request, std::nullopt)));
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(*weighting(ranking_));
    enquire.set_query(query);
    if (request.recency_half_life_days && db_.get_value_freq(schema::kDateSlot) > 0) {
        const double top = enquire.get_mset(0, 1).get_max_attained();
        if (const auto newest = Date::from_compact(db_.get_value_upper_bound(schema::kDateSlot)); newest && top > 0) {
            query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,  // `query` is bounded already
                                  Xapian::Query((new RecencySource(top, *request.recency_half_life_days, *newest))->release()));
            enquire.set_query(query);
        }
    }
    if (request.sort == SortOrder::Date) {
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    }

    MatchCounter articles;
    if (request.collapse) {
        enquire.set_collapse_key(schema::kClusterSlot);
        enquire.add_matchspy(&articles);
    }

    // Without facets the top-k pass may stop early; its total is exact up to kExactTotalBelow.
    // Collapsing checks every match: the lower bound then counts every distinct cluster key.
    const bool counting = !request.facets.empty() || request.exact_total;
    const Xapian::doccount check_at_least =
        request.collapse ? all : counting ? 0 : static_cast<Xapian::doccount>(SearchRequest::kExactTotalBelow);
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit), check_at_least);
    SearchResult result;
    result.query = request.query;
    result.collapse = request.collapse;
    if (request.collapse) {
        result.total = mset.get_matches_lower_bound();
        result.total_exact = true;
    } else {
        result.total = mset.get_matches_estimated();
        result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    }
    result.offset = request.offset;
    result.limit = request.limit;
    for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(make_hit(it, enquire));

    if (counting) {
        // One pass without relevance weights gives the exact total and every facet.
        const FacetPass pass = plan_facet_pass(request);
        Xapian::Enquire counter(db_);
        counter.set_query(bounded(Xapian::Query(Xapian::Query::OP_FILTER, text, filter_query(pass.pushed, std::nullopt))));
        counter.set_weighting_scheme(Xapian::BoolWeight());
        FacetCounter spy(facet_columns(), pass.checks, request.facets);
        counter.add_matchspy(&spy);
        counter.get_mset(0, 0, all);
        if (!request.collapse && !deadline.expired()) {
            result.total = spy.total();
            result.total_exact = true;
        } else if (!request.collapse) {  // cut by the time limit: what was counted, at least the estimate
            result.total = std::max<std::uint64_t>(result.total, spy.total());
        }
        for (const Facet facet : request.facets) result.facets.push_back({facet, spy.counts(facet)});
    }
    result.articles = request.collapse ? articles.count() : result.total;
    result.suggestion = suggestion_for(correction, request, result.articles);
    if (deadline.expired()) {
        result.partial = true;
        result.total_exact = false;
    }
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::optional<std::string> Searcher::suggestion_for(const std::string& correction,
                                                    const SearchRequest& request, std::uint64_t total) {
    if (correction.empty() || correction == request.query) return std::nullopt;
    // Offer the corrected query only when it finds more than the query as typed.
    Xapian::Enquire counter(db_);
    counter.set_query(bounded(Xapian::Query(Xapian::Query::OP_FILTER, builder_->build(correction),
                                            filter_query(request, std::nullopt))));
    counter.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount all = std::max<Xapian::doccount>(1, db_.get_doccount());
    const Xapian::MSet counted = counter.get_mset(0, 0, all);
    // A correction is only proposed for words the index does not hold at all, so it is
    // offered whenever the corrected query finds at least as much.
    const std::uint64_t corrected_total = counted.get_matches_estimated();
    if (corrected_total == 0 || corrected_total < total) return std::nullopt;
    return correction;
}

Hit Searcher::make_hit(const Xapian::MSetIterator& item, const Xapian::Enquire& enquire) {
    const Xapian::Document doc = item.get_document();
    const Article article = decode_stored_article(doc.get_data());
    std::unordered_set<std::string> terms;
    for (auto t = enquire.get_matching_terms_begin(item); t != enquire.get_matching_terms_end(item); ++t) {
        const std::string& term = *t;
        if (term.rfind(schema::kLeadPrefix, 0) == 0) terms.insert(term.substr(schema::kLeadPrefix.size()));
        else if (term.rfind(schema::kTitlePrefix, 0) == 0) terms.insert(term.substr(schema::kTitlePrefix.size()));
        else if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) terms.insert(term);
    }
    Hit hit;
    hit.id = article.id;
    hit.title = article.title;
    hit.source = article.source;
    hit.topic = article.topic;
    hit.date = article.date ? article.date->iso() : "";
    hit.url = article.url;
    hit.score = item.get_weight();
    hit.cluster = doc.get_value(schema::kClusterSlot);
    hit.similar = item.get_collapse_count();
    const std::string text = article.lead.empty() ? article.body : article.lead + "\n\n" + article.body;
    hit.snippet = make_snippet(analyzer_, text.empty() ? article.title : text, terms);
    return hit;
}

std::optional<Article> Searcher::get(const std::string& id) {
    const std::string term = schema::id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return decode_stored_article(db_.get_document(*it).get_data());
}

std::optional<SearchResult> Searcher::related(const std::string& id, std::size_t limit) {
    const auto start = std::chrono::steady_clock::now();
    const std::string id_term = schema::id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it == db_.postlist_end(id_term)) return std::nullopt;
    limit = std::min(limit, SearchRequest::kMaxLimit);
    const DeadlineScope deadline(deadline_, time_limit_);

    // The article's most telling unprefixed, non-stopword terms.
    Xapian::RSet rset;
    rset.add_document(*it);
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(*weighting(ranking_));
    struct WordTerms : Xapian::ExpandDecider {
        explicit WordTerms(const analysis::GermanAnalyzer& a) : analyzer(a) {}
        bool operator()(const std::string& term) const override {
            return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && term.size() > 2 &&
                   !analyzer.is_stopword(term) && term.find_first_not_of("0123456789.,") != std::string::npos;
        }
        const analysis::GermanAnalyzer& analyzer;
    } decider(analyzer_);
    const Xapian::ESet eset = enquire.get_eset(30, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
    }
    SearchResult result;
    result.query = "related:" + id;
    result.limit = limit;
    if (!terms.empty()) {
        enquire.set_query(bounded(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                                Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                                Xapian::Query(id_term))));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
        result.total = result.articles = mset.size();
        for (auto m = mset.begin(); m != mset.end(); ++m) result.hits.push_back(make_hit(m, enquire));
    }
    result.partial = deadline.expired();
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace lupe

namespace lupe {

std::optional<SearchResult> Searcher::similar(const std::string& id, std::size_t limit) {
    const auto start = std::chrono::steady_clock::now();
    const std::string id_term = schema::id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it == db_.postlist_end(id_term)) return std::nullopt;
    const std::string key = db_.get_document(*it).get_value(schema::kClusterSlot);
    SearchResult result;
    result.query = "similar:" + id;
    result.limit = std::min(limit, SearchRequest::kMaxLimit);
    if (!key.empty()) {
        // The cluster's other articles, newest first.
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                        Xapian::Query(std::string(schema::kClusterPrefix) + key),
                                        Xapian::Query(id_term)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(schema::kDateSlot, true);
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(result.limit),
                                                   db_.get_doccount());
        result.total = result.articles = mset.get_matches_estimated();
        for (auto m = mset.begin(); m != mset.end(); ++m) result.hits.push_back(make_hit(m, enquire));
    }
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace lupe
