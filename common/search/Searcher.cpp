#include "search/Searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_set>

#include "index/ClusterAssigner.h"
#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "search/FacetCounter.h"
#include "search/MatchSet.h"
#include "search/Snippet.h"
#include "search/Suggester.h"

namespace lupe {

// The time by which the current search must stop matching; `expired` once a DeadlineSource
// or the facet pass's reading (count_facets) stopped because of it. Shared by the source's
// clones (one per shard).
struct MatchDeadline {
    std::chrono::steady_clock::time_point at;
    bool expired = false;

    // Reads the clock: true (and from then on `expired`) once `at` has passed.
    bool passed() {
        if (!expired && std::chrono::steady_clock::now() >= at) expired = true;
        return expired;
    }
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
        if (!stopped_ && deadline_->passed()) stopped_ = true;
    }
    std::shared_ptr<MatchDeadline> deadline_;
    Xapian::docid current_ = 0;
    Xapian::docid last_ = 0;
    Xapian::doccount docs_ = 0;
    unsigned countdown_ = 0;
    bool stopped_ = false;
};

// A match of at most this much work (match_work) per second of the time limit is not watched
// by a DeadlineSource (Searcher::bounded). Lupe's free-text matches at 200 000 articles get
// through 55 million a second on one core, the slowest of them 9.6 million (bench/RESULTS.md):
// an unwatched match ends within a fortieth of the limit.
constexpr double kUnwatchedWorkPerSecond = 250'000;

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

// The terms to mark in snippets: word terms without their field prefix (title, lead); filter
// and other prefixed terms are left out.
template <typename Terms>
std::unordered_set<std::string> word_terms(Terms begin, Terms end) {
    std::unordered_set<std::string> terms;
    for (auto t = begin; t != end; ++t) {
        const std::string& term = *t;
        if (term.rfind(schema::kLeadPrefix, 0) == 0) terms.insert(term.substr(schema::kLeadPrefix.size()));
        else if (term.rfind(schema::kTitlePrefix, 0) == 0) terms.insert(term.substr(schema::kTitlePrefix.size()));
        else if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) terms.insert(term);
    }
    return terms;
}

bool has_wildcard(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_wildcard(query.get_subquery(i))) return true;
    }
    return false;
}

