// lupe-index as a user runs it: the built program, real files, exit statuses, --json output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "cli/CommandLine.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "support/TestSupport.h"

using lupe::test::CommandResult;
using lupe::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;
namespace schema = lupe::schema;
namespace test = lupe::test;

namespace {

CommandResult lupe_index(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), test::index_bin());
    return test::run(args, input);
}

// `lupe-index add --index FOLDER --json ARGS...`; the summary parsed.
json add_json(const std::string& folder, const std::vector<std::string>& args, int expected_status,
              const std::string& input = {}) {
    std::vector<std::string> all = {"add", "--index", folder, "--json", "--quiet"};
    all.insert(all.end(), args.begin(), args.end());
    const auto result = lupe_index(all, input);
    INFO("stderr: " << result.err);
    INFO("stdout: " << result.out.substr(0, 4000));
    REQUIRE(result.status == expected_status);
    const json summary = json::parse(result.out, nullptr, false);
    REQUIRE_FALSE(summary.is_discarded());
    return summary;
}

std::optional<Xapian::Document> document(const Xapian::Database& db, const std::string& id) {
    const std::string term = schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return db.get_document(*it);
}

std::set<std::string> ids_in(const Xapian::Database& db) {
    std::set<std::string> ids;
    const std::string prefix(schema::kIdPrefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        ids.insert((*it).substr(prefix.size()));
    }
    return ids;
}

std::vector<std::string> rejected_locations(const json& summary) {
    std::vector<std::string> out;
    for (const auto& r : summary.at("rejections")) out.push_back(r.at("location").get<std::string>());
    return out;
}

std::string example_path() { return (test::shared_dir() / "format/example-article.txt").string(); }

std::string fixture(const std::string& name) {
    return test::read_file(test::test_data_dir() / "articles" / name);
}

}  // namespace

TEST_CASE("lupe-index add indexes the reference article as the format describes", "[cli][e2e]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const json summary = add_json(folder, {example_path()}, lupe::cli::kOk);
    CHECK(summary.at("indexed") == 1);
    CHECK(summary.at("rejected") == 0);
    CHECK(summary.at("documents") == 1);

    const Xapian::Database db(folder);
    REQUIRE(db.get_doccount() == 1);
    const auto doc = document(db, "example-article");
    REQUIRE(doc);
    CHECK(doc->get_value(schema::kDateSlot) == "20241008");
    CHECK(doc->get_value(schema::kTopicSlot) == "Technologie");
    CHECK(doc->get_value(schema::kSourceSlot) == "Eulerpool");
    CHECK(db.term_exists("D20241008"));
    CHECK(db.term_exists("XTtechnologie"));
    CHECK(db.term_exists("XSeulerpool"));

    // The title is the headline line of the file (its third non-empty line).
    std::ifstream file(example_path());
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(file, line)) {
        if (!line.empty()) lines.push_back(line);
    }
    REQUIRE(lines.size() > 3);
    const lupe::Article stored = lupe::decode_stored_article(doc->get_data());
    CHECK(stored.title == lines[2]);
    CHECK(stored.date == lupe::Date{2024, 10, 8});

    lupe::analysis::GermanAnalyzer analyzer;
    CHECK_FALSE(db.term_exists(analyzer.term("Foxconn")));
    CHECK_FALSE(db.term_exists(analyzer.term("Rekordumsatz")));
    CHECK(db.term_exists(analyzer.term("Huawei")));
    CHECK(db.term_exists(std::string(schema::kTitlePrefix) + analyzer.term("Huawei")));
    CHECK(db.term_exists(analyzer.term("Sanktionen")));
    CHECK_FALSE(db.term_exists(analyzer.term("Quelle")));
}

