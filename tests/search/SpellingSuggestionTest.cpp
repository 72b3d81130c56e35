// When Searcher offers its "did you mean": the corrected query must find at least as many
// articles as the query as typed, counted exactly up to SearchRequest::kExactTotalBelow
// matches; beyond that, both count as many.
#include <catch2/catch.hpp>

#include <string>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

namespace {

// 1 300 articles about a storm: 100 of them also about hail, 400 also about rain; and six
// about fog, two of them also about frost.
const lupe::test::FixtureIndex& weather_index() {
    static const lupe::test::TempDir dir;
    static const lupe::test::FixtureIndex index([] {
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
        const auto path = dir / "weather.jsonl";
        lupe::test::write_file(path, jsonl);
        return path;
    }());
    return index;
}

lupe::SearchResult search(const std::string& query) {
    lupe::Searcher searcher(weather_index().folder());
    lupe::SearchRequest request;
    request.query = query;
    request.limit = 10;
    return searcher.search(request);
}

}  // namespace

TEST_CASE("A correction is offered when it finds at least as many articles", "[search][suggestion]") {
    const auto more = search("Nebel Frots");  // Frost: still all six
    CHECK(more.total == 6);
    REQUIRE(more.suggestion.has_value());
    CHECK(*more.suggestion == "Nebel Frost");

    const auto fewer = search("Nebel -Frots");  // typed: six; corrected: the four without frost
    CHECK(fewer.total == 6);
    CHECK_FALSE(fewer.suggestion.has_value());
}

TEST_CASE("Beyond the exact-total limit a correction needs only that many articles", "[search][suggestion]") {
    // 1 300 as typed. Without hail 1 200 remain: more than the limit, so as many.
    const auto hail = search("Sturm -Hagle");
    CHECK(hail.total >= lupe::SearchRequest::kExactTotalBelow);
    REQUIRE(hail.suggestion.has_value());
    CHECK(*hail.suggestion == "Sturm -Hagel");
    // Without rain only 900 remain: fewer.
    const auto rain = search("Sturm -Regne");
    CHECK_FALSE(rain.suggestion.has_value());
}