std::vector<FacetCount> sorted_counts(const std::map<std::string, std::uint64_t>& values) {
    // By count descending, then value ascending (as FacetCounter::counts).
    std::vector<FacetCount> out;
    for (const auto& [value, count] : values) out.push_back({value, count});
    std::stable_sort(out.begin(), out.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(schema::filter_term(prefix, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Searcher::Searcher(const std::string& index_folder, SearcherOptions options)
    : folder_(index_folder),
      shard_options_(options.shards),
      shards_(index_shards(index_folder)),
      ranking_(options.query.ranking),
      builder_(std::make_unique<QueryBuilder>(db_, analyzer_, std::move(options.query))),
      time_limit_(options.time_limit) {
    remote_ = std::any_of(shards_.begin(), shards_.end(), [](const ShardSpec& s) { return s.remote(); });
    if (shards_.size() == 1 && !remote_) {
        db_ = open_index_for_reading(index_folder);  // its own messages for a missing index
        open_ = {db_};
    } else {
        connect(true);
    }
    facet_columns_.resize(shards_.size());
}

void Searcher::connect(bool every_shard) {
    open_.resize(shards_.size());
    std::vector<std::string> missing;
    std::string reasons;
    for (std::size_t k = 0; k < shards_.size(); ++k) {
        if (!every_shard && open_[k].size() > 0) continue;
        if (every_shard && !shards_[k].remote() && open_[k].size() > 0) continue;  // local: stays open
        try {
            open_[k] = open_shard_for_reading(shards_[k], shard_options_.timeouts);
        } catch (const ShardUnavailableError& e) {
            open_[k] = Xapian::Database();
            missing.push_back(shards_[k].name);
            reasons += (reasons.empty() ? "" : "; ") + std::string(e.what());
        }
    }
    last_connect_ = std::chrono::steady_clock::now();
    Xapian::Database combined;
    for (const auto& shard : open_) {
        if (shard.size() > 0) combined.add_database(shard);
    }
    if (combined.size() == 0) throw ShardUnavailableError(folder_ + ": no shard answered: " + reasons);
    if (!missing.empty() && !shard_options_.allow_partial) throw ShardUnavailableError(folder_ + ": " + reasons);
    db_ = combined;  // the QueryBuilder holds db_ by reference
    missing_ = std::move(missing);
    for (auto& columns : facet_columns_) columns.reset();  // other connections, maybe revisions
    builder_->forget_cached_words(cache_revision());
}

void Searcher::retry_missing_when_due() {
    if (missing_.empty()) return;
    if (std::chrono::steady_clock::now() - last_connect_ < std::chrono::seconds(shard_options_.retry_seconds)) return;
    connect(false);
}

template <class Call>
auto Searcher::guarded(Call call) {
    retry_missing_when_due();
    // A commit by the indexer during a search invalidates the open revision: reopen, retry.
    // A remote shard that fails during the call: reconnect (leaving out silent shards), retry.
    for (std::size_t attempt = 0;; ++attempt) {
        try {
            return call();
        } catch (const Xapian::DatabaseModifiedError&) {
            // Xapian keeps the revision a reader opened until the writer's next-but-one
            // commit; reopening moves to the newest, so every answer is of one committed state.
            if (attempt + 1 >= static_cast<std::size_t>(kReadAttempts)) throw;
            reopen();
        } catch (const Xapian::NetworkError& e) {
            if (!remote_ || attempt >= shards_.size()) {
                throw ShardUnavailableError(folder_ + ": a remote shard failed: " + e.get_msg());
            }
            connect(true);
        }
    }
}

std::uint64_t match_work(const Xapian::Query& query, Xapian::doccount documents, const TermFrequency& frequency) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return 0;
        case Xapian::Query::LEAF_TERM: {
            const std::string term = *query.get_terms_begin();
            return term.empty() ? documents : frequency(term);
        }
        case Xapian::Query::OP_WILDCARD:  // expanded only by the matcher
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return documents;
        default:
            break;
    }
    const std::size_t n = query.get_num_subqueries();
    if (n == 0) return documents;  // all documents, a posting source: no statistics
    std::uint64_t work = 0;
    for (std::size_t i = 0; i < n; ++i) work += match_work(query.get_subquery(i), documents, frequency);
    return work;
}

Xapian::Query Searcher::bounded(const Xapian::Query& query) const {
    // xapian-tcpsrv knows only Xapian's own classes: remote shards search without the limit.
    if (!deadline_ || remote_) return query;
    // A match that cannot take long is not watched: the source is stepped to every candidate,
    // about 4 % of a free-text search.
    const auto budget = static_cast<std::uint64_t>(
        std::chrono::duration<double>(time_limit_).count() * kUnwatchedWorkPerSecond);
    const auto frequency = [this](const std::string& term) { return builder_->term_frequency(term); };
    if (match_work(query, db_.get_doccount(), frequency) <= budget) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DeadlineSource(deadline_))->release()));
}

Xapian::rev Searcher::revision() const {
    if (open_.size() <= 1) return db_.get_revision();
    // Xapian gives no revision for several databases: the sum of the shards' grows with every
    // commit to any of them.
    Xapian::rev sum = 0;
    for (const Xapian::Database& shard : open_) {
        if (shard.size() == 0) continue;
        try {
            sum += shard.get_revision();
        } catch (const Xapian::Error&) {  // a backend without revisions
        }
    }
    return sum;
}

// Remote shards' revisions cannot always be read: their spellings are not shared.
std::optional<Xapian::rev> Searcher::cache_revision() const {
    if (remote_) return std::nullopt;
    return revision();
}

bool Searcher::reopen() {
    bool changed = false;
    try {
        retry_missing_when_due();
        changed = db_.reopen();
    } catch (const Xapian::NetworkError&) {
        connect(true);
        changed = true;
    }
    if (changed) {
        for (auto& columns : facet_columns_) columns.reset();  // another revision: other docids and values,
        builder_->forget_cached_words(cache_revision());  // other term frequencies and spellings
    }
    return changed;
}

FacetColumns& Searcher::facet_columns(std::size_t shard) {
    auto& columns = facet_columns_.at(shard);
    if (!columns) columns = std::make_unique<FacetColumns>(FacetColumns::load(open_[shard]));  // kept columns only
    return *columns;
}

