#pragma once
// Server: Lupe's HTTP service (`lupe-search serve`): an HTTP/1.1 transport (a listening
// socket, the HeadWaiter, a pool of worker threads; the bytes in Wire.h) around the Router,
// with the limits below.
//
// Contract:
//  - the constructor opens the index once to check it (IndexError when it cannot);
//  - bind() listens on host:port (port 0: any free port) and returns the port, or throws
//    ServerError; run() serves until stop(), then returns once the workers have finished;
//  - stop() may be called from any thread, before or during run();
//  - every response, including those to unreadable requests, is JSON {"error":{...}} for 4xx/5xx
//    (ErrorMapping.h); with a CORS origin, every response carries
//    Access-Control-Allow-Origin;
//  - a request that carries a body is answered without reading it, and its connection is
//    closed (no endpoint takes a body; nothing of it can be read as a next request);
//  - HTTP/1.1 connections are kept alive unless the client says "Connection: close" (1.0 ones
//    only with "Connection: keep-alive"), for at most keep_alive_max_requests requests;
//    pipelined requests are answered in order;
//  - workers only answer complete requests: connections wait for their request head on one
//    thread (HeadWaiter.h), so slow, stalled or idle clients hold no worker; a head not
//    complete within head_timeout (or no first byte within read_timeout, or no next request
//    within keep_alive_timeout) closes the connection.

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
    std::chrono::seconds read_timeout{5};        // a new connection's first byte; each read
    std::chrono::seconds write_timeout{5};       // per write of a response
    std::chrono::seconds head_timeout{10};       // the whole request head, from its first byte
    std::chrono::seconds keep_alive_timeout{2};  // idle connection kept this long
    std::size_t keep_alive_max_requests = 100;   // then the connection is closed
    std::size_t max_body_bytes = 64 * 1024;      // declared larger: 413 (bodies are never read)
    std::size_t max_head_bytes = 32 * 1024;      // request line and headers together; more: 413
    std::size_t max_line_bytes = 8 * 1024;       // request line (more: 413) and each header line (400)
    std::size_t max_headers = 100;               // header fields; more: 413
    std::size_t max_waiting_connections = 1024;  // open connections without a request; more: closed
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

// One per core, but at least 8: searches wait on disk reads, so a few more threads than
// cores keep the cores busy.
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
