#include "http/Server.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <thread>

#include <httplib.h>

#include "http/AccessLog.h"
#include "http/Router.h"
#include "http/SearcherSlots.h"
#include "index/IndexFolder.h"

namespace lupe::http {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto Handled = httplib::Server::HandlerResponse::Handled;
constexpr auto Unhandled = httplib::Server::HandlerResponse::Unhandled;

// When the current worker thread began the request it is answering (for the access log).
std::optional<Clock::time_point>& request_start() {
    thread_local std::optional<Clock::time_point> start;
    return start;
}

bool carries_body(const httplib::Request& req) {
    return req.has_header("Transfer-Encoding") || req.get_header_value<std::uint64_t>("Content-Length") > 0;
}

void write_reply(Reply reply, httplib::Response& res) {
    res.status = reply.status;
    for (auto& [name, value] : reply.headers) res.set_header(name, value);
    if (!reply.body.empty() || !reply.content_type.empty()) {
        res.set_content(std::move(reply.body), reply.content_type.c_str());
    }
}

}  // namespace

unsigned default_threads() { return std::max(8u, std::thread::hardware_concurrency()); }

std::string server_url(const std::string& host, int port) {
    const bool ipv6 = host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

struct Server::Impl {
    explicit Impl(ServerOptions o)
        : options(std::move(o)),
          log(options.log, options.log_options),
          searchers(options.index, options.searcher),
          router(searchers, log, RouterOptions{options.cors_origin}) {}

    void configure();
    void pre_route(const httplib::Request& req, httplib::Response& res);

    ServerOptions options;
    LogSink log;
    SearcherSlots searchers;
    Router router;
    httplib::Server http;
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> run_active{false};
};

void Server::Impl::pre_route(const httplib::Request& req, httplib::Response& res) {
    request_start() = Clock::now();
    const bool body = carries_body(req);
    if (body && req.get_header_value<std::uint64_t>("Content-Length") > options.limits.max_body_bytes) {
        write_reply(failure_reply(failure_for_status(413)), res);
    } else {
        const std::string if_none_match = req.get_header_value("If-None-Match");  // outlives `in`
        const Incoming in{req.method, req.path, req.target, req.params, if_none_match};
        write_reply(router.handle(in), res);
    }
    if (body) res.set_header("Connection", "close");
}

void Server::Impl::configure() {
    const unsigned threads = options.threads > 0 ? options.threads : default_threads();
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    const ServerLimits& l = options.limits;
    http.set_read_timeout(l.read_timeout);
    http.set_write_timeout(l.write_timeout);
    http.set_keep_alive_timeout(l.keep_alive_timeout.count());
    http.set_keep_alive_max_count(l.keep_alive_max_requests);
    http.set_payload_max_length(l.max_body_bytes);
    // httplib sets SO_REUSEPORT, which lets a second server bind the same port and silently
    // take half of the connections; SO_REUSEADDR alone still allows a quick restart.
    http.set_socket_options([](socket_t sock) {
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    httplib::Headers headers{{"X-Content-Type-Options", "nosniff"}};
    if (!options.cors_origin.empty()) headers.emplace("Access-Control-Allow-Origin", options.cors_origin);
    http.set_default_headers(std::move(headers));

    // All routing happens here (no httplib routes: its std::regex matching recurses once per
    // path byte and can overflow a worker's stack on long paths).
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        pre_route(req, res);
        return Handled;
    });
    // httplib's own answers (request line too long, unreadable request ...) in our JSON shape.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return Unhandled;  // a reply of ours
            write_reply(failure_reply(failure_for_status(res.status)), res);
            return Handled;
        }));
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        std::optional<double> ms;
        if (auto& start = request_start()) {
            ms = std::chrono::duration<double, std::milli>(Clock::now() - *start).count();
            start.reset();
        }
        log.request({std::chrono::system_clock::now(), req.remote_addr, req.method, req.target, res.status,
                     res.body.size(), ms});
    });
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    open_index_for_reading(impl_->options.index);  // fail now, not on the first request
    impl_->configure();
}

Server::~Server() { stop(); }

int Server::bind() {
    const ServerOptions& o = impl_->options;
    const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                                 : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port <= 0) {
        throw ServerError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                          " (address in use, or not an address of this machine?)");
    }
    return port;
}

void Server::run() {
    impl_->run_active = true;
    if (!impl_->stop_requested) impl_->http.listen_after_bind();
    impl_->run_active = false;
}

void Server::log(LogLevel level, const std::string& text, const nlohmann::ordered_json& fields) {
    impl_->log.message(level, text, fields);
}

void Server::stop() {
    impl_->stop_requested = true;
    // run() may be on its way into httplib's listen loop: wait until it is in (or out).
    while (impl_->run_active && !impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    impl_->http.stop();
}

}  // namespace lupe::http
