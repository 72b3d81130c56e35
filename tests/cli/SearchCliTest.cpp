// lupe-search as a user runs it: the built programs on an index of the search fixture, exit
// statuses, --json output and one-line errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/CommandLine.h"
#include "search/FixtureIndex.h"
#include "support/TestSupport.h"

using lupe::test::CommandResult;
using nlohmann::json;
namespace test = lupe::test;

namespace {

// An index of fixture.jsonl built with the lupe-index program, once per test process.
const std::string& cli_index() { return test::search_fixture_cli_index(); }

CommandResult lupe_search(const std::vector<std::string>& args) {
    std::vector<std::string> all = {test::search_bin()};
    all.insert(all.end(), args.begin(), args.end());
    return test::run(all);
}

// The keys of a JSON object in the order they were printed.
std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
    return keys;
}

// What a failing command must look like: status, nothing on stdout, one line on stderr.
void check_one_line_error(const CommandResult& r, int status) {
    CHECK(r.status == status);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.back() == '\n');
    CHECK(r.err.rfind("lupe-search: ", 0) == 0);
}

}  // namespace

TEST_CASE("lupe-search query --json prints the documented keys", "[search][cli]") {
    const auto r = lupe_search({"query", "--index", cli_index(), "--json", "--facets", "source,topic,month,year",
                                "-n", "5", "Analysten"});
    REQUIRE(r.status == lupe::cli::kOk);
    CHECK(r.err.empty());
    const json result = json::parse(r.out);
    const auto ordered = nlohmann::ordered_json::parse(r.out);  // for the order of keys
    CHECK(keys_of(ordered) == std::vector<std::string>{"query", "total", "total_exact", "partial", "offset", "limit",
                                                       "took_ms", "hits", "facets", "suggestion"});
    CHECK(result["query"] == "Analysten");
    CHECK(result["total"] == test::search_fixture().ids_with_word("Analysten").size());
    CHECK(result["total_exact"] == true);  // facets asked: every match counted
    CHECK(result["offset"] == 0);
    CHECK(result["limit"] == 5);
    CHECK(result["took_ms"].is_number());
    REQUIRE(result["hits"].size() == 5);
    for (const auto& hit : ordered["hits"]) {
        CHECK(keys_of(hit) == std::vector<std::string>{"id", "title", "source", "topic", "date", "url", "score",
                                                       "snippet", "cluster"});
        CHECK(hit["score"].is_number());
        CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<mark>Analysten</mark>"));
    }
    CHECK(keys_of(ordered["facets"]) == std::vector<std::string>{"source", "topic", "month", "year"});
    for (const auto& count : ordered["facets"]["source"]) {
        CHECK(keys_of(count) == std::vector<std::string>{"value", "count"});
    }
    CHECK(result["suggestion"].is_null());
}

TEST_CASE("lupe-search query combines repeated --source and caps --limit at 100", "[search][cli]") {
    const auto r = lupe_search({"query", "-i", cli_index(), "--json", "-s", "Heise", "--source", "FAZ", "-n", "1000"});
    REQUIRE(r.status == lupe::cli::kOk);
    const json result = json::parse(r.out);
    const auto expected = test::search_fixture().ids_where(
        [](const test::FixtureArticle& a) { return a.source == "Heise" || a.source == "FAZ"; });
    CHECK(result["total"] == expected.size());
    CHECK(result["limit"] == 100);
    std::set<std::string> ids;
    for (const auto& hit : result["hits"]) ids.insert(hit["id"].get<std::string>());
    CHECK(ids == expected);
}

TEST_CASE("lupe-search query --time-limit: a search within its limit is not partial", "[search][cli][reliability]") {
    for (const char* limit : {"0", "60000"}) {
        const auto r = lupe_search({"query", "--index", cli_index(), "--json", "--time-limit", limit, "Chip"});
        REQUIRE(r.status == lupe::cli::kOk);
        const json result = json::parse(r.out);
        CHECK(result.at("partial") == false);
        CHECK(result.at("total").get<int>() > 0);
    }
}