TEST_CASE("lupe-index add indexes the shared corpus and skips it unchanged the second time",
          "[cli][e2e][slow]") {
    const fs::path corpus = test::shared_dir() / "data/corpus";
    const std::vector<std::string> plain = {(corpus / "10kgnad_test.jsonl").string(),
                                            (corpus / "wmt_de_news.jsonl").string(),
                                            (corpus / "xglue_nc_de_dev.jsonl").string()};
    const std::string zeitgeist = (corpus / "zeitgeist_snippets.jsonl").string();
    const std::vector<std::string> zeitgeist_args = {"--map", "source=site", "--map",
                                                     "date=gathered_date", zeitgeist};

    // Expected: one document per line with a title or a body (all corpus ids are distinct).
    std::set<std::string> expected_ids;
    std::size_t lines = 0;
    for (const auto& path : {plain[0], plain[1], plain[2], zeitgeist}) {
        std::ifstream in(path);
        REQUIRE(in);
        std::string line;
        while (std::getline(in, line)) {
            ++lines;
            const json j = json::parse(line);
            auto text = [&](const char* key) {
                if (!j.contains(key) || !j[key].is_string()) return std::string();
                std::string s = j[key].get<std::string>();
                const auto first = s.find_first_not_of(" \t\r\n");
                return first == std::string::npos ? std::string() : s;
            };
            if (!text("title").empty() || !text("body").empty()) expected_ids.insert(j.at("id"));
        }
    }
    REQUIRE(lines == 6528);
    REQUIRE(expected_ids.size() > 6000);

    TempDir dir;
    const std::string folder = (dir / "index").string();
    const json first_plain = add_json(folder, plain, lupe::cli::kOk);
    const json first_zeit = add_json(folder, zeitgeist_args, lupe::cli::kOk);
    CHECK(first_plain.at("rejected") == 0);
    CHECK(first_zeit.at("rejected") == 0);
    CHECK(first_plain.at("indexed").get<std::size_t>() + first_zeit.at("indexed").get<std::size_t>() ==
          expected_ids.size());
    CHECK(first_zeit.at("documents").get<std::size_t>() == expected_ids.size());
    {
        const Xapian::Database db(folder);
        CHECK(db.get_doccount() == expected_ids.size());
        CHECK(ids_in(db) == expected_ids);
        // The field map applied: zeitgeist sources are sites, dates the gathering dates.
        std::ifstream in(zeitgeist);
        std::string line;
        REQUIRE(std::getline(in, line));
        const json first = json::parse(line);
        const auto doc = document(db, first.at("id"));
        REQUIRE(doc);
        CHECK(doc->get_value(schema::kSourceSlot) == first.at("site").get<std::string>());
        std::string date = first.at("gathered_date");
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        CHECK(doc->get_value(schema::kDateSlot) == date);
    }

    const json second_plain = add_json(folder, plain, lupe::cli::kOk);
    const json second_zeit = add_json(folder, zeitgeist_args, lupe::cli::kOk);
    for (const json* s : {&second_plain, &second_zeit}) {
        CHECK(s->at("indexed") == 0);
        CHECK(s->at("replaced") == 0);
        CHECK(s->at("rejected") == 0);
        CHECK(s->at("documents").get<std::size_t>() == expected_ids.size());
    }
    CHECK(second_plain.at("unchanged") == first_plain.at("indexed"));
    CHECK(second_zeit.at("unchanged") == first_zeit.at("indexed"));
    CHECK(Xapian::Database(folder).get_doccount() == expected_ids.size());
}

TEST_CASE("lupe-index add reports every bad input and indexes every good one", "[cli][e2e]") {
    TempDir dir;
    const fs::path in = dir / "eingang";
    std::mt19937 random(7);

    test::write_file(in / "good1.txt", fixture("full-layout.txt"));
    test::write_file(in / "good2.txt", fixture("no-topic.txt"));
    test::write_file(in / "empty.txt", "");
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>(random() % 256);
    binary[100] = '\0';
    test::write_file(in / "binary.txt", binary);
    // Neither UTF-8 nor Latin-1 text: paragraphs of random bytes above 0x7F.
    std::string high;
    for (int i = 0; i < 3000; ++i) {
        high += i % 600 == 599 ? "\n\n"
                : i % 9 == 8   ? " "
                               : std::string(1, static_cast<char>(0x80 + random() % 0x80));
    }
    test::write_file(in / "invalid-utf8.txt", high);
    test::write_file(in / "no-body.txt", fixture("headline-only.txt"));
    test::write_file(in / "feed.jsonl",
                     R"({"id": "feed-1", "title": "Erste Meldung", "body": "Text eins."})"
                     "\n"
                     "das ist kein JSON\n"
                     R"({"id": "feed-3", "title": "Dritte Meldung", "body": "Text drei."})"
                     "\n");
    {
        std::ofstream big(in / "big.jsonl", std::ios::binary);
        big << R"({"id": "huge", "title": "Riesig", "body": ")";
        const std::string chunk(1 << 20, 'a');
        for (int i = 0; i < 50; ++i) big << chunk;
        big << "\"}\n" << R"({"id": "after-huge", "title": "Danach", "body": "Kurz."})" << "\n";
    }
    REQUIRE(fs::file_size(in / "big.jsonl") > 50u << 20);

    const std::string folder = (dir / "index").string();
    const json summary = add_json(folder, {in.string()}, lupe::cli::kPartial);

    const std::string base = in.string() + "/";
    const std::vector<std::string> expected_rejections = {
        base + "big.jsonl:1", base + "binary.txt",  base + "empty.txt",
        base + "feed.jsonl:2", base + "invalid-utf8.txt", base + "no-body.txt:5"};
    CHECK(rejected_locations(summary) == expected_rejections);
    CHECK(summary.at("rejected") == expected_rejections.size());
    for (const auto& r : summary.at("rejections")) {
        INFO(r.dump());
        CHECK_FALSE(r.at("reason").get<std::string>().empty());
    }
    CHECK(summary.at("indexed") == 5);
    CHECK(summary.at("files") == 8);

    const Xapian::Database db(folder);
    CHECK(ids_in(db) == std::set<std::string>{"after-huge", "feed-1", "feed-3", "good1", "good2"});
}

