// The HTTP API against a real index: every endpoint answers what the CLI prints.
#include <catch2/catch.hpp>

#include "http/TestServer.h"

using nlohmann::json;
using namespace lupe::test;

namespace {

json get_json(const std::string& path, int status = 200) {
    auto client = shared_server().client();
    const auto result = client.Get(path);
    REQUIRE(result);
    INFO(path << " -> " << result->body.substr(0, 2000));
    CHECK(result->status == status);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    return body_json(result);
}

std::vector<std::string> ids_of(const json& result) {
    std::vector<std::string> ids;
    for (const auto& hit : result.at("hits")) ids.push_back(hit.at("id"));
    return ids;
}

}  // namespace

TEST_CASE("GET /api/health reports the documents and revision", "[http]") {
    const json health = get_json("/api/health");
    CHECK(health.at("status") == "ok");
    CHECK(health.at("documents") == 5);
    CHECK(health.at("revision").get<int>() >= 1);
    CHECK(health.size() == 3);
}

TEST_CASE("GET /api/search answers exactly what `lupe-search query --json` prints", "[http]") {
    const std::string index = shared_http_index().folder();
    struct Row {
        std::string url_query;
        std::vector<std::string> cli_args;
    };
    const std::vector<Row> rows = {
        {"q=Klima", {"--", "Klima"}},
        {"q=" + url_encode("Bundesregierung Gesetz") + "&facets=source,topic,month,year&limit=3",
         {"--facets", "source,topic,month,year", "--limit", "3", "--", "Bundesregierung Gesetz"}},
        {"source=Nordkurier&source=Techblatt&sort=date", {"--source", "Nordkurier", "--source", "Techblatt", "--sort", "date"}},
        {"topic=Sport&topic=Umwelt&facets=topic", {"--topic", "Sport", "--topic", "Umwelt", "--facets", "topic"}},
        {"from=2024&to=2024-06&facets=month", {"--from", "2024", "--to", "2024-06", "--facets", "month"}},
        {"q=Klima&recency=30&offset=1&limit=2", {"--recency", "30", "--offset", "1", "--limit", "2", "--", "Klima"}},
        {"q=" + url_encode("title:Chipfabrik OR \"Bundesliga\""), {"--", "title:Chipfabrik OR \"Bundesliga\""}},
        {"q=Klimaschutzgesez", {"--", "Klimaschutzgesez"}},
        {"", {}},
    };
    for (const Row& row : rows) {
        INFO("?" << row.url_query);
        std::vector<std::string> args = {"query", "--json", "--index", index};
        args.insert(args.end(), row.cli_args.begin(), row.cli_args.end());
        const json cli = search_cli_json(args);
        const json api = get_json("/api/search?" + row.url_query);
        CHECK(without_timing(api) == without_timing(cli));
        CHECK(api.at("took_ms").is_number());
    }
}

TEST_CASE("GET /api/search: repeated source values are OR-ed", "[http]") {
    const json nord = get_json("/api/search?source=Nordkurier");
    const json tech = get_json("/api/search?source=Techblatt");
    const json both = get_json("/api/search?source=Nordkurier&source=Techblatt");
    CHECK(nord.at("total") == 2);
    CHECK(tech.at("total") == 1);
    CHECK(both.at("total") == 3);
}

TEST_CASE("GET /api/search caps limit at 100 and ignores unknown parameters", "[http]") {
    CHECK(get_json("/api/search?limit=100000").at("limit") == 100);
    const json plain = get_json("/api/search?q=Klima");
    const json extra = get_json("/api/search?q=Klima&colour=blue&callback=evil&_=123");
    CHECK(without_timing(extra) == without_timing(plain));
}

TEST_CASE("GET /api/articles/{id} returns the stored article; ids may hold / and :", "[http]") {
    const std::string index = shared_http_index().folder();
    for (const std::string id : {"dpa:2024/klima-gesetz", "tech/chips-dresden", "sport-bundesliga-3"}) {
        INFO(id);
        const json api = get_json("/api/articles/" + url_encode(id));
        CHECK(api == search_cli_json({"get", "--json", "--index", index, id}));
        CHECK(api.at("id") == id);
    }
    // ':' needs no escape in a path; '/' must be %2F.
    CHECK(get_json("/api/articles/dpa:2024%2Fklima-gesetz").at("title") ==
          "Bundesregierung beschließt neues Klimaschutzgesetz");
}

