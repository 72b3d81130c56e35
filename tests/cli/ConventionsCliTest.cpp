// The conventions both programs keep (README.md, "Configuration" and "Exit status"): config
// files and LUPE_ variables with their precedence, data on stdout and messages on stderr,
// --quiet, colour and progress bars only on a terminal (a pseudo-terminal here), NO_COLOR,
// the serve log as JSON lines, and the exit statuses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/CommandLine.h"
#include "search/FixtureIndex.h"
#include "support/TestSupport.h"

using lupe::test::CommandResult;
using lupe::test::RunOptions;
using lupe::test::TempDir;
using nlohmann::json;
namespace test = lupe::test;

namespace {

// An index of the search fixture, once per test process.
const std::string& fixture_index() { return test::search_fixture_cli_index(); }

// Every LUPE_ variable a test may set, unset in the child unless the test sets it.
std::vector<std::string> clean_env(std::vector<std::string> set = {}) {
    std::vector<std::string> env = {"LUPE_CONFIG", "LUPE_INDEX", "LUPE_PORT", "LUPE_HOST", "LUPE_LOG_FORMAT",
                                    "LUPE_QUIET", "NO_COLOR"};
    env.insert(env.end(), set.begin(), set.end());
    return env;
}

CommandResult program(const std::string& bin, const std::vector<std::string>& args, RunOptions options = {}) {
    std::vector<std::string> argv = {bin};
    argv.insert(argv.end(), args.begin(), args.end());
    options.env = clean_env(options.env);
    return test::run(argv, options);
}

CommandResult lupe_search(const std::vector<std::string>& args, RunOptions options = {}) {
    return program(test::search_bin(), args, std::move(options));
}

CommandResult lupe_index(const std::vector<std::string>& args, RunOptions options = {}) {
    return program(test::index_bin(), args, std::move(options));
}

RunOptions with_env(std::vector<std::string> env) {
    RunOptions options;
    options.env = std::move(env);
    return options;
}

std::string describe(const CommandResult& r) {
    return "status " + std::to_string(r.status) + "\nstdout: " + r.out.substr(0, 2000) +
           "\nstderr: " + r.err.substr(0, 2000) + "\nterminal: " + r.terminal.substr(0, 2000);
}

}  // namespace

TEST_CASE("options come from a config file, one section per subcommand", "[cli][config]") {
    TempDir dir;
    test::write_file(dir / "lupe.toml",
                     "# lupe-search settings\n[query]\nindex = \"" + fixture_index() + "\"\nlimit = 2\njson = true\n");
    const auto r = lupe_search({"--config", (dir / "lupe.toml").string(), "query", "Chip"});
    INFO(describe(r));
    REQUIRE(r.status == lupe::cli::kOk);
    const json result = json::parse(r.out);
    CHECK(result.at("limit") == 2);

    // LUPE_CONFIG names the file too; the command line still wins over it.
    const auto from_env = lupe_search({"query", "--limit", "3", "Chip"},
                                      with_env({"LUPE_CONFIG=" + (dir / "lupe.toml").string()}));
    INFO(describe(from_env));
    REQUIRE(from_env.status == lupe::cli::kOk);
    CHECK(json::parse(from_env.out).at("limit") == 3);

    // INI layout works as well.
    test::write_file(dir / "lupe.ini", "[stats]\nindex=" + fixture_index() + "\njson=true\n");
    const auto stats = lupe_index({"--config", (dir / "lupe.ini").string(), "stats"});
    INFO(describe(stats));
    REQUIRE(stats.status == lupe::cli::kOk);
    CHECK(json::parse(stats.out).at("documents").get<int>() > 0);
}

TEST_CASE("a wrong config file is a usage error that names it", "[cli][config]") {
    TempDir dir;
    test::write_file(dir / "typo.toml", "[query]\nindx = \"/tmp\"\n");
    const auto typo = lupe_search({"--config", (dir / "typo.toml").string(), "query", "--index", fixture_index(), "x"});
    INFO(describe(typo));
    CHECK(typo.status == lupe::cli::kUsage);
    CHECK(typo.out.empty());
    CHECK_THAT(typo.err, Catch::Contains("indx"));

    const std::string missing = (dir / "missing.toml").string();
    const auto absent = lupe_search({"--config", missing, "query", "--index", fixture_index(), "x"});
    INFO(describe(absent));
    CHECK(absent.status == lupe::cli::kUsage);
    CHECK_THAT(absent.err, Catch::Contains("missing.toml"));

    const auto absent_env = lupe_search({"query", "--index", fixture_index(), "x"}, with_env({"LUPE_CONFIG=" + missing}));
    INFO(describe(absent_env));
    CHECK(absent_env.status == lupe::cli::kUsage);
    CHECK_THAT(absent_env.err, Catch::Contains("missing.toml"));
}

