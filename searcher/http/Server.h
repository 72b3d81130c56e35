#pragma once
// Server: Lupe's HTTP service (`lupe-search serve`): cpp-httplib's HTTP/1.1 server and thread
// pool around the Router, with the transport limits below. httplib stays inside Server.cpp.
//
// Contract:
//  - the constructor opens the index once to check it (IndexError when it cannot);
//  - bind() listens on host:port (port 0: any free port) and returns the port, or throws
//    ServerError; run() serves until stop(), then returns once the workers have finished;
//  - stop() may be called from any thread, before or during run();
//  - every response, including httplib's own errors, is JSON {"error":{...}} for 4xx/5xx
//    (ErrorMapping.h); with a CORS origin, every response carries
//    Access-Control-Allow-Origin;
//  - a request that carries a body is answered without reading it, and its connection is
//    closed (no endpoint takes a body; nothing of it can be read as a next request).

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "http/AccessLog.h"
#include "search/Searcher.h"

namespace lupe::http {

class ServerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ServerLimits {
    std::chrono::seconds read_timeout{5};        // per read of a request
    std::chrono::seconds write_timeout{5};       // per write of a response
    std::chrono::seconds keep_alive_timeout{2};  // idle connection kept this long
    std::size_t keep_alive_max_requests = 100;   // then the connection is closed
    std::size_t max_body_bytes = 64 * 1024;      // declared larger: 413 (bodies are never read)
    // Fixed in Debian's libcpp-httplib build: request line (method, target, version) and each
    // header line at most 8 KiB (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH, ..._HEADER_MAX_LENGTH).
};

struct ServerOptions {
    std::string index;
    std::string host = "127.0.0.1";
    int port = 8080;     // 0: any free port
    unsigned threads = 0;  // 0: default_threads()
    std::string cors_origin;  // empty: no CORS
    SearcherOptions searcher;  // every worker's Searcher (e.g. synonyms, shared read-only)
    std::ostream* log = nullptr;  // access log and 5xx details; nullptr: none
    LogOptions log_options;       // text or JSON lines; with or without access lines
    ServerLimits limits;
};

// One per core, but at least 8: an httplib worker stays with its connection while the
// connection is open (keep-alive, browser pre-connects), so fewer would stall a browser.
unsigned default_threads();

// "http://HOST:PORT/" (IPv6 hosts in brackets).
std::string server_url(const std::string& host, int port);

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int bind();
    void run();
    void stop();
    // A line in the server's log (its format; never torn by a request's line).
    void log(LogLevel level, const std::string& text, const nlohmann::ordered_json& fields = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lupe::http
