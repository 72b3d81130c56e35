#include "http/Server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "http/AccessLog.h"
#include "http/HeadWaiter.h"
#include "http/Router.h"
#include "http/SearcherSlots.h"
#include "http/Wire.h"
#include "index/IndexFolder.h"

namespace lupe::http {
namespace {

using Clock = std::chrono::steady_clock;

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

bool send_all(int fd, std::string_view bytes, std::chrono::seconds timeout) {
    while (!bytes.empty()) {
        if (!wait_for(fd, POLLOUT, timeout)) return false;
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// A listening socket on host:port (port 0: any free one); -1 when none can be had.
int listen_on(const std::string& host, int port, int& bound_port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
    int fd = -1;
    for (const addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        // SO_REUSEADDR allows a quick restart; no SO_REUSEPORT, which would let a second
        // server bind the same port and silently take half of the connections.
        const int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0) return -1;
    std::string ip;
    address_of(fd, false, ip, bound_port);
    return fd;
}

// A fixed set of worker threads and their queue of jobs (connections whose request head is
// complete). shutdown() lets the queued jobs finish, then joins the threads.
class WorkerPool {
public:
    explicit WorkerPool(unsigned threads) {
        for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
    }
    ~WorkerPool() { shutdown(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void enqueue(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        ready_.notify_one();
    }

    void shutdown() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (std::thread& worker : workers_) {
            if (worker.joinable()) worker.join();
        }
    }

private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

// The transport: the accept loop hands each new connection to a HeadWaiter, which passes it
// to a worker only once its request head is complete; the worker answers that one request
// and gives a kept-alive connection back to the waiter. So no worker ever waits for a slow or
// idle client. What a request is answered with is the `answer` callback's business.
class Transport {
public:
    using Answer = std::function<Reply(const RequestHead&)>;
    using Logger = std::function<void(int fd, const RequestHead&, const Reply&, Clock::time_point start)>;

    Transport(const ServerLimits& limits, unsigned threads, HeaderFields default_headers, Answer answer,
              Logger logger)
        : limits_(limits),
          wire_{limits.max_head_bytes, limits.max_line_bytes, limits.max_headers},
          threads_(threads),
          default_headers_(std::move(default_headers)),
          answer_(std::move(answer)),
          logger_(std::move(logger)),
          waiter_(HeadLimits{limits.read_timeout, limits.keep_alive_timeout, limits.head_timeout,
                             std::chrono::seconds(1), limits.max_head_bytes, limits.max_waiting_connections},
                  [this](WaitingConnection c) { dispatch(std::move(c)); }) {
        wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake_fd_ < 0) throw ServerError("cannot create an eventfd");
    }
    ~Transport() {
        shut_down();
        if (listen_fd_ >= 0) ::close(listen_fd_);
        ::close(wake_fd_);
    }
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // The bound port, or -1.
    int bind(const std::string& host, int port) {
        int bound = -1;
        listen_fd_ = listen_on(host, port, bound);
        return listen_fd_ < 0 ? -1 : bound;
    }

    // Accepts connections until stop(); then lets the requests being answered finish.
    void run() {
        {
            std::lock_guard lock(pool_mutex_);
            if (!stopping_ && !pool_) pool_ = std::make_unique<WorkerPool>(threads_);
        }
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        while (listen_fd_ >= 0) {
            const int n = ::poll(fds, 2, -1);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 || fds[1].revents != 0) break;
            if ((fds[0].revents & POLLIN) == 0) continue;
            const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                waiter_.add(WaitingConnection{fd, "", limits_.keep_alive_max_requests}, false);
            } else if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));  // out of descriptors: let some close
            }
        }
        shut_down();
        if (listen_fd_ >= 0) ::close(listen_fd_);
        listen_fd_ = -1;
    }

    // Any thread, before or during run().
    void stop() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
    }

