// The documentation that ships with the programs stays true to them: every option that
// `lupe-index`/`lupe-search` and each of their commands list in `--help` is described in the
// man page (doc/man/) and offered by the bash completion (packaging/bash-completion/), and the
// man page names no option the program does not have. `--version` names the libraries.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/uversion.h>
#include <xapian.h>

#include "support/TestSupport.h"

namespace test = lupe::test;

namespace {

std::string help_of(const std::string& program, const std::string& command) {
    std::vector<std::string> argv = {program};
    if (!command.empty()) argv.push_back(command);
    argv.push_back("--help");
    const auto r = test::run(argv);
    REQUIRE(r.status == 0);
    return r.out;
}

// The commands listed under "Subcommands:" in the program's --help.
std::vector<std::string> commands_in(const std::string& help) {
    std::vector<std::string> commands;
    std::istringstream in(help);
    std::string line;
    bool in_section = false;
    const std::regex entry(R"(^\s+([a-z][a-z-]*)\s{2,}\S.*)");
    while (std::getline(in, line)) {
        if (line.rfind("Subcommands:", 0) == 0) {
            in_section = true;
        } else if (in_section) {
            std::smatch m;
            if (!std::regex_match(line, m, entry)) break;
            commands.push_back(m[1]);
        }
    }
    return commands;
}

// The option names of a --help text: the first field of each line that starts with "-"
// after the indentation ("  -i,--index DIR REQUIRED  Index folder" gives -i and --index).
std::set<std::string> options_in(const std::string& help) {
    std::set<std::string> options;
    std::istringstream in(help);
    std::string line;
    const std::regex entry(R"(^\s+(-[A-Za-z0-9,-]+)(\s.*)?$)");
    while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_match(line, m, entry)) continue;
        std::istringstream names(m[1].str());
        std::string name;
        while (std::getline(names, name, ',')) {
            if (name.size() > 1) options.insert(name);
        }
    }
    return options;
}

// How troff source writes an option: every "-" as "\-".
std::string in_troff(const std::string& option) {
    std::string out;
    for (char c : option) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

// The long options a man page names (\-\-name\-part).
std::set<std::string> long_options_in_man(const std::string& page) {
    std::set<std::string> options;
    const std::regex option(R"(\\-\\-([a-z0-9]+(\\-[a-z0-9]+)*))");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), option); it != std::sregex_iterator(); ++it) {
        options.insert("--" + std::regex_replace((*it)[1].str(), std::regex(R"(\\-)"), "-"));
    }
    return options;
}

struct Program {
    std::string name;
    std::string binary;
};

std::vector<Program> programs() { return {{"lupe-index", test::index_bin()}, {"lupe-search", test::search_bin()}}; }

}  // namespace

TEST_CASE("the man pages describe every option of --help, and no other", "[cli][docs]") {
    for (const auto& program : programs()) {
        const std::string page = test::read_file(test::source_dir() / "doc/man" / (program.name + ".1"));
        const std::string top_help = help_of(program.binary, "");
        const auto commands = commands_in(top_help);
        REQUIRE(commands.size() >= 3);

        std::set<std::string> all_options = options_in(top_help);
        for (const auto& command : commands) {
            INFO(program.name << " " << command);
            CHECK(page.find(".B " + command + "\n") != std::string::npos);  // in COMMANDS
            const auto options = options_in(help_of(program.binary, command));
            CHECK(options.count("--index") == 1);  // the parsing found the options
            all_options.insert(options.begin(), options.end());
        }
        for (const auto& option : all_options) {
            INFO(program.name << " " << option << " (as " << in_troff(option) << ")");
            CHECK(page.find(in_troff(option)) != std::string::npos);
        }
        for (const auto& option : long_options_in_man(page)) {
            INFO(program.name << ".1 names " << option);
            CHECK(all_options.count(option) == 1);
        }
    }
}

TEST_CASE("the bash completions offer every command and long option of --help", "[cli][docs]") {
    for (const auto& program : programs()) {
        const std::string script =
            test::read_file(test::source_dir() / "packaging/bash-completion" / program.name);
        CHECK(script.find("complete -F ") != std::string::npos);
        CHECK(script.find(" " + program.name + "\n") != std::string::npos);
        // What the script offers: the word lists, which are its quoted strings ("--index
        // --json ..."); options named elsewhere, e.g. in `case` patterns, are not offered.
        std::string offered;
        const std::regex quoted("\"([^\"]*)\"");
        for (auto it = std::sregex_iterator(script.begin(), script.end(), quoted); it != std::sregex_iterator(); ++it) {
            offered += " " + (*it)[1].str() + " ";
        }
        const std::string top_help = help_of(program.binary, "");
        for (const auto& command : commands_in(top_help)) {
            INFO(program.name << " " << command);
            CHECK(std::regex_search(offered, std::regex("\\s" + command + "\\s")));
            for (const auto& option : options_in(help_of(program.binary, command))) {
                if (option.rfind("--", 0) != 0) continue;  // short options are not offered
                INFO(option);
                CHECK(std::regex_search(offered, std::regex("\\s" + option + "\\s")));
            }
        }
    }
}

TEST_CASE("each program's --version names Lupe, and the Xapian, ICU and libstemmer in use", "[cli][docs]") {
    UVersionInfo icu;
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(icu, icu_text);
    for (const auto& program : programs()) {
        const auto r = test::run({program.binary, "--version"});
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        std::istringstream lines(r.out);
        std::string line;
        std::vector<std::string> all;
        while (std::getline(lines, line)) all.push_back(line);
        REQUIRE(all.size() == 4);
        CHECK(std::regex_match(all[0], std::regex(program.name + " [0-9]+\\.[0-9]+\\.[0-9]+")));
        CHECK(all[1] == std::string("Xapian ") + Xapian::version_string());
        CHECK(all[2] == std::string("ICU ") + icu_text);
        CHECK(std::regex_match(all[3], std::regex(R"(Snowball libstemmer \((Debian package \S+ \S+|version unknown: .*)\))")));
    }
}
