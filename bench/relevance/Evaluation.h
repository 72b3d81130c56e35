#pragma once
// Evaluation: the loop both relevance programs share. For each eval set: index its passages
// with an Engine into a fresh folder, run every selected query, score the top 100 ids, and
// report per set (a table, one JSON line, or Markdown rows for bench/RESULTS.md).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace CLI { class App; }

namespace lupe::bench {

struct BenchOptions {
    std::vector<std::string> sets;  // eval set folders; empty: the three default sets
    std::string split = "dev,test";
    std::size_t queries_limit = 0;  // 0: every query
    std::string keep_index;         // empty: temporary folders, removed afterwards
    std::string per_query;          // JSONL file of per-query ranks; empty: none
    bool json = false;
    bool markdown = false;
    bool self_test = false;
};

// The options both programs take (sets, --split, --queries-limit, --keep-index, --per-query,
// --json, --markdown, --self-test).
void add_bench_options(CLI::App& app, BenchOptions& options);

// A search engine under test: builds an index of a passages file and answers queries.
class Engine {
public:
    virtual ~Engine() = default;
    virtual std::string name() const = 0;
    // Builds the index in `folder` (empty or missing) and opens it; returns the document count.
    virtual std::size_t build_index(const std::string& passages_path, const std::string& folder) = 0;
    // The ids of the best (up to) 100 passages, best first. Throws on a query it cannot run.
    virtual std::vector<std::string> search(const std::string& query) = 0;
    // Closes the index (before its folder is removed).
    virtual void close() = 0;
};

// Runs the benchmark and prints the report on stdout (progress on stderr). Throws when a set
// cannot be read or indexed; a query that fails scores 0 and is counted.
void run_benchmark(Engine& engine, const BenchOptions& options);

// main() of both programs: parses `app` (holding the bench options and the program's own),
// then runs the self-test or the benchmark on `make_engine()`. Errors are caught here and
// reported under the app's name. Returns the exit status (cli::ExitCode).
int run_program(CLI::App& app, const BenchOptions& options, int argc, char** argv,
                const std::function<std::unique_ptr<Engine>()>& make_engine);

}  // namespace lupe::bench