private:
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
        const Clock::time_point start = Clock::now();
        const RequestHead head = read_head(c.buffered, wire_);
        Reply reply;
        if (head.error != 0) {
            reply = failure_reply(failure_for_status(head.error));
        } else {
            c.buffered.erase(0, head.size);  // what follows is a pipelined next request
            reply = answer_(head);
        }
        // A request with a body is answered without reading it, then closed.
        const bool keep = head.error == 0 && !head.has_body && head.keep_alive && c.requests_left > 1;
        const bool sent = send_all(c.fd, write_response(reply, default_headers_, head.method == "HEAD", keep),
                                   limits_.write_timeout);
        logger_(c.fd, head, reply, start);
        if (sent && (head.error != 0 || head.has_body)) {
            waiter_.drain(c.fd);  // the client may still be sending what we did not read
            return;
        }
        if (!sent || !keep) {
            ::shutdown(c.fd, SHUT_RDWR);
            ::close(c.fd);
            return;
        }
        --c.requests_left;
        waiter_.add(std::move(c), true);
    }

    void shut_down() {
        waiter_.stop();  // closes waiting connections; later adds close at once
        std::unique_ptr<WorkerPool> pool;
        {
            std::lock_guard lock(pool_mutex_);
            stopping_ = true;
            pool = std::move(pool_);
        }
        if (pool) pool->shutdown();  // the requests being answered are finished
    }

    const ServerLimits limits_;
    const WireLimits wire_;
    const unsigned threads_;
    const HeaderFields default_headers_;
    const Answer answer_;
    const Logger logger_;
    HeadWaiter waiter_;
    int listen_fd_ = -1;
    int wake_fd_ = -1;
    std::mutex pool_mutex_;
    std::unique_ptr<WorkerPool> pool_;
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
          transport(options.limits, options.threads > 0 ? options.threads : default_threads(), default_headers(),
                    [this](const RequestHead& head) { return answer(head); },
                    [this](int fd, const RequestHead& head, const Reply& reply, Clock::time_point start) {
                        log_request(fd, head, reply, start);
                    }) {}

    HeaderFields default_headers() const;
    Reply answer(const RequestHead& head);
    void log_request(int fd, const RequestHead& head, const Reply& reply, Clock::time_point start);

    ServerOptions options;
    LogSink log;
    SearcherSlots searchers;
    Router router;
    Transport transport;
};

HeaderFields Server::Impl::default_headers() const {
    HeaderFields headers{{"X-Content-Type-Options", "nosniff"}};
    if (!options.cors_origin.empty()) headers.emplace_back("Access-Control-Allow-Origin", options.cors_origin);
    return headers;
}

Reply Server::Impl::answer(const RequestHead& head) {
    if (head.has_body && head.content_length > options.limits.max_body_bytes) {
        return failure_reply(failure_for_status(413));
    }
    const Target target = split_target(head.target);
    const Incoming in{head.method, target.path, head.target, target.params, head.header("If-None-Match")};
    return router.handle(in);
}

void Server::Impl::log_request(int fd, const RequestHead& head, const Reply& reply, Clock::time_point start) {
    std::string client;
    int port = 0;
    address_of(fd, true, client, port);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    log.request({std::chrono::system_clock::now(), client, head.method, head.target, reply.status, reply.body.size(), ms});
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    open_index_for_reading(impl_->options.index);  // fail now, not on the first request
}

Server::~Server() { stop(); }

int Server::bind() {
    const ServerOptions& o = impl_->options;
    const int port = impl_->transport.bind(o.host, o.port);
    if (port <= 0) {
        throw ServerError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                          " (address in use, or not an address of this machine?)");
    }
    return port;
}

void Server::run() { impl_->transport.run(); }

void Server::log(LogLevel level, const std::string& text, const nlohmann::ordered_json& fields) {
    impl_->log.message(level, text, fields);
}

void Server::stop() { impl_->transport.stop(); }

}  // namespace lupe::http
