#include "http/HeadWaiter.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

namespace lupe::http {
namespace {

using Clock = std::chrono::steady_clock;

void close_connection(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

}  // namespace

bool holds_request_head(const std::string& buffer) {
    return buffer.find("\r\n\r\n") != std::string::npos || buffer.find("\n\n") != std::string::npos;
}

HeadWaiter::HeadWaiter(HeadLimits limits, Ready ready) : limits_(limits), ready_(std::move(ready)) {
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0) throw std::runtime_error("cannot create an eventfd");
    thread_ = std::thread([this] { loop(); });
}

HeadWaiter::~HeadWaiter() {
    stop();
    ::close(wake_fd_);
}

void HeadWaiter::wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

bool HeadWaiter::enter(Entry entry) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || count_ >= limits_.max_connections) return false;
        ++count_;
        incoming_.push_back(std::move(entry));
    }
    wake();
    return true;
}

void HeadWaiter::add(WaitingConnection connection, bool kept_alive) {
    if (holds_request_head(connection.buffered)) {
        ready_(std::move(connection));
        return;
    }
    const int fd = connection.fd;
    const bool started = !connection.buffered.empty();
    const auto wait = started ? limits_.head : kept_alive ? limits_.idle : limits_.first_byte;
    if (!enter(Entry{std::move(connection), Clock::now() + wait, started, false})) close_connection(fd);
}

void HeadWaiter::drain(int fd) {
    ::shutdown(fd, SHUT_WR);  // the answer is complete: the client sees its end
    if (!enter(Entry{WaitingConnection{fd, "", 0}, Clock::now() + limits_.drain, true, true})) close_connection(fd);
}

void HeadWaiter::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake();
    if (thread_.joinable()) thread_.join();
}

std::size_t HeadWaiter::waiting() const {
    std::lock_guard lock(mutex_);
    return count_;
}

void HeadWaiter::release() {
    std::lock_guard lock(mutex_);
    --count_;
}

bool HeadWaiter::read_some(Entry& entry) {
    WaitingConnection& c = entry.connection;
    char chunk[4096];
    if (entry.draining) {
        const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
        if (n > 0) return true;
        release();
        close_connection(c.fd);
        return false;
    }
    const std::size_t room = limits_.max_head_bytes - std::min(limits_.max_head_bytes, c.buffered.size());
    const ssize_t n = ::recv(c.fd, chunk, std::min(sizeof chunk, std::max<std::size_t>(room, 1)), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    if (n <= 0) {
        release();
        close_connection(c.fd);
        return false;
    }
    c.buffered.append(chunk, static_cast<std::size_t>(n));
    if (!entry.started) {
        entry.started = true;
        entry.deadline = Clock::now() + limits_.head;
    }
    if (c.buffered.size() >= limits_.max_head_bytes || holds_request_head(c.buffered)) {
        release();
        ready_(std::move(c));
        return false;
    }
    return true;
}

void HeadWaiter::loop() {
    std::vector<pollfd> fds;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
            for (Entry& e : incoming_) entries_.push_back(std::move(e));
            incoming_.clear();
        }
        const auto now = Clock::now();
        auto next = now + std::chrono::seconds(1);
        fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
        for (const Entry& e : entries_) {
            fds.push_back(pollfd{e.connection.fd, POLLIN, 0});
            next = std::min(next, e.deadline);
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(wait, 0)));
        if (ready < 0 && errno != EINTR) break;
        if (fds[0].revents & POLLIN) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof count);
        }
        std::vector<Entry> kept;
        kept.reserve(entries_.size());
        const auto after = Clock::now();
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            Entry& e = entries_[i];
            const short revents = i + 1 < fds.size() ? fds[i + 1].revents : 0;
            bool open = true;
            if (revents != 0) open = read_some(e);
            if (open && after >= e.deadline) {
                release();
                close_connection(e.connection.fd);
                open = false;
            }
            if (open) kept.push_back(std::move(e));
        }
        entries_ = std::move(kept);
    }
    std::lock_guard lock(mutex_);
    for (Entry& e : incoming_) entries_.push_back(std::move(e));
    incoming_.clear();
    for (Entry& e : entries_) close_connection(e.connection.fd);
    entries_.clear();
    count_ = 0;
}

}  // namespace lupe::http
