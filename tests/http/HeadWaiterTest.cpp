// HeadWaiter: connections are handed on with a complete request head, or closed.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "http/HeadWaiter.h"

using namespace lupe::http;
using namespace std::chrono_literals;

namespace {

// Collects what the waiter hands on; waits (bounded) for the n-th one.
struct Handed {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<WaitingConnection> connections;

    HeadWaiter::Ready callback() {
        return [this](WaitingConnection c) {
            std::lock_guard lock(mutex);
            connections.push_back(std::move(c));
            changed.notify_all();
        };
    }
    bool wait_for(std::size_t n) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, 10s, [&] { return connections.size() >= n; });
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return connections.size();
    }
    ~Handed() {
        for (const auto& c : connections) ::close(c.fd);
    }
};

// A connected pair: `ours` goes to the waiter, `client` is the test's end.
struct Pair {
    int ours = -1;
    int client = -1;
    Pair() {
        int fds[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        ours = fds[0];
        client = fds[1];
        const timeval limit{10, 0};  // the test never blocks for ever
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    }
    ~Pair() { ::close(client); }
    void send(const std::string& bytes) const {
        REQUIRE(::send(client, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
    }
    // True when the waiter closed its end (the read sees end of file, not the 10 s limit).
    bool closed_by_waiter() const {
        char byte;
        return ::recv(client, &byte, 1, 0) == 0;
    }
};

HeadLimits short_limits() {
    HeadLimits limits;
    limits.first_byte = 300ms;
    limits.idle = 300ms;
    limits.head = 300ms;
    limits.max_head_bytes = 1024;
    limits.max_connections = 4;
    return limits;
}

}  // namespace

TEST_CASE("holds_request_head finds the blank line that ends a head", "[http][reliability]") {
    CHECK(holds_request_head("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(holds_request_head("GET / HTTP/1.1\n\n"));
    CHECK_FALSE(holds_request_head("GET / HTTP/1.1\r\nHost: x\r\n"));
    CHECK_FALSE(holds_request_head(""));
}

TEST_CASE("HeadWaiter hands on a connection once its head is complete, with the bytes read", "[http][reliability]") {
    Handed handed;
    HeadWaiter waiter(HeadLimits{}, handed.callback());
    Pair pair;
    waiter.add({pair.ours, "", 7}, false);
    pair.send("GET /api/health HT");
    pair.send("TP/1.1\r\nHost: x\r\n");
    REQUIRE(waiter.waiting() == 1);
    CHECK(handed.count() == 0);
    pair.send("\r\nGET /next");  // the head's end and the start of a pipelined request
    REQUIRE(handed.wait_for(1));
    const WaitingConnection& c = handed.connections.at(0);
    CHECK(c.fd == pair.ours);
    CHECK(c.requests_left == 7);
    CHECK(c.buffered.rfind("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 0) == 0);
    CHECK(waiter.waiting() == 0);
}

TEST_CASE("HeadWaiter hands on at once a connection whose buffer holds a head", "[http][reliability]") {
    Handed handed;
    HeadWaiter waiter(HeadLimits{}, handed.callback());
    Pair pair;
    waiter.add({pair.ours, "GET / HTTP/1.1\r\n\r\n", 1}, true);
    CHECK(handed.count() == 1);
}

TEST_CASE("HeadWaiter closes a client that sends its head too slowly or not at all", "[http][reliability]") {
    Handed handed;
    HeadWaiter waiter(short_limits(), handed.callback());
    Pair silent;
    Pair slow;
    Pair kept;
    waiter.add({silent.ours, "", 1}, false);
    waiter.add({slow.ours, "", 1}, false);
    waiter.add({kept.ours, "", 1}, true);
    slow.send("GET / HTTP/1.1\r\n");  // and never the rest
    CHECK(silent.closed_by_waiter());
    CHECK(slow.closed_by_waiter());
    CHECK(kept.closed_by_waiter());
    CHECK(handed.count() == 0);
    CHECK(waiter.waiting() == 0);
}

TEST_CASE("HeadWaiter hands on a head that reaches max_head_bytes (the reader refuses it)", "[http][reliability]") {
    Handed handed;
    HeadWaiter waiter(short_limits(), handed.callback());
    Pair pair;
    waiter.add({pair.ours, "", 1}, false);
    pair.send("GET /" + std::string(2000, 'a'));
    REQUIRE(handed.wait_for(1));
    CHECK(handed.connections.at(0).buffered.size() >= 1024);
    CHECK_FALSE(holds_request_head(handed.connections.at(0).buffered));
}

TEST_CASE("HeadWaiter closes connections beyond max_connections, and all of them on stop()", "[http][reliability]") {
    Handed handed;
    HeadLimits limits = short_limits();
    limits.first_byte = limits.head = 60s;
    HeadWaiter waiter(limits, handed.callback());
    std::vector<std::unique_ptr<Pair>> pairs;
    for (int i = 0; i < 6; ++i) {
        pairs.push_back(std::make_unique<Pair>());
        waiter.add({pairs.back()->ours, "", 1}, false);
    }
    CHECK(waiter.waiting() == 4);
    CHECK(pairs[4]->closed_by_waiter());
    CHECK(pairs[5]->closed_by_waiter());
    waiter.stop();
    CHECK(waiter.waiting() == 0);
    for (int i = 0; i < 4; ++i) CHECK(pairs[i]->closed_by_waiter());
    Pair late;
    waiter.add({late.ours, "", 1}, false);
    CHECK(late.closed_by_waiter());
    CHECK(handed.count() == 0);
}

TEST_CASE("HeadWaiter::drain ends the answer, discards what the client still sends, then closes", "[http][reliability]") {
    Handed handed;
    HeadWaiter waiter(HeadLimits{}, handed.callback());
    Pair pair;
    waiter.drain(pair.ours);
    CHECK(pair.closed_by_waiter());  // end of the answer (its write side is shut)
    pair.send(std::string(100000, 'x'));  // still accepted: read and dropped, no reset
    CHECK(waiter.waiting() == 1);
    ::shutdown(pair.client, SHUT_WR);  // the client is done: the waiter closes its end
    for (int i = 0; i < 1000 && waiter.waiting() > 0; ++i) std::this_thread::sleep_for(10ms);
    CHECK(waiter.waiting() == 0);
    CHECK(handed.count() == 0);
}
