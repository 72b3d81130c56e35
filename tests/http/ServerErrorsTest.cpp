// The HTTP API's error answers: every status, always JSON {"error":{"code","message"}}.
#include <catch2/catch.hpp>

#include "http/TestServer.h"

using nlohmann::json;
using namespace lupe::test;

namespace {

// The error of a response; CHECKs the status and the JSON shape.
std::string error_code(const httplib::Result& result, int status) {
    REQUIRE(result);
    INFO("body: " << result->body.substr(0, 500));
    CHECK(result->status == status);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    const json body = body_json(result);
    REQUIRE(body.size() == 1);
    const json& error = body.at("error");
    CHECK(error.size() == 2);
    CHECK(error.at("message").is_string());
    return error.at("code").get<std::string>();
}

std::string get_error(const std::string& path, int status) {
    auto client = shared_server().client();
    INFO(path.substr(0, 200));
    return error_code(client.Get(path), status);
}

}  // namespace

TEST_CASE("400 for parameters Lupe cannot use", "[http]") {
    struct Row {
        std::string query;
        std::string code;
    };
    const Row rows[] = {
        {"limit=-1", "invalid_parameter"},
        {"limit=abc", "invalid_parameter"},
        {"limit=1&limit=2", "invalid_parameter"},
        {"offset=-1", "invalid_parameter"},
        {"from=2024-13-01", "invalid_parameter"},
        {"to=gestern", "invalid_parameter"},
        {"facets=colour", "invalid_parameter"},
        {"sort=random", "invalid_parameter"},
        {"recency=bald", "invalid_parameter"},
        {"q=%FF%FE", "invalid_parameter"},
        {"q=Klima&source=%C3", "invalid_parameter"},
        {"q=" + url_encode("date:2024-13-01..x"), "invalid_query"},
    };
    for (const Row& row : rows) {
        INFO(row.query);
        CHECK(get_error("/api/search?" + row.query, 400) == row.code);
    }
    CHECK(get_error("/api/suggest?q=%FF%FE", 400) == "invalid_parameter");
    CHECK(get_error("/api/articles/dpa%3A2024%2Fklima-gesetz/related?limit=-1", 400) == "invalid_parameter");
    CHECK(get_error("/api/articles/%zz", 400) == "invalid_parameter");
}

TEST_CASE("the 400 message names the parameter", "[http]") {
    auto client = shared_server().client();
    const json body = body_json(client.Get("/api/search?limit=abc"));
    CHECK(body.at("error").at("message").get<std::string>().find("limit") != std::string::npos);
}

TEST_CASE("404 for unknown ids and paths, also with .. in them", "[http]") {
    for (const std::string path :
         {"/api/articles/no-such-id", "/api/articles/no-such-id/related", "/api/articles/", "/api/articles/a/b",
          "/api/nope", "/nope.html", "/../etc/passwd", "/web/../index.html", "/%2e%2e/index.html",
          "/%2E%2E/%2e%2e/etc/passwd", "/..%2findex.html", "/index.html/.."}) {
        CHECK(get_error(path, 404) == "not_found");
    }
    CHECK(get_error("/api/articles/" + std::string(3000, 'x'), 404) == "not_found");
    CHECK(get_error("/" + std::string(8000, 'a'), 404) == "not_found");  // long paths: no regex, no crash
}

TEST_CASE("405 with Allow for other methods on known paths; 404 on unknown ones", "[http]") {
    auto client = shared_server().client();
    const auto post = client.Post("/api/search", "q=Klima", "application/x-www-form-urlencoded");
    CHECK(error_code(post, 405) == "method_not_allowed");
    CHECK(post->get_header_value("Allow") == "GET, HEAD, OPTIONS");
    CHECK(error_code(client.Put("/api/articles/tech%2Fchips-dresden", "{}", "application/json"), 405) ==
          "method_not_allowed");
    CHECK(error_code(client.Delete("/api/articles/tech%2Fchips-dresden"), 405) == "method_not_allowed");
    CHECK(error_code(client.Post("/index.html"), 405) == "method_not_allowed");
    CHECK(error_code(client.Post("/api/unknown"), 404) == "not_found");
}

TEST_CASE("413 for an over-long query, whatever its length", "[http]") {
    // 5 000 bytes pass httplib's 8 KiB request-line limit and are refused by Lupe's query
    // limit; 100 000 bytes are refused by httplib (414), rewritten to the same 413.
    for (const std::size_t length : {std::size_t{5000}, std::size_t{100000}}) {
        INFO(length);
        CHECK(get_error("/api/search?q=" + std::string(length, 'a'), 413) == "request_too_large");
    }
    CHECK(get_error("/api/suggest?q=" + std::string(100000, 'a'), 413) == "request_too_large");
}

TEST_CASE("413 for a declared body above the limit; any body closes the connection", "[http]") {
    auto client = shared_server().client();
    client.set_keep_alive(true);
    const auto big = client.Post("/api/search", std::string(100 * 1024, 'x'), "text/plain");
    CHECK(error_code(big, 413) == "request_too_large");
    CHECK(big->get_header_value("Connection") == "close");
    // A smuggled request inside a body must not be answered as a request of its own.
    const auto small = client.Post("/api/search", "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", "text/plain");
    CHECK(error_code(small, 405) == "method_not_allowed");
    CHECK(small->get_header_value("Connection") == "close");
    const auto next = client.Get("/api/search?q=Klima");
    REQUIRE(next);
    CHECK(next->status == 200);
    CHECK(body_json(next).contains("hits"));
}

TEST_CASE("400 in the same JSON shape for requests httplib cannot read", "[http]") {
    auto client = shared_server().client();
    const httplib::Headers huge_header = {{"X-Filler", std::string(10000, 'y')}};
    CHECK(error_code(client.Get("/api/health", huge_header), 400) == "bad_request");
}

TEST_CASE("unexpected failures are 5xx without internals", "[http]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const auto built = run({index_bin(), "add", "--quiet", "--index", folder, http_fixture_path()});
    REQUIRE(built.status == 0);
    TestServer server(folder);
    std::filesystem::remove_all(folder);  // pulled away under the running server
    auto client = server.client();
    const auto result = client.Get("/api/search?q=Klima");
    REQUIRE(result);
    CHECK(result->status >= 500);
    CHECK(result->body.find(folder) == std::string::npos);
    CHECK(result->body.find("Xapian") == std::string::npos);
    server.stop();
    CHECK(server.log().find("lupe-search: GET /api/search") != std::string::npos);
}
