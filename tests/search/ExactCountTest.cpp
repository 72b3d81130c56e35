// What Searcher counts exactly, up to SearchRequest::kExactTotalBelow matches: the total of a
// search without facets (its top-k pass stops early), and the corrected query of a "did you
// mean", which must find at least as many articles as the query as typed (beyond the limit,
// both count as many).
#include <catch2/catch.hpp>

#include <chrono>
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

    // With a time limit (as `lupe-search serve` sets one) the matcher may stop at any posting,
    // so its own lower bound says little; the totals must not change.
    lupe::SearchResult search(const std::string& query, std::chrono::milliseconds time_limit = {}) const {
        lupe::SearcherOptions options;
        options.time_limit = time_limit;
        lupe::Searcher searcher((dir_ / "index").string(), options);
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

TEST_CASE("Totals are exact below the exact-total limit, whatever the top-k pass skipped", "[search][total]") {
    const unsigned shards = GENERATE(1u, 2u);
    const auto time_limit = std::chrono::milliseconds(GENERATE(0, 600000));
    INFO(shards << " shard(s), time limit " << time_limit.count() << " ms");
    // 400 about rain, 6 about fog, 2 of those about frost: 406 in all, counted exactly though
    // Xapian stops looking for the top 10 long before.
    for (const char* query : {"Regen Nebel", "Regen Nebel Frost", "Nebel Regen Hagel"}) {
        INFO(query);
        const auto result = weather_index(shards).search(query, time_limit);
        CHECK(result.total == (std::string(query).find("Hagel") != std::string::npos ? 506 : 406));
        CHECK(result.total_exact);
    }
    // The words of 500 articles, found 1 000 times: at or beyond the limit only by their term
    // frequencies, so still counted.
    const auto overlapping = weather_index(shards).search("Regen kam Hagel", time_limit);
    CHECK(overlapping.total == 500);
    CHECK(overlapping.total_exact);
    // Beyond the limit the total is at least the limit, and marked as estimated unless Xapian
    // knows it from its statistics.
    const auto many = weather_index(shards).search("Sturm Regen", time_limit);
    CHECK(many.total >= lupe::SearchRequest::kExactTotalBelow);
    CHECK_FALSE(many.partial);
}
