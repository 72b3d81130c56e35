#include "Evaluation.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "EvalSet.h"
#include "Metrics.h"
#include "cli/CommandLine.h"

namespace lupe::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct SetReport {
    std::string set;
    std::string split;  // "-" for sets without splits
    std::size_t passages = 0;
    MetricMeans means;
    std::size_t failed_queries = 0;
    double index_seconds = 0;
    double query_seconds = 0;
    double ms_per_query() const {
        return means.queries() ? 1000.0 * query_seconds / static_cast<double>(means.queries()) : 0.0;
    }
};

// The folder an index is built in: DIR/<set> with --keep-index (must not hold anything yet),
// else a fresh temporary folder that is removed again.
class ScratchFolder {
public:
    ScratchFolder(const std::string& keep_dir, const std::string& set_name) {
        if (!keep_dir.empty()) {
            path_ = fs::path(keep_dir) / set_name;
            if (fs::exists(path_) && !fs::is_empty(path_)) {
                throw std::runtime_error(path_.string() + " is not empty: remove it or choose another --keep-index");
            }
            fs::create_directories(path_);
            return;
        }
        std::string pattern = (fs::temp_directory_path() / ("lupe-relevance-" + set_name + "-XXXXXX")).string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
        path_ = pattern;
        temporary_ = true;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        if (temporary_) fs::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    std::string str() const { return path_.string(); }

private:
    fs::path path_;
    bool temporary_ = false;
};

SetReport evaluate_set(Engine& engine, const EvalSet& set, const BenchOptions& options, std::ostream* per_query) {
    SetReport report;
    report.set = set.name;
    report.split = set.has_splits ? options.split : "-";
    ScratchFolder folder(options.keep_index, set.name);

    std::cerr << engine.name() << ": indexing " << set.passages_path << '\n';
    auto start = Clock::now();
    report.passages = engine.build_index(set.passages_path, folder.str());
    report.index_seconds = seconds_since(start);

    std::cerr << engine.name() << ": " << set.queries.size() << " queries on " << set.name << '\n';
    for (const EvalQuery& q : set.queries) {
        std::vector<std::string> ranked;
        start = Clock::now();
        try {
            ranked = engine.search(q.query);
        } catch (const std::exception& e) {
            ++report.failed_queries;
            std::cerr << engine.name() << ": query " << q.qid << " failed: " << e.what() << '\n';
        }
        report.query_seconds += seconds_since(start);
        const QueryScore score = score_query(ranked, q.relevant);
        report.means.add(score);
        if (per_query) {
            nlohmann::json line = {{"set", set.name}, {"qid", q.qid}, {"query", q.query},
                                   {"rank", score.first_relevant_rank}, {"relevant", q.relevant}};
            ranked.resize(std::min<std::size_t>(ranked.size(), 3));
            line["top"] = ranked;
            *per_query << line.dump() << '\n';
        }
    }
    engine.close();
    if (!options.keep_index.empty()) std::cerr << engine.name() << ": index kept in " << folder.str() << '\n';
    return report;
}

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void print_table(const std::string& engine, const SetReport& r) {
    std::cout << r.set << (r.split == "-" ? "" : " (split " + r.split + ")") << ": " << r.means.queries()
              << " queries, " << r.passages << " passages, engine " << engine << '\n'
              << "  MRR@10   R@10     R@100    nDCG@10  | index s  query s  ms/query  failed\n"
              << "  " << fixed(r.means.mrr10(), 4) << "   " << fixed(r.means.recall10(), 4) << "   "
              << fixed(r.means.recall100(), 4) << "   " << fixed(r.means.ndcg10(), 4) << "   | "
              << fixed(r.index_seconds, 2) << "     " << fixed(r.query_seconds, 2) << "     "
              << fixed(r.ms_per_query(), 3) << "     " << r.failed_queries << "\n\n";
}

// One row of the RESULTS.md table: set, queries, engine, MRR@10, R@10, R@100, nDCG@10,
// index s, ms/query, failed queries.
void print_markdown_row(const std::string& engine, const SetReport& r) {
    std::string split = r.split;
    std::replace(split.begin(), split.end(), ',', '+');
    const std::string set = r.split == "-" ? r.set : r.set + " (" + split + ")";
    std::cout << "| " << set << " | " << r.means.queries() << " | " << engine << " | " << fixed(r.means.mrr10(), 3)
              << " | " << fixed(r.means.recall10(), 3) << " | " << fixed(r.means.recall100(), 3) << " | "
              << fixed(r.means.ndcg10(), 3) << " | " << fixed(r.index_seconds, 2) << " | "
              << fixed(r.ms_per_query(), 3) << " | " << r.failed_queries << " |\n";
}

nlohmann::ordered_json to_json(const std::string& engine, const std::vector<SetReport>& reports) {
    nlohmann::ordered_json j;
    j["engine"] = engine;
    j["sets"] = nlohmann::ordered_json::array();
    for (const auto& r : reports) {
        j["sets"].push_back({{"set", r.set},
                             {"split", r.split},
                             {"queries", r.means.queries()},
                             {"passages", r.passages},
                             {"mrr10", r.means.mrr10()},
                             {"recall10", r.means.recall10()},
                             {"recall100", r.means.recall100()},
                             {"ndcg10", r.means.ndcg10()},
                             {"failed_queries", r.failed_queries},
                             {"index_seconds", r.index_seconds},
                             {"query_seconds", r.query_seconds},
                             {"ms_per_query", r.ms_per_query()}});
    }
    return j;
}

std::vector<std::string> default_sets() {
    const fs::path eval(LUPE_DEFAULT_EVAL_DIR);
    return {(eval / "xquad_de").string(), (eval / "mlqa_de_dev").string(), (eval / "xglue_qam_de").string()};
}

}  // namespace

