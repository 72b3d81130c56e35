// Synonyms (`--synonyms FILE`): the file format, the query expansion through Searcher, and the
// option as `lupe-search query` and the HTTP server receive it. Articles and synonym file:
// tests/data/synonyms/.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/GermanAnalyzer.h"
#include "cli/CommandLine.h"
#include "http/TestServer.h"
#include "search/FixtureIndex.h"
#include "search/Searcher.h"
#include "search/Synonyms.h"
#include "support/TestSupport.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::SearcherOptions;
using lupe::SynonymFileError;
using lupe::Synonyms;
using lupe::test::FixtureIndex;
namespace test = lupe::test;

namespace {

using Ids = std::set<std::string>;

std::string synonym_file() { return (test::test_data_dir() / "synonyms" / "synonyms.txt").string(); }
std::string articles_file() { return (test::test_data_dir() / "synonyms" / "articles.jsonl").string(); }

const FixtureIndex& synonym_index() {
    static const FixtureIndex fixture(articles_file());
    return fixture;
}

SearcherOptions with_synonyms(lupe::SynonymMode mode = lupe::SynonymMode::Synonym) {
    SearcherOptions options;
    options.query.expansion.synonyms = Synonyms::load(synonym_file());
    options.query.expansion.synonym_mode = mode;
    return options;
}

Ids search(Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    return test::hit_id_set(searcher.search(std::move(request)));
}

std::shared_ptr<const Synonyms> read(const std::string& text, lupe::SynonymLoadOptions options = {}) {
    std::istringstream in(text);
    lupe::analysis::GermanAnalyzer analyzer;
    return Synonyms::read(in, "test.txt", analyzer, options);
}

}  // namespace

TEST_CASE("without a synonym file a query word finds only itself", "[search][synonyms]") {
    Searcher searcher(synonym_index().folder());
    CHECK(search(searcher, "Auto") == Ids{"auto"});
    CHECK(search(searcher, "PKW") == Ids{"pkw"});
    CHECK(search(searcher, "USA").empty());
}

TEST_CASE("with a synonym file a word finds articles that only use its synonym", "[search][synonyms]") {
    for (const auto mode : {lupe::SynonymMode::Synonym, lupe::SynonymMode::WeightedOr}) {
        Searcher searcher(synonym_index().folder(), with_synonyms(mode));
        CHECK(search(searcher, "Auto") == Ids{"auto", "pkw"});
        CHECK(search(searcher, "PKW") == Ids{"auto", "pkw"});
        // Any inflected form, on either side: the query `Autos` and the entry `Personenkraftwagen`.
        CHECK(search(searcher, "Autos") == Ids{"auto", "pkw"});
        CHECK(search(searcher, "Personenkraftwagen") == Ids{"auto", "pkw"});
        // A field keeps its field: the PKW article says PKW in its lead, not its title.
        CHECK(search(searcher, "title:Auto") == Ids{"auto"});
        CHECK(search(searcher, "lead:Auto") == Ids{"pkw"});
        // Filters are not widened.
        CHECK(search(searcher, "Auto source:Spiegel") == Ids{"pkw"});
        CHECK(search(searcher, "Auto -PKW") == Ids{"auto"});
    }
}

TEST_CASE("the word itself ranks above its synonyms in the weighted OR", "[search][synonyms]") {
    Searcher searcher(synonym_index().folder(), with_synonyms(lupe::SynonymMode::WeightedOr));
    SearchRequest request;
    request.query = "Auto";
    const auto ids = test::hit_ids(searcher.search(std::move(request)));
    REQUIRE(ids.size() == 2);
    CHECK(ids.front() == "auto");
}

TEST_CASE("a synonym of several words is searched as a phrase", "[search][synonyms]") {
    Searcher searcher(synonym_index().folder(), with_synonyms());
    // `USA` -> "Vereinigte Staaten": the article with both words apart is not found.
    CHECK(search(searcher, "USA") == Ids{"staaten"});
    // A quoted phrase that is itself an entry is widened as a whole (finds `USA` articles too);
    // the words of a phrase are never replaced one by one.
    CHECK(search(searcher, "\"Vereinigte Staaten\"") == Ids{"staaten"});
    CHECK(search(searcher, "\"Vereinigte Staaten\" OR Auto") == Ids{"staaten", "auto", "pkw"});
    CHECK(search(searcher, "\"PKW aus Wolfsburg\"").empty());
}

TEST_CASE("annotations, fragments and comments of a synonym file are skipped", "[search][synonyms]") {
    Searcher searcher(synonym_index().folder(), with_synonyms());
    // `Drahtesel (ugs.)` is the entry `Drahtesel`; `Velo...` is a fragment and no entry.
    CHECK(search(searcher, "Drahtesel") == Ids{"fahrrad"});
    const auto table = Synonyms::load(synonym_file());
    CHECK(table->groups() == 3);
    lupe::analysis::GermanAnalyzer analyzer;
    const auto& of_auto = table->of({analyzer.term("Autos")});
    CHECK(of_auto.size() == 2);  // pkw, personenkraftwag
    CHECK(table->of({analyzer.term("Velo")}).empty());
    CHECK(table->of({"ugs"}).empty());
}