TEST_CASE("serve options: command line over LUPE_ variables over config file over default", "[cli][config]") {
    // Which --index won shows in the error: none of these folders is an index.
    TempDir dir;
    const std::string from_file = (dir / "from-file").string();
    const std::string from_env = (dir / "from-env").string();
    const std::string from_cli = (dir / "from-command-line").string();
    const std::string config = (dir / "serve.toml").string();
    test::write_file(config, "[serve]\nindex = \"" + from_file + "\"\nport = 0\n");

    const auto file_only = lupe_search({"--config", config, "serve"});
    INFO(describe(file_only));
    CHECK(file_only.status == lupe::cli::kFailure);
    CHECK_THAT(file_only.err, Catch::Contains(from_file));

    const auto env_over_file = lupe_search({"--config", config, "serve"}, with_env({"LUPE_INDEX=" + from_env}));
    INFO(describe(env_over_file));
    CHECK(env_over_file.status == lupe::cli::kFailure);
    CHECK_THAT(env_over_file.err, Catch::Contains(from_env));

    const auto cli_over_env = lupe_search({"--config", config, "serve", "--index", from_cli},
                                          with_env({"LUPE_INDEX=" + from_env}));
    INFO(describe(cli_over_env));
    CHECK(cli_over_env.status == lupe::cli::kFailure);
    CHECK_THAT(cli_over_env.err, Catch::Contains(from_cli));

    // An empty variable counts as unset.
    const auto empty_env = lupe_search({"--config", config, "serve"}, with_env({"LUPE_INDEX="}));
    CHECK_THAT(empty_env.err, Catch::Contains(from_file));

    // Values from the environment are checked like command-line values.
    const auto bad_port = lupe_search({"serve", "--index", fixture_index()}, with_env({"LUPE_PORT=99999"}));
    INFO(describe(bad_port));
    CHECK(bad_port.status == lupe::cli::kUsage);
    CHECK_THAT(bad_port.err, Catch::Contains("99999"));

    // No source at all: --index is required.
    CHECK(lupe_search({"serve"}).status == lupe::cli::kUsage);
}

