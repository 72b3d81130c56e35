// Searcher over a real corpus: the 10kGNAD test split, whose label is the topic.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "index/IndexPipeline.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

TEST_CASE("Topic facet counts over 10kGNAD equal the labels counted in the file", "[search][slow]") {
    const auto corpus = lupe::test::shared_dir() / "data/corpus/10kgnad_test.jsonl";
    std::map<std::string, std::uint64_t> labels;
    std::uint64_t lines = 0;
    {
        std::ifstream in(corpus);
        REQUIRE(in);
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            ++labels[nlohmann::json::parse(line).at("topic").get<std::string>()];
            ++lines;
        }
    }
    REQUIRE(lines == 1028);

    lupe::test::TempDir dir;
    lupe::IndexPipelineOptions options;
    options.folder = dir.str();
    const auto summary = lupe::index_inputs({corpus.string()}, options);
    REQUIRE(summary.rejected.empty());

    lupe::Searcher searcher(dir.str());
    lupe::SearchRequest request;
    request.facets = {lupe::Facet::Topic};
    request.limit = 1000;
    const auto result = searcher.search(request);
    CHECK(result.total == 1028);
    CHECK(result.hits.size() == 100);  // limit capped
    REQUIRE(result.facets.size() == 1);
    std::map<std::string, std::uint64_t> counted;
    for (const auto& c : result.facets[0].counts) counted[c.value] = c.count;
    CHECK(counted == labels);
    CHECK(labels.size() == 9);
}
