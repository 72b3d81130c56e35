// lupe-facet-bench: latency of facet counting and free-text top-10 on one index, Lupe's
// Searcher against raw Xapian on the same Xapian query (so only the matching differs).
//
// Modes (each first runs the next n queries of the file to warm up caches, then the first n
// timed; p50/p99 over the timed queries):
//   raw-facets   BM25 top-10 + ValueCountMatchSpy on source, topic, month, check_at_least =
//                doccount (the old Searcher's counting, and what an application would write)
//   count-pass   FacetCounter on loaded FacetColumns in one BoolWeight pass (counting only)
//   posting-pass FacetCounter on loaded FacetColumns over match_set, the matches read from
//                posting lists (counting only; what Searcher does since 2026-12-07)
//   lupe-facets  Searcher::search with facets source,topic,month (query parsing, hits,
//                snippets and spelling suggestion included)
//   raw-text     BM25 top-10, Xapian's default check_at_least
//   lupe-text    Searcher::search without facets (estimated total beyond kExactTotalBelow)
//   lupe-exact   Searcher::search without facets but exact_total
// Queries: the "query" field of a JSONL file; raw modes get Lupe's Xapian query, built
// untimed beforehand.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "index/Schema.h"
#include "search/FacetColumns.h"
#include "search/FacetCounter.h"
#include "search/MatchSet.h"
#include "search/QueryBuilder.h"
#include "search/Searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::vector<std::string> load_queries(const std::string& path, std::size_t n) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> out;
    for (std::string line; out.size() < n && std::getline(in, line);) {
        if (!line.empty()) out.push_back(nlohmann::json::parse(line).at("query").get<std::string>());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"lupe-facet-bench: facet and top-10 latency, Lupe against raw Xapian", "lupe-facet-bench"};
    std::string index;
    std::string queries_path;
    std::size_t n = 1000;
    std::vector<std::string> modes = {"raw-facets", "count-pass", "posting-pass", "lupe-facets", "raw-text", "lupe-text", "lupe-exact"};
    app.add_option("--index", index, "Lupe index folder")->required();
    app.add_option("--queries", queries_path, "JSONL file with a \"query\" field")->required();
    app.add_option("-n", n, "Number of queries");
    app.add_option("--modes", modes, "Modes to run")->delimiter(',');
    CLI11_PARSE(app, argc, argv);

    const auto queries = load_queries(queries_path, 2 * n);
    if (queries.size() < 2 * n) throw std::runtime_error("fewer than 2n queries in " + queries_path);
    lupe::Searcher searcher(index);
    const Xapian::Database& db = searcher.database();
    const Xapian::doccount all = db.get_doccount();

    lupe::analysis::GermanAnalyzer analyzer;
    lupe::QueryBuilder builder(db, analyzer);
    std::vector<Xapian::Query> built;
    for (const auto& q : queries) built.push_back(builder.build(q));

    const auto t0 = Clock::now();
    lupe::FacetColumns columns = lupe::FacetColumns::load(db);
    const double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::cout << "index: " << all << " documents; " << n << " queries timed after " << n << " others; FacetColumns::load "
              << load_ms << " ms, " << columns.memory_bytes() / 1024 << " KiB\n";

    const std::vector<lupe::Facet> facets = {lupe::Facet::Source, lupe::Facet::Topic, lupe::Facet::Month};
    std::uint64_t sink = 0;
    const std::map<std::string, std::function<void(std::size_t)>> runs = {
        {"raw-facets",
         [&](std::size_t i) {
             Xapian::Enquire enquire(db);
             enquire.set_query(built[i]);
             Xapian::ValueCountMatchSpy s(lupe::schema::kSourceSlot), t(lupe::schema::kTopicSlot),
                 m(lupe::schema::kMonthSlot);
             enquire.add_matchspy(&s);
             enquire.add_matchspy(&t);
             enquire.add_matchspy(&m);
             const Xapian::MSet mset = enquire.get_mset(0, 10, all);
             sink += mset.get_matches_estimated() + s.get_total();
         }},
        {"count-pass",
         [&](std::size_t i) {
             lupe::SearchRequest request;
             request.facets = facets;
             Xapian::Enquire enquire(db);
             enquire.set_query(built[i]);
             enquire.set_weighting_scheme(Xapian::BoolWeight());
             lupe::FacetCounter counter(columns, lupe::plan_facet_pass(request).checks, facets);
             enquire.add_matchspy(&counter);
             enquire.get_mset(0, 0, all);
             for (const auto f : facets) sink += counter.counts(f).size();
             sink += counter.total();
         }},
        {"posting-pass",
         [&](std::size_t i) {
             lupe::SearchRequest request;
             request.facets = facets;
             lupe::FacetCounter counter(
                 columns, lupe::plan_facet_pass(request, lupe::UnfacetedFilters::Checked).checks, facets);
             lupe::match_set(db, built[i]).for_each([&](Xapian::docid id) { counter.add(columns.row(db, id)); });
             for (const auto f : facets) sink += counter.counts(f).size();
             sink += counter.total();
         }},
        {"lupe-facets",
         [&](std::size_t i) {
             lupe::SearchRequest request;
             request.query = queries[i];
             request.facets = facets;
             sink += searcher.search(request).total;
         }},
        {"raw-text",
         [&](std::size_t i) {
             Xapian::Enquire enquire(db);
             enquire.set_query(built[i]);
             sink += enquire.get_mset(0, 10).get_matches_estimated();
         }},
        {"lupe-text",
         [&](std::size_t i) {
             lupe::SearchRequest request;
             request.query = queries[i];
             sink += searcher.search(request).total;
         }},
        {"lupe-exact",
         [&](std::size_t i) {
             lupe::SearchRequest request;
             request.query = queries[i];
             request.exact_total = true;
             sink += searcher.search(request).total;
         }},
    };
    std::cout << "| mode | p50 µs | p99 µs | mean µs |\n|---|--:|--:|--:|\n";
    for (const auto& mode : modes) {
        const auto run = runs.find(mode);
        if (run == runs.end()) throw std::runtime_error("unknown mode " + mode);
        for (std::size_t i = n; i < 2 * n; ++i) run->second(i);  // warm-up on other queries
        std::vector<double> us;
        for (std::size_t i = 0; i < n; ++i) {
            const auto start = Clock::now();
            run->second(i);
            us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        }
        double sum = 0;
        for (double u : us) sum += u;
        std::printf("| %s | %.0f | %.0f | %.0f |\n", mode.c_str(), percentile(us, 0.5), percentile(us, 0.99),
                    sum / static_cast<double>(us.size()));
    }
    std::cerr << "(checksum " << sink << ")\n";
    return 0;
}