TEST_CASE("serve --log-format json writes its errors as JSON lines too", "[cli][log]") {
    TempDir dir;
    const std::string missing = (dir / "none").string();
    const auto r = lupe_search({"serve", "--index", missing, "--log-format", "json"});
    INFO(describe(r));
    CHECK(r.status == lupe::cli::kFailure);
    CHECK(r.out.empty());
    REQUIRE(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    const json line = json::parse(r.err);
    CHECK(line.at("level") == "error");
    CHECK_THAT(line.at("msg").get<std::string>(), Catch::Contains(missing));
    CHECK(line.at("time").is_string());

    const auto env = lupe_search({"serve", "--index", missing}, with_env({"LUPE_LOG_FORMAT=json"}));
    CHECK(json::parse(env.err, nullptr, false).is_object());

    CHECK(lupe_search({"serve", "--index", missing, "--log-format", "xml"}).status == lupe::cli::kUsage);
}

TEST_CASE("data goes to stdout, messages to stderr", "[cli]") {
    const auto query = lupe_search({"query", "--index", fixture_index(), "--json", "Chip"});
    INFO(describe(query));
    REQUIRE(query.status == lupe::cli::kOk);
    CHECK(json::parse(query.out, nullptr, false).is_object());
    CHECK(query.err.empty());

    TempDir dir;
    const std::string folder = (dir / "index").string();
    const auto add = lupe_index({"add", "--index", folder, test::search_fixture_path().string()});
    INFO(describe(add));
    REQUIRE(add.status == lupe::cli::kOk);
    CHECK(add.out.empty());  // the summary is a message here
    CHECK_THAT(add.err, Catch::Contains("indexed "));

    const auto quiet = lupe_index({"add", "--index", folder, "--quiet", test::search_fixture_path().string()});
    CHECK(quiet.status == lupe::cli::kOk);
    CHECK(quiet.out.empty());
    CHECK(quiet.err.empty());

    const auto quiet_delete = lupe_index({"delete", "--index", folder, "--quiet", "gibt-es-nicht"});
    CHECK(quiet_delete.status == lupe::cli::kPartial);
    CHECK(quiet_delete.out.empty());
    CHECK(quiet_delete.err.empty());
    const auto loud_delete = lupe_index({"delete", "--index", folder, "gibt-es-nicht"});
    CHECK(loud_delete.out.empty());
    CHECK_THAT(loud_delete.err, Catch::Contains("not found: gibt-es-nicht"));
}

TEST_CASE("the progress bar shows only when stderr is a terminal", "[cli][terminal]") {
    TempDir dir;
    const std::string input = test::search_fixture_path().string();

    RunOptions terminal;
    terminal.stderr_terminal = true;
    const auto on_terminal = lupe_index({"add", "--index", (dir / "a").string(), input}, terminal);
    INFO(describe(on_terminal));
    REQUIRE(on_terminal.status == lupe::cli::kOk);
    CHECK(on_terminal.out.empty());
    CHECK_THAT(on_terminal.terminal, Catch::Contains("\r[") && Catch::Contains("articles"));
    CHECK_THAT(on_terminal.terminal, Catch::Contains("indexed "));  // the summary after it

    const auto piped = lupe_index({"add", "--index", (dir / "b").string(), input});
    INFO(describe(piped));
    REQUIRE(piped.status == lupe::cli::kOk);
    CHECK(piped.err.find('\r') == std::string::npos);
    CHECK(piped.err.find('[') == std::string::npos);
    CHECK_THAT(piped.err, Catch::Contains("indexed "));

    const auto quiet = lupe_index({"add", "--index", (dir / "c").string(), "--quiet", input}, terminal);
    INFO(describe(quiet));
    REQUIRE(quiet.status == lupe::cli::kOk);
    CHECK(quiet.terminal.empty());
}

TEST_CASE("colour only on a terminal and never with NO_COLOR", "[cli][terminal]") {
    const std::vector<std::string> args = {"query", "--index", fixture_index(), "Chip"};
    RunOptions terminal;
    terminal.stdout_terminal = true;
    const auto coloured = lupe_search(args, terminal);
    INFO(describe(coloured));
    REQUIRE(coloured.status == lupe::cli::kOk);
    CHECK_THAT(coloured.terminal, Catch::Contains("\x1b[1m"));

    RunOptions no_color = terminal;
    no_color.env = {"NO_COLOR=1"};
    const auto plain = lupe_search(args, no_color);
    INFO(describe(plain));
    REQUIRE(plain.status == lupe::cli::kOk);
    CHECK(plain.terminal.find('\x1b') == std::string::npos);
    CHECK_THAT(plain.terminal, Catch::Contains("Treffer"));

    const auto piped = lupe_search(args);
    CHECK(piped.out.find('\x1b') == std::string::npos);
}

TEST_CASE("exit statuses as documented", "[cli]") {
    TempDir dir;
    const std::string missing = (dir / "none").string();
    const std::string index = fixture_index();
    struct Row {
        const char* program;  // "index" or "search"
        std::vector<std::string> args;
        int status;
    };
    const Row rows[] = {
        {"search", {"query", "--index", index, "Chip"}, lupe::cli::kOk},
        {"search", {"--help"}, lupe::cli::kOk},
        {"index", {"--version"}, lupe::cli::kOk},
        {"search", {"query", "--index", missing, "Chip"}, lupe::cli::kFailure},
        {"search", {"get", "--index", index, "gibt-es-nicht"}, lupe::cli::kFailure},
        {"search", {"query", "--index", index, "date:2024-13-01..x"}, lupe::cli::kFailure},
        {"index", {"stats", "--index", missing}, lupe::cli::kFailure},
        {"search", {"query", "--index", index, "--bogus", "Chip"}, lupe::cli::kUsage},
        {"search", {}, lupe::cli::kUsage},
        {"search", {"query", "--index", index, "--from", "gestern", "Chip"}, lupe::cli::kUsage},
        {"index", {"add", "--index", (dir / "x").string()}, lupe::cli::kUsage},
        {"index", {"delete", "--index", index, "gibt-es-nicht"}, lupe::cli::kPartial},
    };
    for (const Row& row : rows) {
        const bool search = std::string(row.program) == "search";
        const auto r = search ? lupe_search(row.args) : lupe_index(row.args);
        INFO(row.program << " " << Catch::Detail::stringify(row.args) << "\n" << describe(r));
        CHECK(r.status == row.status);
        if (row.status == lupe::cli::kUsage || row.status == lupe::cli::kFailure) CHECK_FALSE(r.err.empty());
    }
}
