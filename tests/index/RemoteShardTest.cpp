// Remote shards (issue 8): shards served by xapian-tcpsrv on 127.0.0.1, searched through a
// stub file, give the same answers as the local shards; a shard that is gone (killed) or
// silent (SIGSTOP) is left out and named ("partial"), or fails the search when all shards
// are required; lupe-index writes to shards served with `xapian-tcpsrv --writable`.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "search/ResultJson.h"
#include "search/Searcher.h"
#include "search/FixtureIndex.h"
#include "support/ShardCompare.h"
#include "support/TestSupport.h"

using namespace lupe;
namespace fs = std::filesystem;

namespace {

const char* kTcpSrv = "/usr/bin/xapian-tcpsrv";

// A free TCP port on 127.0.0.1 (the kernel's choice; closed again for the server to take).
unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// One xapian-tcpsrv process serving one database on 127.0.0.1; killed (and reaped) when the
// object goes away, also when it was stopped.
class TcpServer {
public:
    TcpServer(const std::string& database, bool writable) : port_(free_port()) {
        std::vector<std::string> args = {kTcpSrv, "--quiet", "--interface", "127.0.0.1", "--port",
                                         std::to_string(port_)};
        if (writable) args.push_back("--writable");
        args.push_back(database);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ > 0) ::setpgid(pid_, pid_);  // (also in the child: whichever runs first)
        if (pid_ == 0) {
            ::setpgid(0, 0);  // its own group: it forks a process per connection, stopped with it
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        // Ready when it accepts a connection (at most ~10 s).
        for (int attempt = 0; attempt < 200; ++attempt) {
            try {
                if (writable) Xapian::Remote::open_writable("127.0.0.1", port_, 0, 1000);
                else Xapian::Remote::open("127.0.0.1", port_, 1000, 1000);
                return;
            } catch (const Xapian::NetworkError&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        FAIL("xapian-tcpsrv did not start on port " << port_);
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    unsigned port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    // The server and its connection processes: still accepting (the kernel does), never answering.
    void pause() { ::kill(-pid_, SIGSTOP); }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGKILL);  // the server and its connection processes, also when stopped
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    unsigned port_;
    pid_t pid_ = -1;
};

void write_stub(const fs::path& folder, const std::vector<std::string>& lines) {
    fs::create_directories(folder);
    std::string text = "# written by RemoteShardTest\n";
    for (const auto& line : lines) text += line + "\n";
    test::write_file(folder / kStubFile, text);
}

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    for (const char* q : {"Magdeburg", "Chipfabrik Reinraum", "", "Bahn OR Zug", "Energie"}) {
        SearchRequest r;
        r.query = q;
        r.facets = {Facet::Source, Facet::Topic, Facet::Month, Facet::Year};
        out.push_back(r);
        r.sources = {"Heise"};
        r.from = Date{2023, 1, 1};
        out.push_back(r);
    }
    return out;
}

std::string fixture_corpus() { return (test::test_data_dir() / "search/fixture.jsonl").string(); }

void build_index(const std::string& folder, const std::string& shards) {
    const auto built = test::run({test::index_bin(), "add", "--index", folder, "--shards", shards, "--quiet",
                                  fixture_corpus()});
    INFO(built.err);
    REQUIRE(built.status == 0);
}

// `count` empty databases under `dir`, each served by its own `xapian-tcpsrv --writable`
// (appended to `servers`), listed in the stub file of the index folder dir/remote, returned.
fs::path serve_writable_shards(const fs::path& dir, unsigned count, std::vector<std::unique_ptr<TcpServer>>& servers) {
    std::vector<std::string> stub;
    for (unsigned k = 0; k < count; ++k) {
        const std::string db = (dir / ("served-" + std::to_string(k))).string();
        { Xapian::WritableDatabase create(db, Xapian::DB_CREATE_OR_OPEN); }
        servers.push_back(std::make_unique<TcpServer>(db, true));
        stub.push_back("remote " + servers.back()->address());
    }
    const fs::path remote = dir / "remote";
    write_stub(remote, stub);
    return remote;
}

}  // namespace

TEST_CASE("Remote shards answer like local ones; a silent or dead shard is named", "[shards][remote]") {
    if (!fs::exists(kTcpSrv)) FAIL("xapian-tcpsrv is missing (install xapian-tools)");
    test::TempDir dir;
    const std::string local = (dir / "local").string();
    build_index(local, "3");

    std::vector<std::unique_ptr<TcpServer>> servers;
    std::vector<std::string> stub;
    for (unsigned k = 0; k < 3; ++k) {
        servers.push_back(std::make_unique<TcpServer>(shard_folder(local, k), false));
        stub.push_back("remote " + servers[k]->address());
    }
    const fs::path remote = dir / "remote";
    write_stub(remote, stub);
    REQUIRE(shard_count(remote.string()) == 3);

    SearcherOptions options;
    options.shards.timeouts = {1000, 1000};  // short, so the silent shard costs little
    Searcher locally(local);
    Searcher remotely(remote.string(), options);
    REQUIRE(remotely.doc_count() == locally.doc_count());

    SECTION("the same answers through the stub file") {
        for (const auto& r : requests()) {
            test::require_same_answers(locally, remotely, r, "'" + r.query + "'");
            // Same interleaved docids, so even ties are in the same order.
            const auto a = locally.search(r);
            const auto b = remotely.search(r);
            std::vector<std::string> ids_a, ids_b;
            for (const auto& h : a.hits) ids_a.push_back(h.id);
            for (const auto& h : b.hits) ids_b.push_back(h.id);
            CHECK(ids_a == ids_b);
            CHECK(b.missing_shards.empty());
        }
        CHECK(remotely.get("magdeburg-1").has_value());
        const auto related = remotely.related("magdeburg-1");
        REQUIRE(related.has_value());
        CHECK(related->hits.size() == locally.related("magdeburg-1")->hits.size());
        SearchRequest recency;
        recency.query = "Magdeburg";
        recency.recency_half_life_days = 30;
        CHECK_THROWS_AS(remotely.search(recency), InvalidRequest);
    }

    SECTION("a killed shard, then a silent one: partial answers naming them, or a clear failure") {
        // What the other shards hold, counted locally.
        const fs::path rest = dir / "rest";
        write_stub(rest, {"auto " + shard_folder(local, 0), "auto " + shard_folder(local, 2)});
        Searcher without_1(rest.string());

        servers[1]->stop();
        for (const auto& r : requests()) {
            const SearchResult result = remotely.search(r);
            REQUIRE_FALSE(result.missing_shards.empty());
            REQUIRE(result.missing_shards == std::vector<std::string>{servers[1]->address()});
            CHECK(result.total == without_1.search(r).total);
        }
        test::require_same_answers(without_1, remotely, requests()[0], "without shard 1");
        const auto json = result_json(remotely.search(requests()[0]));
        CHECK(json["partial"] == true);
        CHECK(json["missing_shards"] == nlohmann::json::array({servers[1]->address()}));

        // A new Searcher: the dead shard refuses the connection at once.
        Searcher fresh(remote.string(), options);
        CHECK(fresh.missing_shards() == std::vector<std::string>{servers[1]->address()});

        // Shard 2 stops answering during an open session: the search times out on it,
        // reconnects and answers from shard 0 alone.
        servers[2]->pause();
        const SearchResult only_0 = remotely.search(requests()[0]);
        CHECK(only_0.missing_shards == std::vector<std::string>{servers[1]->address(), servers[2]->address()});
        Searcher shard_0(shard_folder(local, 0));
        CHECK(only_0.total == shard_0.search(requests()[0]).total);

        // Requiring every shard: a clear error naming the shards, no hang.
        SearcherOptions strict = options;
        strict.shards.allow_partial = false;
        try {
            Searcher all_or_nothing(remote.string(), strict);
            FAIL("a Searcher requiring all shards opened with two shards missing");
        } catch (const ShardUnavailableError& e) {
            const std::string what = e.what();
            CHECK(what.find(servers[1]->address()) != std::string::npos);
            CHECK(what.find(servers[2]->address()) != std::string::npos);
        }
        servers[0]->stop();
        CHECK_THROWS_AS(Searcher(remote.string(), options), ShardUnavailableError);
    }
}

TEST_CASE("lupe-index writes to shards served by xapian-tcpsrv --writable", "[shards][remote][cli]") {
    if (!fs::exists(kTcpSrv)) FAIL("xapian-tcpsrv is missing (install xapian-tools)");
    test::TempDir dir;
    const std::string local = (dir / "local").string();
    build_index(local, "2");

    // Two empty databases, served writable, listed in a stub file.
    std::vector<std::unique_ptr<TcpServer>> servers;
    const fs::path remote = serve_writable_shards(dir.path(), 2, servers);

    const auto added = test::run({test::index_bin(), "add", "--index", remote.string(), fixture_corpus()});
    INFO(added.err);
    REQUIRE(added.status == 0);
    CHECK(added.err.find("index holds 60 documents") != std::string::npos);
    // A second run finds every article unchanged: ids were routed to the same shards.
    const auto again = test::run({test::index_bin(), "add", "--index", remote.string(), fixture_corpus()});
    CHECK(again.err.find("unchanged 60") != std::string::npos);
    // --shards must agree with the stub file.
    CHECK(test::run({test::index_bin(), "add", "--index", remote.string(), "--shards", "3", fixture_corpus()})
              .status != 0);

    // Each served database holds exactly the articles of the local shard with its number.
    // (A --writable server takes one connection at a time: each check closes its own.)
    for (unsigned k = 0; k < 2; ++k) {
        Searcher local_shard(shard_folder(local, k));
        CHECK(Xapian::Remote::open("127.0.0.1", servers[k]->port()).get_doccount() == local_shard.doc_count());
    }
    Searcher locally(local);
    Searcher remotely(remote.string());
    for (const auto& r : requests()) test::require_same_answers(locally, remotely, r, "'" + r.query + "'");
}

TEST_CASE("lupe-index add clusters copies across remote shards", "[shards][remote][cli][neardup]") {
    if (!fs::exists(kTcpSrv)) FAIL("xapian-tcpsrv is missing (install xapian-tools)");
    test::TempDir dir;
    // The demo corpus's three copies of one agency story: with two shards, lupe-demo-0028 goes
    // to shard 0, lupe-demo-0027 and lupe-demo-0029 to shard 1.
    const std::string corpus = (test::source_dir() / "corpus/articles.jsonl").string();
    const std::vector<std::string> copies = {"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"};
    REQUIRE(shard_of(copies[0], 2) != shard_of(copies[1], 2));

    std::vector<std::unique_ptr<TcpServer>> servers;
    const fs::path remote = serve_writable_shards(dir.path(), 2, servers);
    const auto added =
        test::run({test::index_bin(), "add", "--index", remote.string(), "--quiet", corpus});
    INFO(added.err);
    REQUIRE(added.status == 0);

    // The cluster key of each copy, read from the shard that holds it (a --writable server
    // takes one connection at a time: each read closes its own).
    std::vector<std::string> keys;
    for (const auto& id : copies) {
        Xapian::Database shard = Xapian::Remote::open("127.0.0.1", servers[shard_of(id, 2)]->port());
        const std::string term = schema::id_term(id);
        const auto it = shard.postlist_begin(term);
        REQUIRE(it != shard.postlist_end(term));
        keys.push_back(shard.get_document(*it).get_value(schema::kClusterSlot));
    }
    CHECK(!keys[0].empty());
    CHECK(keys[1] == keys[0]);
    CHECK(keys[2] == keys[0]);
    // `similar` lists the other two of each, although the relabeled copy keeps the cluster term
    // it was written with (the alias in its shard's metadata, ClusterAssigner.h).
    Searcher searcher(remote.string());
    for (const auto& id : copies) {
        INFO("similar:" << id);
        const auto similar = searcher.similar(id);
        REQUIRE(similar);
        std::set<std::string> expected(copies.begin(), copies.end());
        expected.erase(id);
        CHECK(test::hit_id_set(*similar) == expected);
    }
}
