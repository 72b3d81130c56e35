#include "http/TestServer.h"

#include <catch2/catch.hpp>

#include <cctype>

namespace lupe::test {

std::string http_fixture_path() { return (test_data_dir() / "http/articles.jsonl").string(); }

HttpIndex::HttpIndex() {
    const auto result = run({index_bin(), "add", "--quiet", "--index", folder(), http_fixture_path()});
    INFO(result.err);
    REQUIRE(result.status == 0);
}

void HttpIndex::add_jsonl(const std::string& lines) const {
    const auto result = run({index_bin(), "add", "--quiet", "--index", folder(), "-"}, lines);
    INFO(result.err);
    REQUIRE(result.status == 0);
}

const HttpIndex& shared_http_index() {
    static const HttpIndex index;
    return index;
}

TestServer::TestServer(const std::string& index_folder, TestServerOptions options, SearcherOptions searcher,
                       http::LogOptions log) {
    http::ServerOptions o;
    o.index = index_folder;
    o.port = 0;
    o.threads = options.threads;
    o.cors_origin = options.cors_origin;
    o.limits = options.limits;
    o.searcher = std::move(searcher);
    o.log = &log_;
    o.log_options = log;
    server_ = std::make_unique<http::Server>(std::move(o));
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
}

std::string TestServer::log() const { return log_.str(); }

httplib::Client TestServer::client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    return client;
}

std::string url_encode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

nlohmann::json body_json(const httplib::Result& result) {
    REQUIRE(result);
    INFO("body: " << result->body.substr(0, 2000));
    const auto json = nlohmann::json::parse(result->body, nullptr, false);
    REQUIRE_FALSE(json.is_discarded());
    return json;
}

nlohmann::json search_cli_json(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {search_bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = run(argv);
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    const auto json = nlohmann::json::parse(result.out, nullptr, false);
    REQUIRE_FALSE(json.is_discarded());
    return json;
}

nlohmann::json without_timing(nlohmann::json result) {
    result.erase("took_ms");
    return result;
}

const TestServer& shared_server() {
    static TestServer server(shared_http_index().folder());
    return server;
}

}  // namespace lupe::test