TEST_CASE("lupe-search query prints readable text without --json", "[search][cli]") {
    const auto r = lupe_search({"query", "--index", cli_index(), "Chip"});
    REQUIRE(r.status == lupe::cli::kOk);
    CHECK_THAT(r.out, Catch::Contains("Treffer"));
    CHECK_THAT(r.out, Catch::Contains("\xC2\xAB" "Chips" "\xC2\xBB"));  // «Chips»: not a terminal
    CHECK(r.out.find("<mark>") == std::string::npos);
}

TEST_CASE("lupe-search get --json returns the stored article", "[search][cli]") {
    const auto& fixture = test::search_fixture().articles();
    const auto article = std::find_if(fixture.begin(), fixture.end(), [](const auto& a) { return a.id == "haus-am-see"; });
    REQUIRE(article != fixture.end());
    const auto r = lupe_search({"get", "--index", cli_index(), "--json", article->id});
    REQUIRE(r.status == lupe::cli::kOk);
    const auto got = nlohmann::ordered_json::parse(r.out);
    CHECK(keys_of(got) == std::vector<std::string>{"id", "title", "lead", "body", "source", "topic", "date", "url"});
    CHECK(got["id"] == article->id);
    CHECK(got["title"] == article->title);
    CHECK(got["lead"] == article->lead);
    CHECK(got["body"] == article->body);
    CHECK(got["source"] == article->source);
    CHECK(got["topic"] == article->topic);
    CHECK(got["date"] == article->date);
    CHECK(got["url"] == "https://example.org/haus-am-see");
}

TEST_CASE("lupe-search get and related of an unknown id fail with one line", "[search][cli]") {
    const auto command = GENERATE(as<std::string>{}, "get", "related", "similar");
    INFO(command);
    const auto r = lupe_search({command, "--index", cli_index(), "no-such-article"});
    check_one_line_error(r, lupe::cli::kFailure);
    CHECK_THAT(r.err, Catch::Contains("no-such-article"));
}

TEST_CASE("lupe-search related --json lists the article's subject first, never itself", "[search][cli]") {
    const auto r = lupe_search({"related", "--index", cli_index(), "--json", "-n", "5", "magdeburg-2"});
    REQUIRE(r.status == lupe::cli::kOk);
    const json result = json::parse(r.out);
    REQUIRE(result["hits"].size() == 5);
    std::set<std::string> top3;
    for (std::size_t i = 0; i < 3; ++i) top3.insert(result["hits"][i]["id"].get<std::string>());
    CHECK(top3 == std::set<std::string>{"magdeburg-1", "magdeburg-3", "magdeburg-4"});
    for (const auto& hit : result["hits"]) CHECK(hit["id"] != "magdeburg-2");
}

TEST_CASE("lupe-search query --collapse shows copies of a story as one hit; similar lists them", "[search][cli][neardup]") {
    // corpus/articles.jsonl holds one agency story in three sources (lupe-demo-0027..0029).
    const test::TempDir dir;
    const std::string index = (dir / "index").string();
    const auto added = test::run({test::index_bin(), "add", "--index", index, "--quiet",
                                  (test::source_dir() / "corpus/articles.jsonl").string()});
    REQUIRE(added.status == lupe::cli::kOk);
    const std::set<std::string> copies = {"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"};

    const auto plain = lupe_search({"query", "--index", index, "--json", "-n", "100", "Apfelernte"});
    const auto collapsed = lupe_search({"query", "--index", index, "--json", "-n", "100", "--collapse", "Apfelernte"});
    REQUIRE(plain.status == lupe::cli::kOk);
    REQUIRE(collapsed.status == lupe::cli::kOk);
    const auto p = nlohmann::ordered_json::parse(plain.out);
    const auto c = nlohmann::ordered_json::parse(collapsed.out);
    CHECK(keys_of(c) == std::vector<std::string>{"query", "total", "articles", "total_exact", "partial", "offset",
                                                 "limit", "took_ms", "hits", "facets", "suggestion"});
    CHECK(c["articles"] == p["total"]);
    CHECK(c["total"] == p["total"].get<int>() - 2);
    std::string shown;
    for (const auto& hit : c["hits"]) {
        CHECK(keys_of(hit).back() == "similar");
        if (copies.count(hit["id"].get<std::string>())) {
            CHECK(shown.empty());
            shown = hit["id"];
            CHECK(hit["similar"] == 2);
        }
    }
    REQUIRE_FALSE(shown.empty());

    const auto similar = lupe_search({"similar", "--index", index, "--json", shown});
    REQUIRE(similar.status == lupe::cli::kOk);
    std::set<std::string> listed;
    const json similar_json = json::parse(similar.out);
    for (const auto& hit : similar_json["hits"]) listed.insert(hit["id"].get<std::string>());
    std::set<std::string> expected = copies;
    expected.erase(shown);
    CHECK(listed == expected);

    const auto text = lupe_search({"query", "--index", index, "--collapse", "Apfelernte"});
    CHECK_THAT(text.out, Catch::Contains("+ 2 ähnliche Artikel (lupe-search similar " + shown + ")"));
}

