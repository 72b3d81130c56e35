// `lupe-search serve` as a user runs it: the built program, its startup line, signals, exit codes.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "http/TestServer.h"

using namespace lupe::test;

namespace {

// A child process with stdout and stderr on pipes.
class Child {
public:
    explicit Child(const std::vector<std::string>& argv) {
        int out[2], err[2];
        REQUIRE(::pipe(out) == 0);
        REQUIRE(::pipe(err) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            ::dup2(err[1], 2);
            for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        ::close(out[1]);
        ::close(err[1]);
        out_ = out[0];
        err_ = err[0];
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(out_);
        ::close(err_);
    }

    // The first line on stdout, waiting at most `timeout`.
    std::string first_line(std::chrono::milliseconds timeout) {
        std::string line;
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < end) {
            pollfd p{out_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            char buffer[256];
            const ssize_t n = ::read(out_, buffer, sizeof buffer);
            if (n <= 0) break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
        return line.substr(0, line.find('\n'));
    }

    // Sends `signal` and waits for the exit status (-1: not exited in time or killed).
    int stop(int signal, std::chrono::milliseconds timeout) {
        ::kill(pid_, signal);
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

    std::string rest_of_stderr() {
        std::string all;
        char buffer[4096];
        ::fcntl(err_, F_SETFL, O_NONBLOCK);
        for (ssize_t n; (n = ::read(err_, buffer, sizeof buffer)) > 0;) all.append(buffer, static_cast<std::size_t>(n));
        return all;
    }

private:
    pid_t pid_ = -1;
    int out_ = -1;
    int err_ = -1;
};

}  // namespace

TEST_CASE("lupe-search serve prints its URL, serves, and stops cleanly on SIGTERM and SIGINT", "[http][cli]") {
    for (const int signal : {SIGTERM, SIGINT}) {
        Child child({search_bin(), "serve", "--index", shared_http_index().folder(), "--port", "0", "--threads", "2"});
        const std::string line = child.first_line(std::chrono::seconds(20));
        // (no std::regex here: GCC 12 warns inside <regex> under the sanitizers)
        const std::string prefix = "Lupe sucht auf http://127.0.0.1:";
        REQUIRE(line.rfind(prefix, 0) == 0);
        REQUIRE(line.back() == '/');
        const std::string port = line.substr(prefix.size(), line.size() - prefix.size() - 1);
        REQUIRE(!port.empty());
        REQUIRE(port.find_first_not_of("0123456789") == std::string::npos);
        httplib::Client client("127.0.0.1", std::stoi(port));
        const auto health = client.Get("/api/health");
        REQUIRE(health);
        CHECK(body_json(health).at("documents") == 5);
        CHECK(child.stop(signal, std::chrono::seconds(20)) == 0);
        const std::string err = child.rest_of_stderr();
        CHECK(err.find("GET /api/health 200") != std::string::npos);
        CHECK(err.find("lupe-search: stopping") != std::string::npos);
    }
}

TEST_CASE("lupe-search serve refuses a missing index and bad options", "[http][cli]") {
    TempDir dir;
    const auto missing = run({search_bin(), "serve", "--index", (dir / "none").string(), "--port", "0"});
    CHECK(missing.status == 1);
    CHECK(missing.err.find("lupe-search: ") == 0);
    const std::string index = shared_http_index().folder();
    CHECK(run({search_bin(), "serve", "--index", index, "--port", "70000"}).status == 2);
    CHECK(run({search_bin(), "serve", "--index", index, "--cors-origin", "evil\r\nX: y"}).status == 2);
    CHECK(run({search_bin(), "serve", "--index", index, "--cors-origin", "example.org"}).status == 2);
}

TEST_CASE("lupe-search serve reports a port already in use", "[http][cli]") {
    TestServer taken(shared_http_index().folder(), {"", 1});
    const auto result = run({search_bin(), "serve", "--index", shared_http_index().folder(), "--port",
                             std::to_string(taken.port())});
    CHECK(result.status == 1);
    CHECK(result.err.find("cannot listen on 127.0.0.1:" + std::to_string(taken.port())) != std::string::npos);
}
