// lupe-relevance: Lupe's relevance on the eval sets, through the same library as the CLI and
// HTTP: passages indexed by index_inputs (as `lupe-index add`), queries run by Searcher::search.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "Evaluation.h"
#include "analysis/GermanAnalyzer.h"
#include "cli/CommandLine.h"
#include "index/IndexFolder.h"
#include "index/IndexPipeline.h"
#include "index/StoredArticle.h"
#include "search/QueryBuilder.h"
#include "search/Searcher.h"

namespace lupe::bench {
namespace {

// EXPERIMENT: Searcher builds its QueryBuilder with default options and offers no way to
// change them, so --all-words-boost searches with a QueryBuilder of its own and mirrors
// what Searcher::run does for a plain text query (no filters, facets or recency).
// At 8 (the default) it ranks every eval query exactly as Searcher does (checked 2026-11).
class BoostedSearch {
public:
    BoostedSearch(const std::string& folder, double all_words_boost, QueryBuilderOptions options)
        : db_(open_index_for_reading(folder)), builder_(db_, analyzer_, options_with(all_words_boost, options)) {}

    std::vector<std::string> search(const std::string& text, std::size_t limit) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, builder_.build(text), Xapian::Query::MatchAll));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit),
                                                   std::max<Xapian::doccount>(1, db_.get_doccount()));
        std::vector<std::string> ids;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            ids.push_back(decode_stored_article(it.get_document().get_data()).id);
        }
        return ids;
    }

private:
    static QueryBuilderOptions options_with(double all_words_boost, QueryBuilderOptions options) {
        options.all_words_boost = all_words_boost;
        return options;
    }

    Xapian::Database db_;
    analysis::GermanAnalyzer analyzer_;
    QueryBuilder builder_;
};

class LupeEngine : public Engine {
public:
    LupeEngine(unsigned threads, std::optional<double> all_words_boost, SearcherOptions options,
               std::string variant)
        : threads_(threads), boost_(all_words_boost), options_(std::move(options)), variant_(std::move(variant)) {}

    std::string name() const override {
        std::string name = "Lupe";
        if (boost_) {
            char text[64];
            std::snprintf(text, sizeof text, " (all_words_boost=%g)", *boost_);
            name += text;
        }
        return variant_.empty() ? name : name + " (" + variant_ + ")";
    }

    std::size_t build_index(const std::string& passages_path, const std::string& folder) override {
        IndexPipelineOptions options;
        options.folder = folder;
        options.threads = threads_;
        const IndexSummary summary = index_inputs({passages_path}, options);
        for (const auto& r : summary.rejected) std::cerr << "rejected: " << r.where.str() << ": " << r.reason << '\n';
        if (boost_) boosted_ = std::make_unique<BoostedSearch>(folder, *boost_, options_.query);
        else searcher_ = std::make_unique<Searcher>(folder, options_);
        return summary.documents_in_index;
    }

    std::vector<std::string> search(const std::string& query) override {
        if (boosted_) return boosted_->search(query, SearchRequest::kMaxLimit);
        SearchRequest request;
        request.query = query;
        request.limit = 100;
        std::vector<std::string> ids;
        for (const Hit& hit : searcher_->search(std::move(request)).hits) ids.push_back(hit.id);
        return ids;
    }

    void close() override {
        searcher_.reset();
        boosted_.reset();
    }

private:
    unsigned threads_;
    std::optional<double> boost_;
    SearcherOptions options_;
    std::string variant_;  // synonym settings, for the report
    std::unique_ptr<Searcher> searcher_;
    std::unique_ptr<BoostedSearch> boosted_;
};

}  // namespace
}  // namespace lupe::bench

int main(int argc, char** argv) {
    CLI::App app{"lupe-relevance: MRR@10, Recall@10/100 and nDCG@10 of Lupe's search on eval sets",
                 "lupe-relevance"};
    lupe::bench::BenchOptions options;
    lupe::bench::add_bench_options(app, options);
    unsigned threads = 0;
    lupe::cli::add_threads_option(app, threads);
    std::optional<double> boost;
    app.add_option("--all-words-boost", boost,
                   "EXPERIMENT: QueryBuilderOptions::all_words_boost (0 = off); bypasses Searcher, "
                   "which takes no QueryBuilder options")
        ->check(CLI::NonNegativeNumber)
        ->type_name("X");
    lupe::cli::SynonymOptions synonyms;
    lupe::cli::add_synonym_options(app, synonyms);
    std::string synonym_mode = "synonym";
    double synonym_weight = lupe::QueryExpansionOptions{}.synonym_weight;
    app.add_option("--synonym-mode", synonym_mode, "EXPERIMENT: synonym (OP_SYNONYM) or or (weighted OR)")
        ->check(CLI::IsMember({"synonym", "or"}));
    app.add_option("--synonym-weight", synonym_weight, "EXPERIMENT: weight of synonyms in --synonym-mode or")
        ->check(CLI::NonNegativeNumber)
        ->type_name("X");
    return lupe::bench::run_program(app, options, argc, argv, [&] {
        lupe::SearcherOptions searcher = lupe::cli::searcher_options(synonyms);
        std::string variant;
        if (searcher.query.expansion.synonyms) {
            auto& expansion = searcher.query.expansion;
            expansion.synonym_mode = synonym_mode == "or" ? lupe::SynonymMode::WeightedOr : lupe::SynonymMode::Synonym;
            expansion.synonym_weight = synonym_weight;
            char text[64];
            std::snprintf(text, sizeof text, "or %g", synonym_weight);
            variant = "synonyms " + std::to_string(expansion.synonyms->groups()) + " groups, " +
                      (synonym_mode == "or" ? text : "OP_SYNONYM");
            if (synonyms.max_group > 0) variant += ", max group " + std::to_string(synonyms.max_group);
            if (synonyms.single_words) variant += ", single words";
        }
        return std::make_unique<lupe::bench::LupeEngine>(threads, boost, std::move(searcher), variant);
    });
}
