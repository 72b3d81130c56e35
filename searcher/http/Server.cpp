#include "http/Server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <httplib.h>

#include "http/AccessLog.h"
#include "http/HeadWaiter.h"
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

// Set while a worker reads a head that went past ServerLimits::max_head_bytes (the error
// handler then answers 413 instead of httplib's 400).
bool& head_too_large() {
    thread_local bool flag = false;
    return flag;
}

// Set by pre_route when the answer must close the connection (a request with a body).
bool& close_after_reply() {
    thread_local bool flag = false;
    return flag;
}

bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
    pollfd p{fd, events, 0};
    int n = 0;
    do {
        n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (n < 0 && errno == EINTR);
    return n > 0;
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int got = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                         : ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    if (got != 0) return;
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service, sizeof service,
                      NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

// One request's view of a connection: first the bytes the HeadWaiter already read, then the
// socket. At most `head_limit` bytes are handed out per request (no endpoint reads a body,
// so everything httplib reads is the head); past that, the stream ends.
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(WaitingConnection& connection, const ServerLimits& limits)
        : c_(connection), limits_(limits) {}

    bool is_readable() const override {
        return pos_ < c_.buffered.size() || wait_for(c_.fd, POLLIN, limits_.read_timeout);
    }
    bool is_writable() const override { return wait_for(c_.fd, POLLOUT, limits_.write_timeout); }
    ssize_t read(char* ptr, size_t size) override {
        if (handed_ >= limits_.max_head_bytes) {
            head_too_large() = true;
            return 0;
        }
        size = std::min(size, limits_.max_head_bytes - handed_);
        if (pos_ < c_.buffered.size()) {
            const std::size_t n = std::min(size, c_.buffered.size() - pos_);
            std::copy_n(c_.buffered.data() + pos_, n, ptr);
            pos_ += n;
            handed_ += n;
            return static_cast<ssize_t>(n);
        }
        if (!wait_for(c_.fd, POLLIN, limits_.read_timeout)) return -1;
        const ssize_t n = ::recv(c_.fd, ptr, size, 0);
        if (n > 0) handed_ += static_cast<std::size_t>(n);
        return n;
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (!wait_for(c_.fd, POLLOUT, limits_.write_timeout)) return -1;
        return ::send(c_.fd, ptr, size, MSG_NOSIGNAL);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, false, ip, port); }
    socket_t socket() const override { return c_.fd; }

    // The unread bytes stay with the connection (a pipelined next request).
    void keep_unread() { c_.buffered.erase(0, pos_); }

private:
    WaitingConnection& c_;
    const ServerLimits& limits_;
    std::size_t pos_ = 0;
    std::size_t handed_ = 0;
};

// httplib's server with its connection handling replaced: the accept loop hands each new
// connection to a HeadWaiter, which passes it to a worker only once its request head is
// complete; after the answer, a kept-alive connection goes back to the waiter. So no worker
// ever waits for a slow or idle client. Requests are parsed and answered by httplib itself
// (process_request), with the handlers configured on this object.
class LupeHttpServer : public httplib::Server {
public:
    LupeHttpServer(const ServerLimits& limits, unsigned threads)
        : limits_(limits),
          threads_(threads),
          waiter_(HeadLimits{limits.read_timeout, limits.keep_alive_timeout, limits.head_timeout,
                             std::chrono::seconds(1), limits.max_head_bytes, limits.max_waiting_connections},
                  [this](WaitingConnection c) { dispatch(std::move(c)); }) {
        // httplib's accept loop runs its tasks through this queue: here they only hand the
        // socket to the waiter (process_and_close_socket below), so they run at once.
        new_task_queue = [this] { return new InlineQueue(*this); };
    }
    ~LupeHttpServer() override { shut_down(); }

    std::size_t waiting_connections() const { return waiter_.waiting(); }

private:
    struct InlineQueue : httplib::TaskQueue {
        explicit InlineQueue(LupeHttpServer& s) : server(s) {}
        void enqueue(std::function<void()> fn) override { fn(); }
        void shutdown() override { server.shut_down(); }
        LupeHttpServer& server;
    };

    bool process_and_close_socket(socket_t sock) override {
        {
            std::lock_guard lock(pool_mutex_);
            if (!pool_) pool_ = std::make_unique<httplib::ThreadPool>(threads_);
        }
        waiter_.add(WaitingConnection{sock, "", limits_.keep_alive_max_requests}, false);
        return true;
    }

    void dispatch(WaitingConnection c) {
        std::lock_guard lock(pool_mutex_);
        if (!pool_ || stopping_) {
            ::close(c.fd);
            return;
        }
        auto shared = std::make_shared<WaitingConnection>(std::move(c));
        pool_->enqueue([this, shared] { serve(std::move(*shared)); });
    }

    void serve(WaitingConnection c) {
        bool closed = false;
        bool ok = false;
        {
            ConnectionStream stream(c, limits_);
            head_too_large() = false;
            close_after_reply() = false;
            ok = process_request(stream, c.requests_left <= 1, closed, nullptr);
            stream.keep_unread();
        }
        if (close_after_reply() || head_too_large()) {
            waiter_.drain(c.fd);  // the client may still be sending what we did not read
            return;
        }
        if (!ok || closed || c.requests_left <= 1) {
            ::shutdown(c.fd, SHUT_RDWR);
            ::close(c.fd);
            return;
        }
        --c.requests_left;
        waiter_.add(std::move(c), true);
    }

    void shut_down() {
        waiter_.stop();  // closes waiting connections; later adds close at once
        std::unique_ptr<httplib::ThreadPool> pool;
        {
            std::lock_guard lock(pool_mutex_);
            stopping_ = true;
            pool = std::move(pool_);
        }
        if (pool) pool->shutdown();  // the requests being answered are finished
    }

    const ServerLimits limits_;
    const unsigned threads_;
    HeadWaiter waiter_;
    std::mutex pool_mutex_;
    std::unique_ptr<httplib::ThreadPool> pool_;
    bool stopping_ = false;
};

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
          router(searchers, log, RouterOptions{options.cors_origin}),
          http(options.limits, options.threads > 0 ? options.threads : default_threads()) {}

    void configure();
    void pre_route(const httplib::Request& req, httplib::Response& res);

    ServerOptions options;
    LogSink log;
    SearcherSlots searchers;
    Router router;
    LupeHttpServer http;
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> run_active{false};
};

void Server::Impl::pre_route(const httplib::Request& req, httplib::Response& res) {
    request_start() = Clock::now();
    const bool body = carries_body(req);
    if (body && req.get_header_value<std::uint64_t>("Content-Length") > options.limits.max_body_bytes) {
        write_reply(failure_reply(failure_for_status(413)), res);
    } else if (req.headers.size() > options.limits.max_headers) {
        write_reply(failure_reply(failure_for_status(431)), res);
    } else {
        const std::string if_none_match = req.get_header_value("If-None-Match");  // outlives `in`
        const Incoming in{req.method, req.path, req.target, req.params, if_none_match};
        write_reply(router.handle(in), res);
    }
    if (body) {
        res.set_header("Connection", "close");
        close_after_reply() = true;
    }
}

void Server::Impl::configure() {
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
            write_reply(failure_reply(failure_for_status(head_too_large() ? 431 : res.status)), res);
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
