// lupe-search serve: the HTTP service (API and web page) on one index.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <thread>

#include <CLI/CLI.hpp>

#include "Commands.h"
#include "cli/CommandLine.h"
#include "http/Server.h"

namespace lupe::searcher {
namespace {

// "*" or a bare origin: http(s)://host[:port], nothing that could break a header line.
std::string check_origin(const std::string& origin) {
    if (origin == "*") return {};
    const bool scheme = origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0;
    const std::string rest = origin.substr(origin.find("://") + 3);
    const bool clean = !rest.empty() && rest.find_first_of("/?# \t\r\n\"") == std::string::npos;
    return scheme && clean ? "" : "expected * or an origin like https://example.org:8443";
}

// SIGINT and SIGTERM are blocked in every thread and taken by this waiter, which stops the
// server; it gives up once `done` is set (the server stopped for another reason).
void wait_for_signal(const sigset_t& signals, const std::atomic<bool>& done, http::Server& server) {
    const timespec tick{0, 100 * 1000 * 1000};
    while (!done) {
        const int signal = ::sigtimedwait(&signals, nullptr, &tick);
        if (signal == SIGINT || signal == SIGTERM) {
            server.log(http::LogLevel::Info, "lupe-search: stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
            server.stop();
            return;
        }
    }
}

int serve(const ServeOptions& options);  // below run_serve, the edge of the JSON log

}  // namespace

void setup_serve(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the search API and web page over HTTP");
    cli::add_index_option(*cmd, o->index);
    cmd->add_option("--host", o->host, "Address to listen on (0.0.0.0: every interface)")
        ->capture_default_str();
    cmd->add_option("-p,--port", o->port, "Port (0: any free port)")->check(CLI::Range(0, 65535))
        ->capture_default_str();
    cli::add_threads_option(*cmd, o->threads);
    cmd->get_option("--threads")->description("Worker threads answering requests (0: one per core, at least 8)");
    cmd->add_option("--cors-origin", o->cors_origin, "Allow browser pages from ORIGIN (or *) to call the API")
        ->type_name("ORIGIN")
        ->check(CLI::Validator(check_origin, "ORIGIN", "origin"));
    cli::add_synonym_options(*cmd, o->synonyms);
    cli::add_shard_options(*cmd, o->shards);
    cli::add_time_limit_option(*cmd, o->time_limit_ms);
    cmd->add_option("--log-format", o->log_format, "Log lines on stderr: text or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->add_flag("-q,--quiet", o->quiet, "Log only errors (no access lines)");
    cli::add_environment_names(*cmd);  // LUPE_PORT, LUPE_INDEX ...
    cmd->callback([o, &exit_code] { exit_code = run_serve(*o); });
}

int run_serve(const ServeOptions& options) {
    if (options.log_format != "json") return serve(options);
    try {
        return serve(options);
    } catch (const std::exception& e) {  // cannot listen, no index ...: as the log's other lines
        http::LogSink(&std::cerr, {http::LogFormat::Json, false})
            .message(http::LogLevel::Error, std::string("lupe-search: ") + e.what());
        return cli::kFailure;
    }
}

namespace {

int serve(const ServeOptions& options) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: all inherit it
    ::signal(SIGPIPE, SIG_IGN);                       // a client that hangs up must not kill us

    http::ServerOptions server_options;
    server_options.index = options.index;
    server_options.host = options.host;
    server_options.port = options.port;
    server_options.threads = options.threads;
    server_options.cors_origin = options.cors_origin;
    server_options.searcher = cli::searcher_options(options.synonyms, options.shards);  // read once, shared read-only
    server_options.searcher.time_limit = std::chrono::milliseconds(options.time_limit_ms);
    server_options.log = &std::cerr;
    server_options.log_options.format = options.log_format == "json" ? http::LogFormat::Json : http::LogFormat::Text;
    server_options.log_options.quiet = options.quiet;
    http::Server server(std::move(server_options));
    const int port = server.bind();

    const std::string url = http::server_url(options.host, port);
    std::cout << "Lupe sucht auf " << url << std::endl;  // data: the address (with --port 0, the port)
    server.log(http::LogLevel::Info, "lupe-search: listening on " + url, {{"url", url}});
    std::atomic<bool> done{false};
    std::thread waiter([&] { wait_for_signal(signals, done, server); });
    server.run();
    done = true;
    waiter.join();
    return cli::kOk;
}

}  // namespace

}  // namespace lupe::searcher