void add_bench_options(CLI::App& app, BenchOptions& options) {
    app.add_option("sets", options.sets,
                   "Eval set folders holding passages.jsonl and queries.jsonl (default: xquad_de, "
                   "mlqa_de_dev and xglue_qam_de under " LUPE_DEFAULT_EVAL_DIR ")")
        ->type_name("DIR");
    app.add_option("--split", options.split,
                   "Queries with a \"splits\" list (xglue_qam_de): keep those in one of these splits "
                   "(comma list of dev, test, train) or all")
        ->capture_default_str()
        ->type_name("SPLITS");
    app.add_option("--queries-limit", options.queries_limit, "Run only the first N selected queries of each set")
        ->type_name("N");
    app.add_option("--keep-index", options.keep_index, "Build each index in DIR/<set> and keep it")
        ->type_name("DIR");
    app.add_option("--per-query", options.per_query,
                   "Write one JSON line per query (first relevant rank, top 3 ids) to FILE")
        ->type_name("FILE");
    cli::add_json_flag(app, options.json);
    app.add_flag("--markdown", options.markdown, "Print one Markdown table row per set (for bench/RESULTS.md)")
        ->excludes(app.get_option("--json"));
    app.add_flag("--self-test", options.self_test, "Check the metrics code on hand-computed cases and exit");
}

void run_benchmark(Engine& engine, const BenchOptions& options) {
    const SplitSelection splits(options.split);
    const std::vector<std::string> folders = options.sets.empty() ? default_sets() : options.sets;
    std::ofstream per_query;
    if (!options.per_query.empty()) {
        per_query.open(options.per_query);
        if (!per_query) throw std::runtime_error("cannot write " + options.per_query);
    }
    std::vector<SetReport> reports;
    for (const auto& folder : folders) {
        const EvalSet set = load_eval_set(folder, splits, options.queries_limit);
        reports.push_back(evaluate_set(engine, set, options, per_query.is_open() ? &per_query : nullptr));
        if (options.markdown) print_markdown_row(engine.name(), reports.back());
        else if (!options.json) print_table(engine.name(), reports.back());
    }
    if (!options.markdown) std::cout << to_json(engine.name(), reports).dump() << '\n';
}

int run_program(CLI::App& app, const BenchOptions& options, int argc, char** argv,
                const std::function<std::unique_ptr<Engine>()>& make_engine) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? cli::kOk : cli::kUsage;
    }
    try {
        if (options.self_test) {
            const bool ok = metrics_self_test(std::cerr);
            std::cerr << "metrics self-test: " << (ok ? "passed" : "FAILED") << '\n';
            return ok ? cli::kOk : cli::kFailure;
        }
        run_benchmark(*make_engine(), options);
        return cli::kOk;
    } catch (const Xapian::Error& e) {
        std::cerr << app.get_name() << ": index error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << app.get_name() << ": " << e.what() << '\n';
    }
    return cli::kFailure;
}

}  // namespace lupe::bench