TEST_CASE("synonym file lines: separators, comments, groups that shrink", "[search][synonyms]") {
    lupe::analysis::GermanAnalyzer analyzer;
    const std::string pkw = analyzer.term("PKW");
    const std::string wagen = analyzer.term("Wagen");
    SECTION("`;` wins over `,`, whose entries then stay whole") {
        const auto table = read("Prostituierte;eine, die es für Geld macht\n");
        CHECK(table->groups() == 1);
        CHECK(table->of({analyzer.term("Prostituierte")}).size() == 1);
        CHECK(table->of({analyzer.term("Prostituierte")}).front().size() == 6);
    }
    SECTION("a group whose entries are one term after analysis is dropped") {
        CHECK(read("Auto;Autos\n")->groups() == 0);
    }
    SECTION("single words only, and a largest group") {
        const std::string text = "Auto;PKW;fahrbarer Untersatz\nWagen;PKW;Karre;Kiste\n";
        CHECK(read(text)->of({pkw}).size() == 5);
        CHECK(read(text, {true, 0})->of({pkw}).size() == 4);
        CHECK(read(text, {false, 3})->of({pkw}).size() == 2);
        CHECK(read(text, {false, 3})->of({wagen}).empty());
    }
    SECTION("a hyphenated entry is found by its joined term and by its parts") {
        const auto table = read("E-Auto;Elektroauto\n");
        CHECK(table->of({analyzer.term("eauto")}).size() == 1);
        CHECK(table->of({analyzer.term("e"), analyzer.term("auto")}).size() == 1);
    }
}

TEST_CASE("a bad synonym file line is reported with file and line", "[search][synonyms]") {
    const test::TempDir dir;
    const auto path = dir / "bad.txt";
    test::write_file(path, "# comment\nAuto;PKW\n\nFahrrad\n");
    try {
        Synonyms::load(path.string());
        FAIL("no SynonymFileError");
    } catch (const SynonymFileError& e) {
        CHECK(std::string(e.what()).rfind(path.string() + ":4: ", 0) == 0);
    }
    test::write_file(path, "Auto;PKW\nAuto;\xC3(\n");
    CHECK_THROWS_WITH(Synonyms::load(path.string()), Catch::Contains("bad.txt:2: not UTF-8"));
    CHECK_THROWS_AS(Synonyms::load((dir / "missing.txt").string()), SynonymFileError);
}

TEST_CASE("lupe-search query --synonyms expands, and reports a bad file with its line", "[search][synonyms][cli]") {
    const test::TempDir dir;
    const std::string folder = (dir / "index").string();
    REQUIRE(test::run({test::index_bin(), "add", "--index", folder, "--quiet", articles_file()}).status == 0);
    auto ids = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {test::search_bin(), "query", "--index", folder, "--json"});
        const auto r = test::run(args);
        INFO(r.err);
        REQUIRE(r.status == lupe::cli::kOk);
        const auto result = nlohmann::json::parse(r.out);
        Ids out;
        for (const auto& hit : result.at("hits")) out.insert(hit.at("id").get<std::string>());
        return out;
    };
    CHECK(ids({"Auto"}) == Ids{"auto"});
    CHECK(ids({"--synonyms", synonym_file(), "Auto"}) == Ids{"auto", "pkw"});
    CHECK(ids({"--synonyms", synonym_file(), "--synonyms-single-words", "USA"}).empty());

    const auto bad = dir / "bad.txt";
    test::write_file(bad, "Auto;PKW\nFahrrad\n");
    const std::vector<std::vector<std::string>> commands = {{"query", "Auto"}, {"serve", "--port", "0"}};
    for (const auto& command : commands) {
        std::vector<std::string> args = {test::search_bin(), command[0], "--index", folder, "--synonyms", bad.string()};
        args.insert(args.end(), command.begin() + 1, command.end());
        const auto r = test::run(args);
        CHECK(r.status == lupe::cli::kFailure);
        CHECK(r.err == "lupe-search: " + bad.string() + ":2: a group needs at least two entries, separated by ';' or ','\n");
    }
}

TEST_CASE("the HTTP server's searchers use the synonyms they are given", "[search][synonyms][http]") {
    test::TestServer server(synonym_index().folder(), {}, with_synonyms());
    auto client = server.client();
    const auto result = client.Get("/api/search?q=Auto");
    REQUIRE(result);
    const auto body = test::body_json(result);
    Ids ids;
    for (const auto& hit : body.at("hits")) ids.insert(hit.at("id").get<std::string>());
    CHECK(ids == Ids{"auto", "pkw"});

    test::TestServer plain(synonym_index().folder());
    auto plain_client = plain.client();
    CHECK(test::body_json(plain_client.Get("/api/search?q=Auto")).at("hits").size() == 1);
}