Xapian::Query Searcher::filtered(const Xapian::Query& query, const SearchRequest& request,
                                 std::optional<Facet> ignoring) const {
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
    // Without filters the query itself: a FILTER by all documents would be stepped through at
    // every match.
    if (filters.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

SearchResult Searcher::search(SearchRequest request) {
    SearchResult result = guarded([&] { return run(request); });
    result.missing_shards = missing_;
    return result;
}

std::uint64_t Searcher::count_matches(const Xapian::Query& query) {
    Xapian::Enquire counter(db_);
    counter.set_query(query);
    counter.set_weighting_scheme(Xapian::BoolWeight());
    return counter.get_mset(0, 0, all_documents()).get_matches_estimated();
}

// Shard by shard: over a combined database Xapian 1.4 checks every match of a query without
// weights however few it is asked for (a four-word query over the two shards of 200 000
// articles: 9 ms, against 0.1 ms in one; bench/RESULTS.md, "the query path at 200 000
// articles"). Shards hold different articles, so their lower bounds add up. With `checked`
// = `needed` each shard's bound is exact below `needed`, so the sum is too; with `checked` = 0
// no match is checked and the bound comes from the posting lists' statistics alone (an OR
// matches at least as often as its most frequent term).
std::uint64_t Searcher::matches_at_least(const Xapian::Query& query, Xapian::doccount checked,
                                         std::uint64_t needed) {
    std::uint64_t found = 0;
    for (const Xapian::Database& shard : open_) {
        if (shard.size() == 0) continue;  // a missing shard
        Xapian::Enquire counter(shard);
        counter.set_query(query);
        counter.set_weighting_scheme(Xapian::BoolWeight());
        found += counter.get_mset(0, 0, checked).get_matches_lower_bound();
        if (found >= needed) break;
    }
    return found;
}

void Searcher::count_facets(const SearchRequest& request, const Xapian::Query& text, SearchResult& result) {
    if (remote_) {
        count_facets_remotely(request, text, result);
        return;
    }
    // One pass per shard gives the exact total and every facet. Per shard, because FacetColumns
    // are addressed by the shard's own docids. The matches are read from posting lists
    // (MatchSet.h: a third of the instructions of a BoolWeight pass of Xapian's matcher), and
    // every filter is checked on the columns. A time limit stops the reading, and ends the
    // subqueries Xapian matches, at the deadline.
    const FacetPass pass = plan_facet_pass(request, UnfacetedFilters::Checked);
    MatchSetOptions limits;
    if (deadline_) {
        limits.stop = [deadline = deadline_] { return deadline->passed(); };
        limits.bound = [this](const Xapian::Query& query) { return bounded(query); };
    }
    std::uint64_t total = 0;
    std::vector<std::map<std::string, std::uint64_t>> counts(request.facets.size());
    for (std::size_t k = 0; k < open_.size(); ++k) {
        const Xapian::Database& shard = open_[k];
        if (shard.size() == 0) continue;
        const DocSet matches = match_set(shard, text, limits);
        // Without kept columns (one search), the values of just these matches and fields.
        std::optional<FacetColumns> of_matches;
        if (!keep_facet_columns_) {
            of_matches = FacetColumns::load(shard, matches, facet_fields_read(pass.checks, request.facets));
        }
        FacetColumns& columns = of_matches ? *of_matches : facet_columns(k);
        FacetCounter counter(columns, pass.checks, request.facets);
        matches.for_each([&](Xapian::docid id) { counter.add(columns.row(shard, id)); });
        total += counter.total();
        for (std::size_t f = 0; f < request.facets.size(); ++f) {
            for (const auto& c : counter.counts(request.facets[f])) counts[f][c.value] += c.count;
        }
    }
    const bool cut = deadline_ && deadline_->expired;
    if (!request.collapse && !cut) {
        result.total = total;
        result.total_exact = true;
    } else if (!request.collapse) {  // cut by the time limit: what was counted, at least the estimate
        result.total = std::max<std::uint64_t>(result.total, total);
    }
    for (std::size_t f = 0; f < request.facets.size(); ++f) {
        result.facets.push_back({request.facets[f], sorted_counts(counts[f])});
    }
}

void Searcher::count_facets_remotely(const SearchRequest& request, const Xapian::Query& text,
                                     SearchResult& result) {
    // xapian-tcpsrv runs Xapian's own ValueCountMatchSpy and sends its counts back. Multi-select:
    // a facet whose field is filtered counts in its own pass, without that filter.
    const auto slot_of = [](Facet facet) {
        return facet == Facet::Source ? schema::kSourceSlot
               : facet == Facet::Topic ? schema::kTopicSlot
                                       : schema::kMonthSlot;
    };
    const auto has_filter = [&](Facet facet) {
        switch (field_of(facet)) {
            case FilterField::Source: return !request.sources.empty();
            case FilterField::Topic: return !request.topics.empty();
            default: return request.from.has_value() || request.to.has_value();
        }
    };
    const Xapian::doccount all = all_documents();
    const auto count_pass = [&](std::optional<Facet> ignoring, const std::vector<Facet>& facets) {
        Xapian::Enquire counter(db_);
        counter.set_query(filtered(text, request, ignoring));
        counter.set_weighting_scheme(Xapian::BoolWeight());
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        for (const Facet facet : facets) {
            spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(facet)));
            counter.add_matchspy(spies.back().get());
        }
        const Xapian::MSet mset = counter.get_mset(0, 0, all);
        for (std::size_t i = 0; i < facets.size(); ++i) {
            std::map<std::string, std::uint64_t> values;
            for (auto v = spies[i]->values_begin(); v != spies[i]->values_end(); ++v) {
                values[facets[i] == Facet::Year ? (*v).substr(0, 4) : *v] += v.get_termfreq();
            }
            const auto at = std::find(request.facets.begin(), request.facets.end(), facets[i]);
            result.facets[static_cast<std::size_t>(at - request.facets.begin())] = {facets[i], sorted_counts(values)};
        }
        return mset.get_matches_estimated();
    };
    result.facets.assign(request.facets.size(), {});
    std::vector<Facet> unfiltered;
    for (const Facet facet : request.facets) {
        if (has_filter(facet)) count_pass(facet, {facet});
        else unfiltered.push_back(facet);
    }
    const std::uint64_t total = count_pass(std::nullopt, unfiltered);
    if (!request.collapse) {
        result.total = total;
        result.total_exact = true;
    }
}

