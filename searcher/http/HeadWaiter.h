#pragma once
// HeadWaiter: holds the service's open connections while they have no complete request head
// yet (new connections, and kept-alive ones between requests), on one thread with poll(), so
// that a worker thread is only given a connection whose request it can read at once. A client
// that sends its request slowly (a byte a second, "slowloris") or not at all therefore never
// occupies a worker; it is closed when its deadline passes. No server sockets here: plain
// POSIX file descriptors, so the waiter is tested on socketpair()s.
//
// Contract:
//  - add() takes ownership of the connection's descriptor; the connection is handed to the
//    `ready` callback (on the waiter's thread, or on the caller's when `buffered` already
//    holds a head) as soon as its buffer holds a complete head ("\r\n\r\n" or "\n\n"), or
//    holds max_head_bytes or more (the reader then answers "too large"); bytes after the
//    head stay in the buffer (pipelined requests);
//  - deadlines: a connection must deliver its first byte within `first_byte` (new) or
//    `idle` (kept alive), and its whole head within `head` of its first byte; else it is
//    closed. At most max_connections wait at once: further ones are closed at once;
//  - drain(fd) takes a connection whose answer was sent and that is to be closed: it reads
//    and discards what the client still sends, for at most `drain` or until the client
//    closes, then closes it (closing with unread bytes would reset the connection and could
//    destroy the answer before the client read it);
//  - stop() closes every waiting connection and ends the thread; add() after stop() closes
//    the descriptor at once. The destructor stops.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lupe::http {

struct HeadLimits {
    std::chrono::milliseconds first_byte{5000};  // a new connection's first byte
    std::chrono::milliseconds idle{2000};        // a kept-alive connection's next request
    std::chrono::milliseconds head{10000};       // the whole head, from its first byte
    std::chrono::milliseconds drain{1000};        // see drain()
    std::size_t max_head_bytes = 32 * 1024;
    std::size_t max_connections = 1024;
};

struct WaitingConnection {
    int fd = -1;
    std::string buffered;        // bytes read and not yet consumed
    std::size_t requests_left = 0;  // opaque to the waiter (keep-alive budget)
};

class HeadWaiter {
public:
    using Ready = std::function<void(WaitingConnection)>;
    HeadWaiter(HeadLimits limits, Ready ready);
    ~HeadWaiter();
    HeadWaiter(const HeadWaiter&) = delete;
    HeadWaiter& operator=(const HeadWaiter&) = delete;

    // `kept_alive`: the connection has served a request before (the `idle` deadline applies).
    void add(WaitingConnection connection, bool kept_alive);
    void drain(int fd);
    void stop();
    std::size_t waiting() const;  // connections held now (for tests)

private:
    struct Entry {
        WaitingConnection connection;
        std::chrono::steady_clock::time_point deadline;
        bool started = false;  // a byte of the head arrived
        bool draining = false;
    };
    bool enter(Entry entry);  // false: not taken (stopping or full)
    void loop();
    void wake();
    bool read_some(Entry& entry);  // false: the connection is finished (closed or handed on)
    void release();                // one connection less (before it is closed or handed on)

    const HeadLimits limits_;
    const Ready ready_;
    int wake_fd_ = -1;
    mutable std::mutex mutex_;
    std::vector<Entry> incoming_;  // added, not yet polled (under mutex_)
    std::size_t count_ = 0;        // incoming_ + entries_ (under mutex_)
    bool stopping_ = false;        // under mutex_
    std::vector<Entry> entries_;   // the waiter thread's own
    std::thread thread_;
};

// True when `buffer` holds a complete request head.
bool holds_request_head(const std::string& buffer);

}  // namespace lupe::http
