#include "QueryMix.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace lupe::bench {

const char* mix_name(Mix mix) {
    switch (mix) {
    case Mix::Free: return "free";
    case Mix::Topic: return "topic";
    case Mix::Facets: return "facets";
    }
    return "?";
}

std::vector<Mix> parse_mixes(const std::string& list) {
    std::vector<Mix> mixes;
    std::stringstream in(list);
    std::string name;
    while (std::getline(in, name, ',')) {
        if (name == "free") mixes.push_back(Mix::Free);
        else if (name == "topic") mixes.push_back(Mix::Topic);
        else if (name == "facets") mixes.push_back(Mix::Facets);
        else if (!name.empty()) throw std::runtime_error("unknown mix '" + name + "' (free, topic, facets)");
    }
    return mixes;
}

std::vector<std::string> load_queries(const std::string& path, std::size_t limit) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> queries;
    std::string line;
    std::size_t number = 0;
    while (queries.size() < limit && std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        const auto object = nlohmann::json::parse(line, nullptr, false);
        if (!object.is_object() || !object.contains("query") || !object["query"].is_string())
            throw std::runtime_error(path + ":" + std::to_string(number) + ": not a {\"query\": ...} line");
        queries.push_back(object["query"].get<std::string>());
    }
    if (queries.empty()) throw std::runtime_error(path + ": no queries");
    return queries;
}

const std::string& topic_for(Mix mix, std::size_t i, const std::vector<std::string>& topics) {
    static const std::string none;
    if (mix != Mix::Topic) return none;
    if (topics.empty()) throw std::runtime_error("the index holds no topics: the topic mix needs some");
    return topics[i % topics.size()];
}

double percentile(const std::vector<double>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

MixStats run_mix(const std::string& engine, Mix mix, const std::vector<std::string>& queries,
                 const std::vector<std::string>& topics, const RunQuery& run) {
    using Clock = std::chrono::steady_clock;
    MixStats stats;
    stats.engine = engine;
    stats.mix = mix_name(mix);
    stats.queries = queries.size();

    auto one = [&](std::size_t i, QueryOutcome& outcome) {
        try {
            outcome = run(queries[i], topic_for(mix, i, topics));
            return true;
        } catch (...) {  // std::exception or Xapian::Error: both count as a failed query
            return false;
        }
    };
    QueryOutcome outcome;
    for (std::size_t i = 0; i < queries.size(); ++i) one(i, outcome);  // warm-up pass

    std::vector<double> ms;
    ms.reserve(queries.size());
    double matches = 0;
    const auto pass_start = Clock::now();
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto start = Clock::now();
        outcome = {};
        const bool ok = one(i, outcome);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!ok) {
            if (stats.errors++ == 0) std::cerr << engine << ": query failed: " << queries[i] << '\n';
            continue;
        }
        matches += static_cast<double>(outcome.matches);
        if (outcome.hits == 0) ++stats.zero_hits;
    }
    const double pass_s = std::chrono::duration<double>(Clock::now() - pass_start).count();

    std::sort(ms.begin(), ms.end());
    stats.p50_ms = percentile(ms, 50);
    stats.p95_ms = percentile(ms, 95);
    stats.p99_ms = percentile(ms, 99);
    stats.max_ms = ms.back();
    stats.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    stats.qps = static_cast<double>(queries.size()) / pass_s;
    const std::size_t answered = queries.size() - stats.errors;
    stats.mean_matches = answered ? matches / static_cast<double>(answered) : 0;
    return stats;
}

std::string MixStats::json() const {
    nlohmann::json j = {{"engine", engine}, {"mix", mix},     {"queries", queries},
                        {"errors", errors}, {"p50_ms", p50_ms}, {"p95_ms", p95_ms},
                        {"p99_ms", p99_ms}, {"mean_ms", mean_ms}, {"max_ms", max_ms},
                        {"qps", qps},       {"mean_matches", mean_matches}, {"zero_hits", zero_hits}};
    return j.dump();
}

}  // namespace lupe::bench
