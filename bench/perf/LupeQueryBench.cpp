// lupe-query-bench: Lupe's query latency in-process, warm, on one thread, through the same
// SearchRequest and Searcher as `lupe-search query` and every HTTP worker (one search library).
// Mixes (QueryMix.h): free text top 10; top 10 filtered to one topic; top 10 with exact
// facet counts by source, topic and month. Prints one JSON line per mix.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "QueryMix.h"
#include "cli/CommandLine.h"
#include "search/RequestText.h"
#include "search/Searcher.h"

namespace lupe::bench {
namespace {

// Every topic of the index, as Lupe's own topic facet over all articles reports it, sorted.
std::vector<std::string> index_topics(Searcher& searcher) {
    RequestText request;
    request.facets = "topic";
    request.limit = 1;
    std::vector<std::string> topics;
    for (const FacetResult& facet : searcher.search(build_request(request)).facets)
        for (const FacetCount& count : facet.counts) topics.push_back(count.value);
    std::sort(topics.begin(), topics.end());
    return topics;
}

}  // namespace
}  // namespace lupe::bench

int main(int argc, char** argv) try {
    using namespace lupe;
    using namespace lupe::bench;
    CLI::App app{"lupe-query-bench: Lupe query latency (p50/p95/p99, queries/s) in three mixes",
                 "lupe-query-bench"};
    std::string index, queries_path, mixes = "free,topic,facets";
    std::size_t limit = 1000;
    app.add_option("--index", index, "Lupe index folder")->required();
    app.add_option("--queries", queries_path, "queries.jsonl (one {\"query\": ...} per line)")->required();
    app.add_option("--limit-queries", limit, "Use the first N queries")->capture_default_str();
    app.add_option("--mixes", mixes, "Comma list of free, topic, facets")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const std::vector<std::string> queries = load_queries(queries_path, limit);
    Searcher searcher(index);
    const std::vector<std::string> topics = index_topics(searcher);
    for (const Mix mix : parse_mixes(mixes)) {
        const RunQuery run = [&](const std::string& text, const std::string& topic) {
            RequestText request;  // as `lupe-search query` and GET /api/search describe a search
            request.query = text;
            request.limit = 10;
            if (!topic.empty()) request.topics = {topic};
            if (mix == Mix::Facets) request.facets = "source,topic,month";
            const SearchResult result = searcher.search(build_request(request));
            return QueryOutcome{result.total, result.hits.size()};
        };
        std::cout << run_mix("lupe", mix, queries, topics, run).json() << std::endl;
    }
    return cli::kOk;
} catch (...) {
    return lupe::cli::report_error("lupe-query-bench");
}
