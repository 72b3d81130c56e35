// RequestDecoder: URL parameters and paths -> SearchRequest, table-driven.
#include <catch2/catch.hpp>

#include <limits>

#include "http/RequestDecoder.h"
#include "search/QueryBuilder.h"

using lupe::Facet;
using lupe::InvalidRequest;
using lupe::SortOrder;
using namespace lupe::http;

TEST_CASE("decode_search maps every parameter onto the SearchRequest", "[http]") {
    const Params params = {{"q", "Klima Gesetz"}, {"source", "Nordkurier"}, {"source", "Techblatt"},
                           {"topic", "Politik"},   {"from", "2024"},         {"to", "2024-06"},
                           {"sort", "date"},       {"facets", "source,month"}, {"limit", "25"},
                           {"offset", "50"},       {"recency", "30.5"},      {"collapse", "1"}};
    const auto r = decode_search(params);
    CHECK(r.query == "Klima Gesetz");
    CHECK(r.sources == std::vector<std::string>{"Nordkurier", "Techblatt"});
    CHECK(r.topics == std::vector<std::string>{"Politik"});
    REQUIRE(r.from);
    CHECK(r.from->iso() == "2024-01-01");
    REQUIRE(r.to);
    CHECK(r.to->iso() == "2024-06-30");
    CHECK(r.sort == SortOrder::Date);
    CHECK(r.facets == std::vector<Facet>{Facet::Source, Facet::Month});
    CHECK(r.limit == 25);
    CHECK(r.offset == 50);
    REQUIRE(r.recency_half_life_days);
    CHECK(*r.recency_half_life_days == 30.5);
    CHECK(r.collapse);
}

TEST_CASE("decode_search: collapse is off unless asked for", "[http]") {
    CHECK_FALSE(decode_search({}).collapse);
    CHECK_FALSE(decode_search({{"collapse", ""}}).collapse);
    CHECK_FALSE(decode_search({{"collapse", "0"}}).collapse);
    CHECK_FALSE(decode_search({{"collapse", "false"}}).collapse);
    CHECK(decode_search({{"collapse", "true"}}).collapse);
}

TEST_CASE("decode_search: defaults, empty values, unknown parameters and the limit cap", "[http]") {
    struct Row {
        Params params;
        std::size_t limit;
        std::size_t offset;
        std::size_t sources;
    };
    const Row rows[] = {
        {{}, 10, 0, 0},
        {{{"q", ""}, {"limit", ""}, {"offset", ""}, {"from", ""}, {"sort", ""}, {"facets", ""}}, 10, 0, 0},
        {{{"colour", "blue"}, {"callback", "x"}, {"limit", "7"}}, 7, 0, 0},
        {{{"limit", "100000"}}, 100, 0, 0},
        {{{"limit", "99999999999999999999999999"}}, 100, 0, 0},
        {{{"limit", "0"}}, 0, 0, 0},
        {{{"limit", "007"}}, 7, 0, 0},
        {{{"source", ""}, {"source", "A"}, {"source", ""}}, 10, 0, 1},
    };
    for (const Row& row : rows) {
        const auto r = decode_search(row.params);
        CHECK(r.limit == row.limit);
        CHECK(r.offset == row.offset);
        CHECK(r.sources.size() == row.sources);
        CHECK(r.sort == SortOrder::Relevance);
        CHECK_FALSE(r.from);
    }
}

TEST_CASE("decode_search rejects unusable parameters naming them", "[http]") {
    struct Row {
        Params params;
        std::string field;
    };
    const Row rows[] = {
        {{{"limit", "-1"}}, "limit"},
        {{{"limit", "abc"}}, "limit"},
        {{{"limit", "1.5"}}, "limit"},
        {{{"limit", " 5"}}, "limit"},
        {{{"limit", "5"}, {"limit", "6"}}, "limit"},
        {{{"offset", "-5"}}, "offset"},
        {{{"offset", "100001"}}, "offset"},
        {{{"from", "2024-13"}}, "from"},
        {{{"to", "yesterday"}}, "to"},
        {{{"from", "2024-06"}, {"to", "2024-01"}}, "to"},
        {{{"facets", "colour"}}, "facets"},
        {{{"sort", "random"}}, "sort"},
        {{{"recency", "soon"}}, "recency"},
        {{{"recency", "-3"}}, "recency"},
        {{{"recency", "nan"}}, "recency"},
        {{{"collapse", "yes"}}, "collapse"},
        {{{"collapse", "1"}, {"collapse", "0"}}, "collapse"},
        {{{"q", "\xFF\xFE"}}, "q"},
        {{{"q", "a"}, {"q", "b"}}, "q"},
        {{{"source", "ok"}, {"source", "\xC3"}}, "source"},
        {{{"topic", "\xED\xA0\x80"}}, "topic"},  // an encoded surrogate
    };
    for (const Row& row : rows) {
        INFO("expected field " << row.field);
        try {
            decode_search(row.params);
            FAIL("no InvalidRequest");
        } catch (const InvalidRequest& e) {
            CHECK(e.field() == row.field);
        }
    }
}

