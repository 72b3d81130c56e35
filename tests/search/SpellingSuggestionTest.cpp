// When Searcher offers its "did you mean": the corrected query must find at least as many
// articles as the query as typed, counted exactly up to SearchRequest::kExactTotalBelow
// matches; beyond that, both count as many.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "index/IndexPipeline.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

namespace {

// 1 300 articles about a storm: 100 of them also about hail, 400 also about rain; and six
// about fog, two of them also about frost. In one shard, and in two (counted shard by shard).
class WeatherIndex {
public:
    explicit WeatherIndex(unsigned shards) {
        std::string jsonl;
        for (int i = 0; i < 1300; ++i) {
            std::string body = "Sturm über der Küste, Bericht " + std::to_string(i) + ".";
            if (i < 100) body += " Dazu kam Hagel.";
            if (i >= 100 && i < 500) body += " Dazu kam Regen.";
            jsonl += R"({"id": "sturm-)" + std::to_string(i) + R"(", "title": "Wetter", "body": ")" + body + "\"}\n";
        }
        for (int i = 0; i < 6; ++i) {
            const std::string body = i < 2 ? "Nebel am Morgen, danach Frost." : "Nebel am Morgen.";
            jsonl += R"({"id": "nebel-)" + std::to_string(i) + R"(", "title": "Wetter", "body": ")" + body + "\"}\n";
        }
        const auto path = dir_ / "weather.jsonl";
        lupe::test::write_file(path, jsonl);
        lupe::IndexPipelineOptions options;
        options.folder = (dir_ / "index").string();
        options.shards = shards;
        options.threads = 2;
        if (lupe::index_inputs({path.string()}, options).documents_in_index != 1306) {
            throw std::runtime_error("the weather index did not build");
        }
    }

    lupe::SearchResult search(const std::string& query) const {
        lupe::Searcher searcher((dir_ / "index").string());
        lupe::SearchRequest request;
        request.query = query;
        request.limit = 10;
        return searcher.search(request);
    }

private:
    lupe::test::TempDir dir_;
};

const WeatherIndex& weather_index(unsigned shards) {
    static const WeatherIndex one(1), two(2);
    return shards == 1 ? one : two;
}

}  // namespace

TEST_CASE("A correction is offered when it finds at least as many articles", "[search][suggestion]") {
    const unsigned shards = GENERATE(1u, 2u);
    INFO(shards << " shard(s)");
    const auto more = weather_index(shards).search("Nebel Frots");  // Frost: still all six
    CHECK(more.total == 6);
    REQUIRE(more.suggestion.has_value());
    CHECK(*more.suggestion == "Nebel Frost");

    const auto fewer = weather_index(shards).search("Nebel -Frots");  // typed: six; corrected: the four without frost
    CHECK(fewer.total == 6);
    CHECK_FALSE(fewer.suggestion.has_value());
}

TEST_CASE("Beyond the exact-total limit a correction needs only that many articles", "[search][suggestion]") {
    const unsigned shards = GENERATE(1u, 2u);
    INFO(shards << " shard(s)");
    // 1 300 as typed. Without hail 1 200 remain: more than the limit, so as many.
    const auto hail = weather_index(shards).search("Sturm -Hagle");
    CHECK(hail.total >= lupe::SearchRequest::kExactTotalBelow);
    REQUIRE(hail.suggestion.has_value());
    CHECK(*hail.suggestion == "Sturm -Hagel");
    // Without rain only 900 remain: fewer.
    const auto rain = weather_index(shards).search("Sturm -Regne");
    CHECK_FALSE(rain.suggestion.has_value());
}
