// The service's log as JSON lines (`lupe-search serve --log-format json`) and --quiet.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/AccessLog.h"
#include "http/TestServer.h"

using namespace lupe::http;
using lupe::test::shared_http_index;
using lupe::test::TestServer;
using nlohmann::json;

namespace {

// Every line of `log`, each REQUIRE-d to be one JSON object with time, level and msg.
std::vector<json> json_lines(const std::string& log) {
    std::vector<json> out;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
        INFO(line);
        const json j = json::parse(line, nullptr, false);
        REQUIRE(j.is_object());
        REQUIRE(j.at("time").is_string());
        CHECK(j.at("time").get<std::string>().size() == 24);  // 2024-10-08T12:34:56.120Z
        CHECK((j.at("level") == "info" || j.at("level") == "error"));
        REQUIRE(j.at("msg").is_string());
        out.push_back(j);
    }
    return out;
}

}  // namespace

TEST_CASE("a JSON access line holds time, level, msg, method, path, query, status, bytes and duration", "[http][log]") {
    AccessEntry e;
    e.time = std::chrono::system_clock::from_time_t(1728390896) + std::chrono::milliseconds(120);
    e.client = "127.0.0.1";
    e.method = "GET";
    e.target = "/api/search?q=klima";
    e.status = 200;
    e.bytes = 1834;
    e.milliseconds = 3.24;
    CHECK(format_access_json(e) ==
          R"({"time":"2024-10-08T12:34:56.120Z","level":"info","msg":"request","client":"127.0.0.1",)"
          R"("method":"GET","path":"/api/search","query":"q=klima","status":200,"bytes":1834,"duration_ms":3.24})");

    e.target = "/api/health";
    e.status = 503;
    e.milliseconds.reset();
    const json j = json::parse(format_access_json(e));
    CHECK(j.at("level") == "error");
    CHECK_FALSE(j.contains("query"));
    CHECK_FALSE(j.contains("duration_ms"));
}

TEST_CASE("a JSON log line stays one valid line whatever the request held", "[http][log]") {
    AccessEntry e;
    e.time = std::chrono::system_clock::from_time_t(0);
    const std::string target = "/api/search?q=\"quote\"\n\x1b[31m\\\xff\xfe" + std::string(500, 'a');
    e.target = target;
    e.method = "G\"ET";
    e.status = 413;
    const std::string line = format_access_json(e);
    CHECK(line.find('\n') == std::string::npos);
    const json j = json::parse(line);  // invalid UTF-8 replaced, quotes escaped
    CHECK(j.at("method") == "G\"ET");
    CHECK(j.at("query").get<std::string>().size() < kMaxTargetBytes + 10);
    CHECK(j.at("time") == "1970-01-01T00:00:00.000Z");

    const json message = json::parse(format_message_json(e.time, LogLevel::Error, "line\nbreak", {{"url", "x"}}));
    CHECK(message.at("msg") == "line\nbreak");
    CHECK(message.at("url") == "x");
    CHECK(message.at("level") == "error");
}

TEST_CASE("the server logs one JSON object per request", "[http][log]") {
    TestServer server(shared_http_index().folder(), {"", 2}, {}, {LogFormat::Json, false});
    auto client = server.client();
    REQUIRE(client.Get("/api/search?q=Klima"));
    REQUIRE(client.Get("/api/nope"));
    server.stop();
    INFO(server.log());
    std::vector<json> lines = json_lines(server.log());
    REQUIRE(lines.size() == 2);
    // Each line is written once its answer is sent: two connections may log in either order.
    std::sort(lines.begin(), lines.end(), [](const json& a, const json& b) { return a.at("path") > b.at("path"); });
    CHECK(lines[0].at("msg") == "request");
    CHECK(lines[0].at("method") == "GET");
    CHECK(lines[0].at("path") == "/api/search");
    CHECK(lines[0].at("query") == "q=Klima");
    CHECK(lines[0].at("status") == 200);
    CHECK(lines[0].at("duration_ms").get<double>() >= 0);
    CHECK(lines[1].at("path") == "/api/nope");
    CHECK(lines[1].at("status") == 404);
    CHECK_FALSE(lines[1].contains("query"));
}

TEST_CASE("a quiet server logs no requests", "[http][log]") {
    TestServer server(shared_http_index().folder(), {"", 2}, {}, {LogFormat::Text, true});
    auto client = server.client();
    REQUIRE(client.Get("/api/search?q=Klima"));
    REQUIRE(client.Get("/api/nope"));
    server.stop();
    CHECK(server.log().empty());
}
