// The service under hostile or broken conditions: slow clients, oversized heads, writes,
// paths out of the web folder, a broken index, expensive queries.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http/TestServer.h"

using nlohmann::json;
using namespace lupe::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A raw TCP connection to the test server (for clients httplib's client cannot imitate).
class RawClient {
public:
    explicit RawClient(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        const timeval limit{10, 0};  // no read in this test blocks for ever
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawClient() { ::close(fd_); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool send(const std::string& bytes) const {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    // Everything until the server closes (or 10 s pass without a byte).
    std::string read_all() const {
        std::string out;
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
        return out;
    }
    // True when the server closed the connection (end of file or reset, not the 10 s limit).
    bool closed_by_server() const {
        char byte;
        const ssize_t n = ::recv(fd_, &byte, 1, 0);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    int fd_ = -1;
};

std::string error_code_of(const httplib::Result& result, int status) {
    REQUIRE(result);
    INFO("body: " << result->body.substr(0, 300));
    CHECK(result->status == status);
    return body_json(result).at("error").at("code").get<std::string>();
}

}  // namespace

TEST_CASE("clients that send a byte a second hold no worker: others are answered meanwhile", "[http][reliability]") {
    TestServer server(shared_http_index().folder(), {"", 2});
    // Three times as many dripping clients as workers, each a byte behind a complete head.
    std::vector<std::unique_ptr<RawClient>> slow;
    const std::string head = "GET /api/search?q=Klima HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 6; ++i) {
        slow.push_back(std::make_unique<RawClient>(server.port()));
        REQUIRE(slow.back()->send("G"));
    }
    std::atomic<bool> done{false};
    std::thread drip([&] {
        for (std::size_t at = 1; at < head.size() && !done; ++at) {
            for (const auto& client : slow) client->send(head.substr(at, 1));
            std::this_thread::sleep_for(200ms);
        }
    });
    std::this_thread::sleep_for(300ms);  // the slow clients are connected and dripping
    auto client = server.client();
    client.set_read_timeout(5);  // the dripping lasts longer than this
    for (int i = 0; i < 3; ++i) {
        const auto result = client.Get("/api/search?q=Klima");
        REQUIRE(result);
        CHECK(result->status == 200);
    }
    done = true;
    drip.join();
}

TEST_CASE("a client that never completes its head is closed after head_timeout", "[http][reliability]") {
    TestServerOptions options{"", 1};
    options.limits.head_timeout = 1s;
    options.limits.read_timeout = 1s;
    TestServer server(shared_http_index().folder(), options);
    RawClient silent(server.port());
    RawClient partial(server.port());
    REQUIRE(partial.send("GET /api/health HTTP/1.1\r\nHost: x\r\n"));
    CHECK(silent.closed_by_server());
    CHECK(partial.closed_by_server());
    const auto health = server.client().Get("/api/health");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("pipelined requests on one connection are all answered, in order", "[http][reliability]") {
    RawClient raw(shared_server().port());
    REQUIRE(raw.send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /api/nope HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string answers = raw.read_all();
    const auto first = answers.find("HTTP/1.1 200");
    const auto second = answers.find("HTTP/1.1 404");
    const auto third = answers.find("HTTP/1.1 200", first + 1);
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(third != std::string::npos);
    CHECK(first < second);
    CHECK(second < third);
}

TEST_CASE("header limits: more than 100 fields or a head over 32 KiB is 413", "[http][reliability]") {
    auto client = shared_server().client();
    httplib::Headers many;
    for (int i = 0; i < 90; ++i) many.emplace("X-Field-" + std::to_string(i), "v");
    const auto fine = client.Get("/api/health", many);
    REQUIRE(fine);
    CHECK(fine->status == 200);

    for (int i = 90; i < 120; ++i) many.emplace("X-Field-" + std::to_string(i), "v");
    CHECK(error_code_of(client.Get("/api/health", many), 413) == "request_too_large");

    httplib::Headers big;  // each line under httplib's 8 KiB, together over 32 KiB
    for (int i = 0; i < 6; ++i) big.emplace("X-Big-" + std::to_string(i), std::string(7000, 'b'));
    CHECK(error_code_of(client.Get("/api/health", big), 413) == "request_too_large");

    // Sent raw: a head that never ends is cut at the limit and answered, not read for ever.
    RawClient raw(shared_server().port());
    REQUIRE(raw.send("GET /api/health HTTP/1.1\r\n"));
    for (int i = 0; i < 40 && raw.send("X-Filler: " + std::string(1000, 'f') + "\r\n"); ++i) {
    }
    const std::string answer = raw.read_all();
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(answer.find("request_too_large") != std::string::npos);
}

TEST_CASE("the HTTP API is read-only: writes are 405 and change nothing", "[http][reliability]") {
    HttpIndex index;
    TestServer server(index.folder(), {"", 2});
    auto client = server.client();
    const json before = body_json(client.Get("/api/health"));
    const std::string article = "/api/articles/tech%2Fchips-dresden";
    const json stored = body_json(client.Get(article));
    const std::string doc = R"({"id": "x/1", "title": "Neu", "body": "Neu."})";
    for (const std::string& path :
         std::vector<std::string>{"/api/search", "/api/articles/x%2F1", article, "/api/health", "/api/suggest", "/"}) {
        INFO(path);
        CHECK(error_code_of(client.Post(path, doc, "application/json"), 405) == "method_not_allowed");
        CHECK(error_code_of(client.Put(path, doc, "application/json"), 405) == "method_not_allowed");
        CHECK(error_code_of(client.Patch(path, doc, "application/json"), 405) == "method_not_allowed");
        CHECK(error_code_of(client.Delete(path), 405) == "method_not_allowed");
    }
    const json after = body_json(client.Get("/api/health"));
    CHECK(after.at("documents") == before.at("documents"));
    CHECK(after.at("revision") == before.at("revision"));
    CHECK(body_json(client.Get(article)) == stored);
    CHECK(client.Get("/api/articles/x%2F1")->status == 404);
}

TEST_CASE("no path leaves the embedded web files, however it is spelled", "[http][reliability]") {
    auto client = shared_server().client();
    for (const std::string path :
         {"/etc/passwd", "//etc/passwd", "/%2Fetc%2Fpasswd", "/..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
          "/%252e%252e/etc/passwd", "/..\\..\\etc\\passwd", "/index.html%00.txt", "/proc/self/environ",
          "/./index.html/../../etc/passwd", "/web/index.html", "/searcher/web/index.html", "/CMakeCache.txt"}) {
        INFO(path);
        const auto result = client.Get(path);
        REQUIRE(result);
        CHECK(result->status == 404);
        CHECK(result->body.find("root:") == std::string::npos);
    }
}

TEST_CASE("errors of a broken index name no file and no internals", "[http][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    REQUIRE(run({index_bin(), "add", "--quiet", "--index", folder, http_fixture_path()}).status == 0);
    TestServer server(folder, {"", 1});
    // Overwrite every file of the index with garbage under the running server.
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        const auto size = entry.file_size();
        std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << std::string(std::max<std::uintmax_t>(size, 64), 'Z');
    }
    auto client = server.client();
    for (const std::string path : {"/api/search?q=Klima", "/api/health", "/api/articles/tech%2Fchips-dresden",
                                   "/api/suggest?q=Kli"}) {
        INFO(path);
        const auto result = client.Get(path);
        REQUIRE(result);
        CHECK(result->status >= 500);
        const json body = body_json(result);
        const std::string message = body.at("error").at("message");
        for (const std::string& secret : std::vector<std::string>{folder, dir.path().string(), "Xapian", ".glass",
                                                                  "Error", "/"}) {
            CHECK(message.find(secret) == std::string::npos);
        }
    }
    server.stop();
    CHECK(server.log().find("lupe-search: GET /api/") != std::string::npos);  // the details go to the log
}

TEST_CASE("a bad query's error names the problem, not the server's files", "[http][reliability]") {
    auto client = shared_server().client();
    const auto result = client.Get("/api/search?q=" + url_encode("date:2024-13-01..x"));
    CHECK(error_code_of(result, 400) == "invalid_query");
    const std::string message = body_json(result).at("error").at("message");
    CHECK(message.find(shared_http_index().folder()) == std::string::npos);
    CHECK(message.find("Xapian") == std::string::npos);
}

TEST_CASE("a search over its time limit answers in time with \"partial\": true", "[http][reliability]") {
    lupe::SearcherOptions tiny;
    tiny.time_limit = 1ns;  // over before the first document is looked at
    TestServer limited(shared_http_index().folder(), {"", 1}, tiny);
    const json cut = body_json(limited.client().Get("/api/search?q=Klima&facets=source"));
    CHECK(cut.at("partial") == true);
    CHECK(cut.at("total_exact") == false);
    const json full = body_json(shared_server().client().Get("/api/search?q=Klima&facets=source"));
    CHECK(full.at("partial") == false);
    CHECK(full.at("total").get<int>() > 0);
    CHECK(cut.at("total").get<int>() < full.at("total").get<int>());
}

TEST_CASE("GET /api/health works on a sharded index, and its revision grows with a commit", "[http][reliability]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const auto built = run({index_bin(), "add", "--quiet", "--shards", "2", "--index", folder, http_fixture_path()});
    INFO(built.err);
    REQUIRE(built.status == 0);
    TestServer server(folder, {"", 1});
    auto client = server.client();
    const json before = body_json(client.Get("/api/health"));
    CHECK(before.at("status") == "ok");
    CHECK(before.at("documents") == 5);
    const auto added = run({index_bin(), "add", "--quiet", "--index", folder, "-"},
                           R"({"id": "live/1", "title": "Neu", "body": "Ein neuer Artikel."})" "\n");
    REQUIRE(added.status == 0);
    const json after = body_json(client.Get("/api/health"));
    CHECK(after.at("documents") == 6);
    CHECK(after.at("revision").get<long long>() > before.at("revision").get<long long>());
}