TEST_CASE("decode_search: too many filter values are an InvalidRequest", "[http]") {
    Params params;
    for (int i = 0; i <= 50; ++i) params.emplace("source", "s" + std::to_string(i));
    CHECK_THROWS_AS(decode_search(params), InvalidRequest);
}

TEST_CASE("an over-long q is RequestTooLarge, for search and suggest alike", "[http]") {
    const std::string longest(lupe::SearchRequest::kMaxQueryBytes, 'a');
    CHECK(decode_search({{"q", longest}}).query.size() == longest.size());
    CHECK(decode_suggest({{"q", longest}}) == longest);
    CHECK_THROWS_AS(decode_search({{"q", longest + "a"}}), RequestTooLarge);
    CHECK_THROWS_AS(decode_suggest({{"q", std::string(100000, 'x')}}), RequestTooLarge);
    CHECK_THROWS_AS(decode_suggest({{"q", "\xFF"}}), InvalidRequest);
}

TEST_CASE("decode_related_limit: default, cap and errors", "[http]") {
    CHECK(decode_related_limit({}) == 10);
    CHECK(decode_related_limit({{"limit", "3"}}) == 3);
    CHECK(decode_related_limit({{"limit", "1000"}}) == 100);
    CHECK_THROWS_AS(decode_related_limit({{"limit", "-1"}}), InvalidRequest);
}

TEST_CASE("parse_count accepts decimal digits only and saturates", "[http]") {
    CHECK(parse_count("0", "n") == 0);
    CHECK(parse_count("42", "n") == 42);
    CHECK(parse_count("184467440737095516150", "n") == std::numeric_limits<std::size_t>::max());
    for (const char* bad : {"", "-0", "+1", "1e3", "0x10", "12 ", "٣"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_count(bad, "n"), InvalidRequest);
    }
}

TEST_CASE("decode_article_path splits raw article paths and decodes the id", "[http]") {
    struct Row {
        std::string raw;
        std::optional<ArticlePath> expected;
    };
    const Row rows[] = {
        {"/api/articles/abc", ArticlePath{"abc", ArticleView::Article}},
        {"/api/articles/abc/related", ArticlePath{"abc", ArticleView::Related}},
        {"/api/articles/dpa%3A2024%2Fklima", ArticlePath{"dpa:2024/klima", ArticleView::Article}},
        {"/api/articles/dpa:2024%2Fklima/related", ArticlePath{"dpa:2024/klima", ArticleView::Related}},
        {"/api/articles/related", ArticlePath{"related", ArticleView::Article}},
        {"/api/articles/a%2Frelated", ArticlePath{"a/related", ArticleView::Article}},
        {"/api/articles/a+b", ArticlePath{"a+b", ArticleView::Article}},
        {"/api/articles/abc/similar", ArticlePath{"abc", ArticleView::Similar}},
        {"/api/articles/similar", ArticlePath{"similar", ArticleView::Article}},
        {"/api/articles/a%2Fsimilar", ArticlePath{"a/similar", ArticleView::Article}},
        {"/api/articles/a/similar/related", std::nullopt},
        {"/api/articles/a/related/similar", std::nullopt},
        {"/api/articles/Stra%C3%9Fe", ArticlePath{"Straße", ArticleView::Article}},
        {"/api/articles/", std::nullopt},
        {"/api/articles//related", std::nullopt},
        {"/api/articles/a/b", std::nullopt},
        {"/api/articles/a/related/x", std::nullopt},
        {"/api/article/a", std::nullopt},
        {"/api/search", std::nullopt},
    };
    for (const Row& row : rows) {
        INFO(row.raw);
        CHECK(decode_article_path(row.raw) == row.expected);
    }
}

TEST_CASE("decode_article_path rejects malformed escapes and ids that are not UTF-8", "[http]") {
    for (const char* raw : {"/api/articles/%", "/api/articles/a%2", "/api/articles/%zz", "/api/articles/%FF%FE"}) {
        INFO(raw);
        CHECK_THROWS_AS(decode_article_path(raw), InvalidRequest);
    }
}

TEST_CASE("percent_decode decodes %XX and keeps everything else", "[http]") {
    CHECK(percent_decode("a%20b+c", "x") == "a b+c");
    CHECK(percent_decode("%2e%2E", "x") == "..");
    CHECK(percent_decode("", "x").empty());
    CHECK(percent_decode("%00", "x") == std::string(1, '\0'));
}
