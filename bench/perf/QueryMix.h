#pragma once
// QueryMix: what the three query benchmarks (Lupe, raw Xapian, SQLite FTS5) share, so they
// time exactly the same work: the same queries, the same mixes, the same topic per query,
// the same warm-up and the same statistics.
//
// Contract:
//  - `load_queries` reads the "query" field of the first `limit` lines of a queries.jsonl
//    (the eval sets' format) in file order; a line that is not such an object throws
//    std::runtime_error naming file:line;
//  - the mixes: `free` (the query, top 10), `topic` (the query filtered to one topic, top 10),
//    `facets` (the query, top 10, exact counts by source, topic and month over all matches);
//  - query i of the `topic` mix is filtered to topics[i % topics.size()], topics sorted
//    ascending (the engines find the same topics in the same corpus, so the same filters);
//  - `run_mix` runs every query once to warm up, then once timed, each query timed alone on
//    one thread with steady_clock; a query that throws counts as an error (its time counts);
//  - `MixStats::json` is one JSON object per line; bench/perf/report.py reads it.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lupe::bench {

enum class Mix { Free, Topic, Facets };

const char* mix_name(Mix mix);
std::vector<Mix> parse_mixes(const std::string& list);  // "free,topic,facets"

std::vector<std::string> load_queries(const std::string& path, std::size_t limit);

// What one query returned, for sanity checks across engines.
struct QueryOutcome {
    std::uint64_t matches = 0;  // total matches (exact where the engine counts exactly)
    std::size_t hits = 0;       // hits returned (at most 10)
};

// Runs one query of a mix; `topic` is empty unless mix == Topic.
using RunQuery = std::function<QueryOutcome(const std::string& query, const std::string& topic)>;

struct MixStats {
    std::string engine;
    std::string mix;
    std::size_t queries = 0;
    std::size_t errors = 0;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0, mean_ms = 0, max_ms = 0;
    double qps = 0;             // queries / wall time of the timed pass
    double mean_matches = 0;    // mean total matches per query
    std::size_t zero_hits = 0;  // queries with no hit

    std::string json() const;
};

// Topic of query i (empty unless mix == Topic).
const std::string& topic_for(Mix mix, std::size_t i, const std::vector<std::string>& topics);

MixStats run_mix(const std::string& engine, Mix mix, const std::vector<std::string>& queries,
                 const std::vector<std::string>& topics, const RunQuery& run);

// Nearest-rank percentile (p in 0..100) of `sorted` (ascending, non-empty).
double percentile(const std::vector<double>& sorted, double p);

}  // namespace lupe::bench