TEST_CASE("GET /api/articles/{id}/related answers what `lupe-search related --json` prints", "[http]") {
    const std::string index = shared_http_index().folder();
    const std::string id = "dpa:2024/klima-gesetz";
    const json api = get_json("/api/articles/" + url_encode(id) + "/related");
    CHECK(without_timing(api) == without_timing(search_cli_json({"related", "--json", "--index", index, id})));
    CHECK(api.at("query") == "related:" + id);
    const auto ids = ids_of(api);
    CHECK(std::find(ids.begin(), ids.end(), id) == ids.end());
    CHECK_FALSE(ids.empty());
    CHECK(get_json("/api/articles/" + url_encode(id) + "/related?limit=1").at("hits").size() == 1);
}

TEST_CASE("GET /api/search?collapse=1 and /api/articles/{id}/similar answer what the CLI prints", "[http][neardup]") {
    // The demo corpus's JSONL part holds one agency story in three sources.
    const HttpIndex index;
    index.add_jsonl(read_file(source_dir() / "corpus/articles.jsonl"));
    TestServer server(index.folder());
    auto client = server.client();
    const auto get = [&](const std::string& path) {
        const auto result = client.Get(path);
        REQUIRE(result);
        INFO(path << " -> " << result->body.substr(0, 500));
        CHECK(result->status == 200);
        return body_json(result);
    };
    const json collapsed = get("/api/search?q=Apfelernte&collapse=1");
    CHECK(without_timing(collapsed) ==
          without_timing(search_cli_json({"query", "--json", "--index", index.folder(), "--collapse", "--", "Apfelernte"})));
    const json plain = get("/api/search?q=Apfelernte&collapse=0");
    CHECK(collapsed.at("articles") == plain.at("total"));
    CHECK(collapsed.at("total") == plain.at("total").get<int>() - 2);
    CHECK_FALSE(plain.contains("articles"));
    std::string shown;
    std::string cluster;
    for (const auto& hit : collapsed.at("hits")) {
        if (hit.at("similar") == 2) {
            shown = hit.at("id");
            cluster = hit.at("cluster");
        }
    }
    REQUIRE_FALSE(shown.empty());
    const json similar = get("/api/articles/" + url_encode(shown) + "/similar");
    CHECK(without_timing(similar) ==
          without_timing(search_cli_json({"similar", "--json", "--index", index.folder(), shown})));
    CHECK(similar.at("hits").size() == 2);
    for (const auto& hit : similar.at("hits")) CHECK(hit.at("cluster") == cluster);
    CHECK(get("/api/articles/" + url_encode(shown) + "/similar?limit=1").at("hits").size() == 1);
    const auto missing = client.Get("/api/articles/no-such-id/similar");
    REQUIRE(missing);
    CHECK(missing->status == 404);
}

TEST_CASE("GET /api/suggest completes the last word from the index vocabulary", "[http][suggest]") {
    const json bund = get_json("/api/suggest?q=" + url_encode("Klima Bundes"));
    CHECK(bund.at("query") == "Klima Bundes");
    const auto words = bund.at("suggestions").get<std::vector<std::string>>();
    REQUIRE_FALSE(words.empty());
    CHECK(words.front() == "Bundesregierung");  // 4 times in the fixture, Bundesliga 3 times
    for (const auto& w : words) CHECK(w.rfind("Bundes", 0) == 0);
    CHECK(words.size() <= 8);

    const auto strasse = get_json("/api/suggest?q=" + url_encode("straß")).at("suggestions");
    CHECK(std::find(strasse.begin(), strasse.end(), "straßenbahn") != strasse.end());

    CHECK(get_json("/api/suggest?q=K").at("suggestions").empty());
    CHECK(get_json("/api/suggest?q=").at("suggestions").empty());
    CHECK(get_json("/api/suggest").at("suggestions").empty());
    CHECK(get_json("/api/suggest?q=" + url_encode("Klima ")).at("suggestions").empty());
}

TEST_CASE("HEAD answers like GET without a body", "[http]") {
    auto client = shared_server().client();
    const auto head = client.Head("/api/health");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
}