SearchResult Searcher::run(SearchRequest request) {
    const auto start = std::chrono::steady_clock::now();
    const DeadlineScope deadline(deadline_, time_limit_);
    request.validate();
    const Xapian::Query text = builder_->build(request.query);
    const Xapian::Query matches = builder_->last_match_set();  // the same set, cheaper to count
    const std::string correction = builder_->last_correction();
    const Xapian::doccount all = all_documents();

    Xapian::Query query = bounded(filtered(text, request, std::nullopt));
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(*weighting(ranking_));
    enquire.set_query(query);
    if (request.recency_half_life_days && remote_) {
        throw InvalidRequest("recency", "the recency boost is not available on an index with remote shards");
    }
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
        if (!remote_) enquire.add_matchspy(&articles);  // a server knows no Lupe spy: counted below
    }

    // Without facets the top-k pass stops as early as Xapian can (asking it to look at 1 000
    // matches cost 18 % of the matching); a count without weights then makes the total exact
    // up to kExactTotalBelow. Collapsing checks every match: the lower bound then counts every
    // distinct cluster key.
    const bool counting = !request.facets.empty() || request.exact_total;
    const Xapian::doccount check_at_least = request.collapse ? all : 0;
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
        // Counted only when the total might be below the limit: a lower bound at or above it
        // already says the total is an estimate. The top-k pass's bound is often low (always when
        // the time limit watches the match: the deadline may end any list), so the query's own bound from
        // term statistics is asked first; it spares the count for most queries of common words.
        const auto below_limit = [](std::uint64_t bound) { return bound < SearchRequest::kExactTotalBelow; };
        if (!counting && !result.total_exact && below_limit(mset.get_matches_lower_bound())) {
            const Xapian::Query counted_query = filtered(matches, request, std::nullopt);
            const auto limit = static_cast<Xapian::doccount>(SearchRequest::kExactTotalBelow);
            if (const std::uint64_t bound = matches_at_least(counted_query, 0, limit); !below_limit(bound)) {
                result.total = std::max<std::uint64_t>(result.total, bound);
            } else {
                const std::uint64_t counted = matches_at_least(bounded(counted_query), limit, limit);
                result.total_exact = below_limit(counted);
                result.total = result.total_exact ? counted : std::max<std::uint64_t>(result.total, counted);
            }
        }
    }
    result.offset = request.offset;
    result.limit = request.limit;
    // A hit's snippet marks the query's terms it holds. Those are the query's own terms, known
    // once for all hits, unless a wildcard leaves them to be read from each hit's term list.
    const std::optional<std::unordered_set<std::string>> marked =
        has_wildcard(text) ? std::nullopt : std::optional(word_terms(text.get_unique_terms_begin(), text.get_unique_terms_end()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        result.hits.push_back(make_hit(it, marked ? *marked : matching_terms(it, enquire)));
    }

    if (counting) count_facets(request, matches, result);
    if (request.collapse) result.articles = remote_ ? count_matches(query) : articles.count();
    else result.articles = result.total;
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
    // Offer the corrected query only when it finds at least as many articles as the query as
    // typed. A correction is only proposed for words the index does not hold at all, so the
    // corrected query mostly finds more. Counting stops once it has seen `needed` matches:
    // the lower bound is then exact below `needed` and at least `needed` otherwise, which is
    // all the comparison needs. Beyond the matches up to which a total is exact
    // (kExactTotalBelow), both count as many.
    builder_->build(correction);
    const Xapian::Query corrected = bounded(
        filtered(builder_->last_match_set(), request, std::nullopt));
    const std::uint64_t needed = std::clamp<std::uint64_t>(
        std::min<std::uint64_t>(total, SearchRequest::kExactTotalBelow), 1, all_documents());
    if (matches_at_least(corrected, static_cast<Xapian::doccount>(needed), needed) < needed) return std::nullopt;
    return correction;
}