TEST_CASE("lupe-index exit status 2 for a wrong command line", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const std::vector<std::vector<std::string>> wrong = {
        {"add", "--index", folder, "--bogus", example_path()},
        {"add", "--index", folder},                        // no PATH
        {"add", example_path()},                           // no --index
        {"frobnicate"},                                    // unknown subcommand
        {},                                                // no subcommand
        {"add", "--index", folder, "--threads", "x", example_path()},
        {"add", "--index", folder, "--map", "author=by", example_path()},
        {"add", "--index", folder, "--map", "nonsense", example_path()},
    };
    for (const auto& args : wrong) {
        const auto result = lupe_index(args);
        std::string line;
        for (const auto& a : args) line += a + " ";
        INFO(line << "\nstderr: " << result.err);
        CHECK(result.status == lupe::cli::kUsage);
        CHECK_FALSE(result.err.empty());
    }
    CHECK_FALSE(fs::exists(folder + "/iamglass"));
    CHECK(lupe_index({"--help"}).status == lupe::cli::kOk);
    CHECK(lupe_index({"add", "--help"}).status == lupe::cli::kOk);
}

TEST_CASE("lupe-index add exits 1 when nothing could be read", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const std::string missing = (dir / "gibt-es-nicht.txt").string();
    const json summary = add_json(folder, {missing}, lupe::cli::kFailure);
    CHECK(rejected_locations(summary) == std::vector<std::string>{missing});
    CHECK(summary.at("indexed") == 0);

    // Without --json the reason is on stderr.
    const auto plain = lupe_index({"add", "--index", folder, missing});
    CHECK(plain.status == lupe::cli::kFailure);
    CHECK_THAT(plain.err, Catch::Contains(missing) && Catch::Contains("no such file"));
}

TEST_CASE("lupe-index delete removes articles by id", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    test::write_file(dir / "in/eins.txt", fixture("full-layout.txt"));
    test::write_file(dir / "in/zwei.txt", fixture("no-topic.txt"));
    add_json(folder, {(dir / "in").string()}, lupe::cli::kOk);

    const auto deleted = lupe_index({"delete", "--index", folder, "--json", "eins"});
    INFO(deleted.err);
    CHECK(deleted.status == lupe::cli::kOk);
    const json j = json::parse(deleted.out);
    CHECK(j.at("deleted") == json::array({"eins"}));
    CHECK(j.at("documents") == 1);
    {
        const Xapian::Database db(folder);
        CHECK(ids_in(db) == std::set<std::string>{"zwei"});
    }

    const auto unknown = lupe_index({"delete", "--index", folder, "eins", "zwei"});
    CHECK(unknown.status == lupe::cli::kPartial);
    CHECK_THAT(unknown.err, Catch::Contains("not found: eins"));
    CHECK(Xapian::Database(folder).get_doccount() == 0);
}

TEST_CASE("lupe-index delete and stats exit 1 without an index", "[cli]") {
    TempDir dir;
    const std::string missing = (dir / "kein-index").string();
    const auto deleted = lupe_index({"delete", "--index", missing, "eins"});
    CHECK(deleted.status == lupe::cli::kFailure);
    CHECK_THAT(deleted.err, Catch::Contains(missing));
    CHECK_FALSE(fs::exists(missing));

    const auto stats = lupe_index({"stats", "--index", missing});
    CHECK(stats.status == lupe::cli::kFailure);
    CHECK_THAT(stats.err, Catch::Contains(missing));
}

