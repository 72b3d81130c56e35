// lupe-relevance: Lupe's relevance on the eval sets, through the same library as the CLI and
// HTTP: passages indexed by index_inputs (as `lupe-index add`), queries run by Searcher::search.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "Evaluation.h"
#include "cli/CommandLine.h"
#include "index/IndexPipeline.h"
#include "search/Ranking.h"
#include "search/Searcher.h"

namespace lupe::bench {
namespace {

class LupeEngine : public Engine {
public:
    LupeEngine(unsigned threads, SearcherOptions options, std::string overrides, std::string reuse_index)
        : threads_(threads), options_(std::move(options)), overrides_(std::move(overrides)), reuse_(std::move(reuse_index)) {}

    std::string name() const override { return overrides_.empty() ? "Lupe" : "Lupe (" + overrides_ + ")"; }

    std::size_t build_index(const std::string& passages_path, const std::string& folder) override {
        if (!reuse_.empty()) {
            searcher_ = std::make_unique<Searcher>(reuse_, options_);
            return searcher_->doc_count();
        }
        IndexPipelineOptions options;
        options.folder = folder;
        options.threads = threads_;
        const IndexSummary summary = index_inputs({passages_path}, options);
        for (const auto& r : summary.rejected) std::cerr << "rejected: " << r.where.str() << ": " << r.reason << '\n';
        searcher_ = std::make_unique<Searcher>(folder, options_);
        return summary.documents_in_index;
    }

    std::vector<std::string> search(const std::string& query) override {
        SearchRequest request;
        request.query = query;
        request.limit = 100;
        std::vector<std::string> ids;
        for (const Hit& hit : searcher_->search(std::move(request)).hits) ids.push_back(hit.id);
        return ids;
    }

    void close() override { searcher_.reset(); }

private:
    unsigned threads_;
    SearcherOptions options_;
    std::string overrides_;  // ranking and synonym settings, for the report
    std::string reuse_;
    std::unique_ptr<Searcher> searcher_;
};

// The ranking options a sweep changes without a rebuild (search/Ranking.h); each one given
// replaces the tuned default and is named in the engine's name ("Lupe (bm25_k1=1.2)").
struct RankingFlags {
    RankingOptions options;
    std::vector<std::pair<std::string, CLI::Option*>> given;

    void add(CLI::App& app) {
        number(app, "--bm25-k1", options.bm25_k1, "BM25 k1 (term frequency saturation)");
        number(app, "--bm25-b", options.bm25_b, "BM25 b (length normalisation, 0..1)");
        number(app, "--bm25-plus-delta", options.bm25_plus_delta, "> 0: BM25+ with this delta");
        number(app, "--all-words-boost", options.all_words_boost, "weight factor for articles holding every word");
        number(app, "--proximity-weight", options.proximity_weight, "bonus for neighbouring words close together (0 = off)");
        given.emplace_back("proximity_window",
                           app.add_option("--proximity-window", options.proximity_window,
                                          "positions within which two neighbouring words count as close")
                               ->capture_default_str()
                               ->check(CLI::Range(2, 1000))
                               ->type_name("N"));
    }

    std::string overrides() const {
        std::string out;
        for (const auto& [name, option] : given) {
            if (option->count() == 0) continue;
            out += (out.empty() ? "" : ", ") + name + "=" + option->as<std::string>();
        }
        return out;
    }

private:
    void number(CLI::App& app, const std::string& flag, double& value, const std::string& help) {
        std::string name = flag.substr(2);
        std::replace(name.begin(), name.end(), '-', '_');
        given.emplace_back(name, app.add_option(flag, value, help)
                                     ->capture_default_str()
                                     ->check(CLI::NonNegativeNumber)
                                     ->type_name("X"));
    }
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
    lupe::bench::RankingFlags ranking;
    ranking.add(app);
    std::string reuse_index;
    app.add_option("--reuse-index", reuse_index,
                   "Search the index in DIR (kept by --keep-index for the one set given) instead of "
                   "indexing again: for sweeps of search-time options")
        ->check(CLI::ExistingDirectory)
        ->type_name("DIR");
    lupe::cli::SynonymOptions synonyms;
    lupe::cli::add_synonym_options(app, synonyms);
    std::string synonym_mode = "synonym";
    double synonym_weight = lupe::QueryExpansionOptions{}.synonym_weight;
    app.add_option("--synonym-mode", synonym_mode, "synonym (OP_SYNONYM) or or (weighted OR)")
        ->check(CLI::IsMember({"synonym", "or"}));
    app.add_option("--synonym-weight", synonym_weight, "weight of synonyms in --synonym-mode or")
        ->check(CLI::NonNegativeNumber)
        ->type_name("X");
    return lupe::bench::run_program(app, options, argc, argv, [&] {
        lupe::SearcherOptions searcher = lupe::cli::searcher_options(synonyms);
        searcher.query.ranking = ranking.options;
        std::string variant = ranking.overrides();
        if (searcher.query.expansion.synonyms) {
            auto& expansion = searcher.query.expansion;
            expansion.synonym_mode = synonym_mode == "or" ? lupe::SynonymMode::WeightedOr : lupe::SynonymMode::Synonym;
            expansion.synonym_weight = synonym_weight;
            char text[64];
            std::snprintf(text, sizeof text, "or %g", synonym_weight);
            if (!variant.empty()) variant += ", ";
            variant += "synonyms " + std::to_string(expansion.synonyms->groups()) + " groups, " +
                       (synonym_mode == "or" ? text : "OP_SYNONYM");
            if (synonyms.max_group > 0) variant += ", max group " + std::to_string(synonyms.max_group);
            if (synonyms.single_words) variant += ", single words";
        }
        return std::make_unique<lupe::bench::LupeEngine>(threads, std::move(searcher), variant, reuse_index);
    });
}
