// Wire: request heads in, responses out; table-driven, no sockets.
#include <catch2/catch.hpp>

#include <string>

#include "http/Wire.h"

using namespace lupe::http;

namespace {

std::string crlf(const std::string& lines) {  // "\n" -> "\r\n": readable heads in the tables
    std::string out;
    for (const char c : lines) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
}

}  // namespace

TEST_CASE("read_head reads method, target, fields and the head's size", "[http]") {
    const std::string head = crlf("GET /api/search?q=Klima HTTP/1.1\nHost: x\nIf-None-Match: \"abc\"\n\n");
    const RequestHead r = read_head(head + "GET /next HTTP/1.1\r\n\r\n", WireLimits{});
    REQUIRE(r.error == 0);
    CHECK(r.size == head.size());
    CHECK(r.method == "GET");
    CHECK(r.target == "/api/search?q=Klima");
    CHECK(r.keep_alive);
    CHECK_FALSE(r.has_body);
    CHECK(r.headers.size() == 2);
    CHECK(r.header("if-none-match") == "\"abc\"");
    CHECK(r.header("HOST") == "x");
    CHECK(r.header("Accept").empty());
}

TEST_CASE("read_head: keep-alive by version and Connection; bodies by length or encoding", "[http]") {
    struct Row {
        std::string head;
        bool keep_alive;
        bool has_body;
    };
    const Row rows[] = {
        {"GET / HTTP/1.1\n\n", true, false},
        {"GET / HTTP/1.1\nConnection: close\n\n", false, false},
        {"GET / HTTP/1.0\n\n", false, false},
        {"GET / HTTP/1.0\nConnection: keep-alive\n\n", true, false},
        {"POST / HTTP/1.1\nContent-Length: 5\n\n", true, true},
        {"POST / HTTP/1.1\nContent-Length: 0\n\n", true, false},
        {"POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n", true, true},
    };
    for (const Row& row : rows) {
        CAPTURE(row.head);
        const RequestHead r = read_head(crlf(row.head), WireLimits{});
        REQUIRE(r.error == 0);
        CHECK(r.keep_alive == row.keep_alive);
        CHECK(r.has_body == row.has_body);
    }
}

TEST_CASE("read_head names the status for heads it cannot take", "[http]") {
    WireLimits limits;
    limits.max_head_bytes = 2000;
    limits.max_line_bytes = 500;
    limits.max_headers = 3;
    struct Row {
        std::string head;
        int error;
    };
    const Row rows[] = {
        {crlf("GET /" + std::string(600, 'a') + " HTTP/1.1\n\n"), 414},           // request line
        {"GET /" + std::string(2100, 'a'), 414},                                   // ... never ending
        {crlf("GET / HTTP/1.1\nX: " + std::string(600, 'y') + "\n\n"), 400},       // a header line
        {crlf("GET / HTTP/1.1\nA: 1\nB: 2\nC: 3\nD: 4\n\n"), 413},                  // fields
        {crlf("GET / HTTP/1.1\n" + std::string(5, 'h').append(": ") + std::string(400, 'v') + "\n" +
              "B: " + std::string(400, 'v') + "\nC: " + std::string(400, 'v') + "\n" + "D: " +
              std::string(400, 'v') + "\nE: " + std::string(400, 'v') + "\n\n"),
         413},                                                                      // the whole head
        {[] {
             std::string head = crlf("GET / HTTP/1.1\n");
             while (head.size() < 2000) head += crlf("X-Filler: " + std::string(90, 'z') + "\n");
             return head;
         }(),
         413},  // no end within the head limit
        {crlf("GET / HTTP/1.1\nHost: x\n"), 400},                                    // no end
        {"GET / HTTP/1.1\nHost: x\n\n", 400},                                        // bare LF
        {crlf("GET / HTTP/2.0\n\n"), 400},
        {crlf("GET / HTTP/1.2\n\n"), 400},
        {crlf("G(T / HTTP/1.1\n\n"), 400},
        {crlf("GET /a b HTTP/1.1\n\n"), 400},
        {crlf("GET / HTTP/1.1\nBad Name: x\n\n"), 400},
        {crlf("GET / HTTP/1.1\nContent-Length: abc\n\n"), 400},
        {crlf("GET / HTTP/1.1\nContent-Length: 1\nContent-Length: 2\n\n"), 400},
        {crlf("\nGET / HTTP/1.1\n\n"), 400},
    };
    for (const Row& row : rows) {
        CAPTURE(row.head.substr(0, 80));
        CHECK(read_head(row.head, limits).error == row.error);
    }
    CHECK(read_head(crlf("GET / HTTP/1.1\nA: 1\nB: 2\nC: 3\n\n"), limits).error == 0);  // at the limits
    CHECK(read_head(crlf("GET /" + std::string(480, 'a') + " HTTP/1.1\n\n"), limits).error == 0);
}

TEST_CASE("split_target decodes the path and the parameters as browsers encode them", "[http]") {
    const Target t = split_target("/api/articles/dpa%3A1%2Fx+y?q=Klima+Gesetz%21&source=A&source=B&x&=5&e=a=b&&");
    CHECK(t.path == "/api/articles/dpa:1/x+y");  // '+' in a path is a plus
    CHECK(t.params == Params{{"q", "Klima Gesetz!"}, {"source", "A"}, {"source", "B"}, {"x", ""}, {"e", "a=b"}});

    CHECK(split_target("/").path == "/");
    CHECK(split_target("/").params.empty());
    CHECK(split_target("/?").params.empty());
    CHECK(split_target("/p%zz%4?q=%G1%").path == "/p%zz%4");  // malformed escapes stay as written
    CHECK(split_target("/p%zz%4?q=%G1%").params == Params{{"q", "%G1%"}});
    CHECK(split_target("/?q=%C3%BC%20").params == Params{{"q", "\xC3\xBC "}});
    CHECK(split_target("/?q%5B%5D=1").params == Params{{"q[]", "1"}});
}

TEST_CASE("write_response: status line, headers, length, connection, body", "[http]") {
    Reply reply{200, "{\"a\":1}", "application/json", {{"ETag", "\"e\""}}};
    const HeaderFields extra{{"X-Content-Type-Options", "nosniff"}};
    CHECK(write_response(reply, extra, false, true) ==
          "HTTP/1.1 200 OK\r\nX-Content-Type-Options: nosniff\r\nETag: \"e\"\r\n"
          "Content-Type: application/json\r\nContent-Length: 7\r\nConnection: keep-alive\r\n\r\n{\"a\":1}");
    // HEAD: the same head, no body.
    CHECK(write_response(reply, {}, true, false) ==
          "HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
          "Connection: close\r\n\r\n");

    const Reply not_modified{304, "", "application/json", {}};
    CHECK(write_response(not_modified, {}, false, true) == "HTTP/1.1 304 Not Modified\r\nConnection: keep-alive\r\n\r\n");
    const Reply no_content{204, "", "", {{"Allow", "GET"}}};
    CHECK(write_response(no_content, {}, false, true) ==
          "HTTP/1.1 204 No Content\r\nAllow: GET\r\nConnection: keep-alive\r\n\r\n");
    const Reply too_large{413, "{}", "application/json", {}};
    CHECK(write_response(too_large, {}, false, false).rfind("HTTP/1.1 413 Payload Too Large\r\n", 0) == 0);
}