TEST_CASE("lupe-search rejects a query it cannot read with one line and no output", "[search][cli]") {
    const auto query = GENERATE(as<std::string>{}, "date:2024-13-01..x", "date:..", "Chip date:2024-02-30");
    INFO(query);
    const auto r = lupe_search({"query", "--index", cli_index(), "--json", query});
    CHECK(r.status != lupe::cli::kOk);
    check_one_line_error(r, lupe::cli::kFailure);
    CHECK_THAT(r.err, Catch::Contains("date"));
}

TEST_CASE("lupe-search accepts odd but readable queries", "[search][cli]") {
    const auto query = GENERATE(as<std::string>{}, "\"unclosed", "((Chip", "Chip AND", "title:", "*", "-", "NOT");
    INFO(query);
    const auto r = lupe_search({"query", "--index", cli_index(), "--json", query});
    REQUIRE(r.status == lupe::cli::kOk);
    CHECK_NOTHROW(json::parse(r.out));
}

TEST_CASE("lupe-search rejects bad options with a message naming them", "[search][cli]") {
    struct Row {
        std::vector<std::string> args;
        int status;
        const char* named;
    };
    const Row rows[] = {
        {{"--sort", "nonsense"}, lupe::cli::kUsage, "nonsense"},
        {{"--facets", "bogus"}, lupe::cli::kUsage, "bogus"},
        {{"--facets", "source,bogus"}, lupe::cli::kUsage, "bogus"},
        {{"--from", "2024-13"}, lupe::cli::kUsage, "from"},
        {{"--to", "gestern"}, lupe::cli::kUsage, "to"},
        {{"--from", "2025", "--to", "2024"}, lupe::cli::kUsage, "to"},
        {{"--offset", "999999999"}, lupe::cli::kUsage, "offset"},
        {{"--recency", "-3"}, lupe::cli::kUsage, "recency"},
        {{"--time-limit", "-1"}, lupe::cli::kUsage, "time-limit"},
        {{"--time-limit", "600001"}, lupe::cli::kUsage, "time-limit"},
    };
    for (const Row& row : rows) {
        std::vector<std::string> args = {"query", "--index", cli_index()};
        args.insert(args.end(), row.args.begin(), row.args.end());
        args.push_back("Chip");
        INFO(Catch::Detail::stringify(row.args));
        const auto r = lupe_search(args);
        CHECK(r.status == row.status);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::Contains(row.named));
    }
}

TEST_CASE("lupe-search on a missing index folder exits 1 with a clear message", "[search][cli]") {
    test::TempDir dir;
    const std::string missing = (dir / "no-index-here").string();
    const auto command = GENERATE(as<std::vector<std::string>>{}, std::vector<std::string>{"query", "Chip"},
                                  std::vector<std::string>{"get", "some-id"},
                                  std::vector<std::string>{"related", "some-id"});
    std::vector<std::string> args = {command[0], "--index", missing, command[1]};
    INFO(command[0]);
    const auto r = lupe_search(args);
    check_one_line_error(r, lupe::cli::kFailure);
    CHECK_THAT(r.err, Catch::Contains(missing));
    CHECK_THAT(r.err, Catch::Contains("no index"));
}