std::unordered_set<std::string> Searcher::matching_terms(const Xapian::MSetIterator& item,
                                                         const Xapian::Enquire& enquire) {
    return word_terms(enquire.get_matching_terms_begin(item), enquire.get_matching_terms_end(item));
}

Hit Searcher::make_hit(const Xapian::MSetIterator& item, const std::unordered_set<std::string>& terms) {
    const Xapian::Document doc = item.get_document();
    const Article article = decode_stored_article(doc.get_data());
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

std::vector<std::string> Searcher::complete(const std::string& query) {
    return guarded([&] { return Suggester(db_).complete(query); });
}

std::optional<Article> Searcher::get(const std::string& id) {
    return guarded([&]() -> std::optional<Article> {
    const std::string term = schema::id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return decode_stored_article(db_.get_document(*it).get_data());
    });
}

std::optional<SearchResult> Searcher::related(const std::string& id, std::size_t limit) {
    auto result = guarded([&] { return related_here(id, limit); });
    if (result) result->missing_shards = missing_;
    return result;
}

std::optional<SearchResult> Searcher::related_here(const std::string& id, std::size_t limit) {
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
        for (auto m = mset.begin(); m != mset.end(); ++m) result.hits.push_back(make_hit(m, matching_terms(m, enquire)));
    }
    result.partial = deadline.expired();
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace lupe

namespace lupe {

std::optional<SearchResult> Searcher::similar(const std::string& id, std::size_t limit) {
    auto result = guarded([&] { return similar_here(id, limit); });
    if (result) result->missing_shards = missing_;
    return result;
}

std::optional<SearchResult> Searcher::similar_here(const std::string& id, std::size_t limit) {
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
        // Every answering shard's aliases: a document's term and value may come from
        // different shards' runs of the cross-shard pass (ClusterAssigner.h, cluster_members).
        std::vector<std::string> aliases;
        for (const Xapian::Database& shard : open_) {
            if (shard.size() == 0) continue;  // a missing shard
            for (auto& alias : cluster_aliases(shard, key)) {
                if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(std::move(alias));
            }
        }
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, cluster_members(key, aliases), Xapian::Query(id_term)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(schema::kDateSlot, true);
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(result.limit),
                                                   db_.get_doccount());
        result.total = result.articles = mset.get_matches_estimated();
        for (auto m = mset.begin(); m != mset.end(); ++m) result.hits.push_back(make_hit(m, matching_terms(m, enquire)));
    }
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace lupe
