// The service around the API: web files, CORS, live index updates, threads, the access log.
#include <catch2/catch.hpp>

#include <atomic>

#include "http/StaticFiles.h"
#include "http/TestServer.h"

using nlohmann::json;
using namespace lupe::test;

TEST_CASE("GET / serves the embedded index.html; other web files by name", "[http]") {
    TestServer server(shared_http_index().folder());
    auto client = server.client();
    const auto root = client.Get("/");
    REQUIRE(root);
    CHECK(root->status == 200);
    CHECK(root->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(root->body == read_file(source_dir() / "searcher/web/index.html"));
    const auto index = client.Get("/index.html");
    REQUIRE(index);
    CHECK(index->body == root->body);

    const std::string etag = root->get_header_value("ETag");
    CHECK_FALSE(etag.empty());
    const auto again = client.Get("/", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    const auto missing = client.Get("/missing.js");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->get_header_value("Content-Type") == "application/json; charset=utf-8");
}

TEST_CASE("CORS headers only with --cors-origin", "[http]") {
    SECTION("off by default") {
        TestServer server(shared_http_index().folder());
        auto client = server.client();
        const auto result = client.Get("/api/health", {{"Origin", "https://example.org"}});
        REQUIRE(result);
        CHECK_FALSE(result->has_header("Access-Control-Allow-Origin"));
        const auto options = client.Options("/api/search");
        REQUIRE(options);
        CHECK(options->status == 204);
        CHECK(options->get_header_value("Allow") == "GET, HEAD, OPTIONS");
        CHECK_FALSE(options->has_header("Access-Control-Allow-Methods"));
    }
    SECTION("configured: on answers, errors and the preflight") {
        TestServer server(shared_http_index().folder(), {"https://news.example.org", 2});
        auto client = server.client();
        for (const char* path : {"/api/health", "/api/search?limit=-1", "/nope"}) {
            INFO(path);
            const auto result = client.Get(path, {{"Origin", "https://news.example.org"}});
            REQUIRE(result);
            CHECK(result->get_header_value("Access-Control-Allow-Origin") == "https://news.example.org");
        }
        const auto preflight = client.Options("/api/search", {{"Origin", "https://news.example.org"},
                                                              {"Access-Control-Request-Method", "GET"}});
        REQUIRE(preflight);
        CHECK(preflight->status == 204);
        CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "https://news.example.org");
        CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS");
        CHECK_FALSE(preflight->get_header_value("Access-Control-Allow-Headers").empty());
        const auto unknown = client.Options("/nope");
        REQUIRE(unknown);
        CHECK(unknown->status == 404);
    }
}

TEST_CASE("articles added by lupe-index while the server runs appear in the next request", "[http]") {
    HttpIndex index;
    TestServer server(index.folder(), {"", 2});
    auto client = server.client();
    const json before = body_json(client.Get("/api/search?q=Zeppelin"));
    CHECK(before.at("total") == 0);
    const int revision = body_json(client.Get("/api/health")).at("revision");

    index.add_jsonl(R"({"id": "live/zeppelin-1", "title": "Zeppelin landet in Friedrichshafen", "body": "Der Zeppelin landete am Abend sicher.", "source": "Seekurier", "date": "2025-01-02"})"
                    "\n");

    for (int i = 0; i < 4; ++i) {  // every worker thread sees it, not only the first one asked
        const json after = body_json(client.Get("/api/search?q=Zeppelin"));
        REQUIRE(after.at("total") == 1);
        CHECK(after.at("hits").at(0).at("id") == "live/zeppelin-1");
    }
    const json health = body_json(client.Get("/api/health"));
    CHECK(health.at("documents") == 6);
    CHECK(health.at("revision").get<int>() > revision);
    CHECK(body_json(client.Get("/api/articles/live%2Fzeppelin-1")).at("source") == "Seekurier");
}

TEST_CASE("parallel clients are served by several workers", "[http]") {
    TestServer server(shared_http_index().folder(), {"", 4});
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 6; ++t) {
        clients.emplace_back([&, t] {
            auto client = server.client();
            client.set_keep_alive(t % 2 == 0);
            for (int i = 0; i < 15; ++i) {
                const char* paths[] = {"/api/search?q=Klima&facets=source", "/api/suggest?q=Bund",
                                       "/api/articles/tech%2Fchips-dresden/related", "/api/health", "/"};
                const auto result = client.Get(paths[(t + i) % 5]);
                if (result && result->status == 200) ++ok;
            }
        });
    }
    for (auto& c : clients) c.join();
    CHECK(ok == 6 * 15);
}

TEST_CASE("one access-log line per request", "[http]") {
    TestServer server(shared_http_index().folder(), {"", 2});
    auto client = server.client();
    REQUIRE(client.Get("/api/search?q=Klima"));
    REQUIRE(client.Get("/api/nope"));
    REQUIRE(client.Get("/api/search?q=" + std::string(100000, 'a')));
    server.stop();
    const std::string log = server.log();
    INFO(log.substr(0, 2000));
    CHECK(log.find(" 127.0.0.1 GET /api/search?q=Klima 200 ") != std::string::npos);
    CHECK(log.find(" 127.0.0.1 GET /api/nope 404 ") != std::string::npos);
    CHECK(log.find(" 413 ") != std::string::npos);
    CHECK(std::count(log.begin(), log.end(), '\n') == 3);
}

TEST_CASE("stop() ends run() even right after bind()", "[http]") {
    for (int i = 0; i < 3; ++i) {
        TestServer server(shared_http_index().folder(), {"", 1});
        server.stop();
    }
    lupe::http::ServerOptions o;
    o.index = shared_http_index().folder();
    o.port = 0;
    lupe::http::Server never_run(o);
    never_run.bind();
    never_run.stop();  // no run(): returns at once
}