TEST_CASE("lupe-index stats --json describes the index", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    test::write_file(dir / "in/a.txt", fixture("full-layout.txt"));   // 2024-03-12, Wirtschaft
    test::write_file(dir / "in/b.txt", fixture("no-source.txt"));     // 2024-10-08, Sport
    test::write_file(dir / "in/c.jsonl",
                     R"({"id": "c1", "title": "Ohne Datum", "source": "Lausitzer Morgenpost", "topic": "Sport"})"
                     "\n");
    add_json(folder, {(dir / "in").string(), example_path()}, lupe::cli::kOk);

    const auto result = lupe_index({"stats", "--index", folder, "--json"});
    INFO(result.err);
    REQUIRE(result.status == lupe::cli::kOk);
    const json stats = json::parse(result.out);
    CHECK(stats.at("documents") == 4);
    CHECK(stats.at("first_date") == "2024-03-12");
    CHECK(stats.at("last_date") == "2024-10-08");
    CHECK(stats.at("without_date") == 1);
    CHECK(stats.at("sources") == json::parse(R"([{"value": "Lausitzer Morgenpost", "count": 2},
                                                 {"value": "Eulerpool", "count": 1}])"));
    CHECK(stats.at("topics") == json::parse(R"([{"value": "Sport", "count": 2},
                                                {"value": "Technologie", "count": 1},
                                                {"value": "Wirtschaft", "count": 1}])"));

    const auto text = lupe_index({"stats", "--index", folder});
    CHECK(text.status == lupe::cli::kOk);
    CHECK_THAT(text.out, Catch::Contains("Documents: 4"));
}

TEST_CASE("lupe-index add - reads JSON Lines from standard input", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const std::string input = R"({"id": "s1", "title": "Erste", "body": "Text über Huawei."})"
                              "\n"
                              R"({"title": "Zweite", "body": "Noch ein Text."})"
                              "\n"
                              "kaputt\n";
    const json summary = add_json(folder, {"-"}, lupe::cli::kPartial, input);
    CHECK(summary.at("indexed") == 2);
    CHECK(rejected_locations(summary) == std::vector<std::string>{"stdin:3"});
    const Xapian::Database db(folder);
    CHECK(ids_in(db) == std::set<std::string>{"s1", "stdin:2"});
}

TEST_CASE("lupe-index add indexes articles with long urls, sources and topics", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const json lines[] = {
        {{"url", "https://example.org/" + std::string(300, 'x')}, {"title", "Lange Adresse"}},
        {{"id", "lange-quelle"}, {"title", "Lange Quelle"}, {"source", std::string(300, 'Q')},
         {"topic", std::string(300, 'T')}},
        {{"id", "kurz"}, {"title", "Kurz"}},
    };
    std::string input;
    for (const auto& line : lines) input += line.dump() + "\n";
    const json summary = add_json(folder, {"-"}, lupe::cli::kOk, input);
    CHECK(summary.at("indexed") == 3);
    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 3);
    const auto doc = document(db, "lange-quelle");
    REQUIRE(doc);
    CHECK(doc->get_value(schema::kSourceSlot) == std::string(300, 'Q'));
    CHECK(document(db, "https://example.org/" + std::string(300, 'x')));
}

TEST_CASE("lupe-index add replaces an article whose file changed", "[cli]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    const fs::path file = dir / "in/artikel.txt";
    std::string text = fixture("full-layout.txt");
    test::write_file(file, text);
    test::write_file(dir / "in/anderer.txt", fixture("no-topic.txt"));
    add_json(folder, {(dir / "in").string()}, lupe::cli::kOk);

    const std::string old_sentence = "auch einen kleinen Mittagstisch an.";
    const std::string new_sentence = "auch eine Kaffeebar mit Sitzplätzen an.";
    REQUIRE(text.find(old_sentence) != std::string::npos);
    text.replace(text.find(old_sentence), old_sentence.size(), new_sentence);
    test::write_file(file, text);

    const json summary = add_json(folder, {(dir / "in").string()}, lupe::cli::kOk);
    CHECK(summary.at("indexed") == 0);
    CHECK(summary.at("replaced") == 1);
    CHECK(summary.at("unchanged") == 1);
    CHECK(summary.at("documents") == 2);

    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 2);
    const auto doc = document(db, "artikel");
    REQUIRE(doc);
    const auto stored = lupe::decode_stored_article(doc->get_data());
    CHECK(stored.body.find(new_sentence) != std::string::npos);
    CHECK(stored.body.find(old_sentence) == std::string::npos);
    lupe::analysis::GermanAnalyzer analyzer;
    CHECK(db.term_exists(analyzer.term("Kaffeebar")));
    CHECK_FALSE(db.term_exists(analyzer.term("Mittagstisch")));
}
