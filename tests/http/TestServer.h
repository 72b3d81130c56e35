#pragma once
// Helpers for the HTTP tests: a temporary index of tests/data/http/articles.jsonl and the
// server running in-process on a free loopback port, with httplib's client to talk to it.

#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/Server.h"
#include "support/TestSupport.h"

namespace lupe::test {

std::string http_fixture_path();  // tests/data/http/articles.jsonl

// A fresh index of the HTTP fixture (built with the lupe-index program).
class HttpIndex {
public:
    HttpIndex();
    std::string folder() const { return (dir_ / "index").string(); }
    // `lupe-index add --index FOLDER -` with these JSONL lines on stdin; REQUIREs success.
    void add_jsonl(const std::string& lines) const;

private:
    TempDir dir_;
};

// The HTTP fixture index built once per test process (read-only tests share it).
const HttpIndex& shared_http_index();

struct TestServerOptions {
    std::string cors_origin;
    unsigned threads = 4;
    http::ServerLimits limits = {};
};

// lupe::http::Server on 127.0.0.1, any free port, served from its own thread.
class TestServer {
public:
    explicit TestServer(const std::string& index_folder, TestServerOptions options = {},
                        SearcherOptions searcher = {},  // every worker's Searcher (e.g. synonyms)
                        http::LogOptions log = {});     // text or JSON lines; quiet
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    int port() const { return port_; }
    httplib::Client client() const;
    void stop();                 // idempotent; the log is complete afterwards
    std::string log() const;     // access log and error details written so far (after stop())

private:
    std::ostringstream log_;
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
    int port_ = 0;
};

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(const std::string& text);

// Parses a response body; REQUIREs it to be JSON.
nlohmann::json body_json(const httplib::Result& result);

// `lupe-search ARGS...`; REQUIREs exit status 0 and returns the parsed stdout.
nlohmann::json search_cli_json(const std::vector<std::string>& args);

// A search result without its timing (the only field that differs between two runs).
nlohmann::json without_timing(nlohmann::json result);

// A server over shared_http_index(), started on first use and kept for the test program.
const TestServer& shared_server();

}  // namespace lupe::test
