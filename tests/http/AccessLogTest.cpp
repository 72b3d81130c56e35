// AccessLog: the format of one line.
#include <catch2/catch.hpp>

#include "http/AccessLog.h"

using namespace lupe::http;

TEST_CASE("an access line holds time, client, method, target, status, bytes and ms", "[http]") {
    AccessEntry e;
    e.time = std::chrono::system_clock::from_time_t(1728390896);  // 2024-10-08T12:34:56Z
    e.client = "127.0.0.1";
    e.method = "GET";
    e.target = "/api/search?q=klima";
    e.status = 200;
    e.bytes = 1834;
    e.milliseconds = 3.24;
    CHECK(format_access_line(e) == "2024-10-08T12:34:56Z 127.0.0.1 GET /api/search?q=klima 200 1834 3.2ms");
}

TEST_CASE("an access line cuts long targets and defuses control characters", "[http]") {
    AccessEntry e;
    e.time = std::chrono::system_clock::from_time_t(0);
    const std::string target = "/api/search?q=\x1b[31mred\n" + std::string(500, 'a');
    e.target = target;
    e.status = 413;
    const std::string line = format_access_line(e);
    CHECK(line.find('\x1b') == std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find("?[31mred?") != std::string::npos);
    CHECK(line.find("...") != std::string::npos);
    CHECK(line.size() < kMaxTargetBytes + 80);
    CHECK(line.rfind("1970-01-01T00:00:00Z - - ", 0) == 0);
    CHECK(line.substr(line.size() - 8) == " 413 0 -");
}
