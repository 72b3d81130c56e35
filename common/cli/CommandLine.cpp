#include "cli/CommandLine.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "cli/Version.h"
#include "index/IndexFolder.h"
#include "search/QueryBuilder.h"
#include "search/SearchRequest.h"

namespace lupe::cli {

void add_index_option(CLI::App& command, std::string& folder) {
    command.add_option("-i,--index", folder, "Index folder")->required()->type_name("DIR");
}

void add_json_flag(CLI::App& command, bool& json) {
    command.add_flag("--json", json, "Print the result as JSON on stdout");
}

void add_threads_option(CLI::App& command, unsigned& threads) {
    command.add_option("-t,--threads", threads, "Worker threads (0: one per core)")
        ->check(CLI::Range(0u, 256u))
        ->type_name("N");
}

void add_time_limit_option(CLI::App& command, unsigned& milliseconds) {
    command.add_option("--time-limit", milliseconds,
                       "Stop matching after MS milliseconds and return the best hits found by then, "
                       "marked partial (0: no limit)")
        ->check(CLI::Range(0u, 600000u))
        ->type_name("MS")
        ->capture_default_str();
}

void add_synonym_options(CLI::App& command, SynonymOptions& options) {
    command.add_option("--synonyms", options.file, "Also search the synonyms of query words listed in FILE "
                                                   "(one group per line, entries separated by ';' or ',')")
        ->check(CLI::ExistingFile)
        ->type_name("FILE");
    command.add_option("--synonyms-max-group", options.max_group,
                       "Skip synonym groups of more than N entries (0: keep all)")
        ->type_name("N");
    command.add_flag("--synonyms-single-words", options.single_words,
                     "Skip synonyms of several words (no phrase synonyms)");
}

void add_shard_options(CLI::App& command, ShardOptions& options) {
    command.add_option_function<unsigned>(
               "--shard-timeout",
               [&options](unsigned ms) { options.timeouts.timeout_ms = options.timeouts.connect_timeout_ms = ms; },
               "Remote shards: leave out a shard that does not answer within MS milliseconds (default 10000)")
        ->check(CLI::Range(1u, 3600000u))
        ->type_name("MS");
    command.add_flag_callback(
        "--require-all-shards", [&options] { options.allow_partial = false; },
        "Fail when a remote shard does not answer, instead of answering from the others (\"partial\")");
}

SearcherOptions searcher_options(const SynonymOptions& options, const ShardOptions& shards) {
    SearcherOptions out;
    out.shards = shards;
    if (options.file.empty()) return out;
    SynonymLoadOptions load;
    load.max_group = options.max_group;
    load.single_words = options.single_words;
    out.query.expansion.synonyms = Synonyms::load(options.file, load);
    return out;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

bool decorate(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(fd) == 1 && !(no_color && *no_color);
}

namespace {

// CLI11 reads the config file before the environment and lets the first source win; Lupe's
// order is the other way round (environment over file), so the file's entries for options
// whose variable is set are dropped here, before CLI11 sees them.
class ConfigBelowEnvironment : public CLI::ConfigTOML {
public:
    explicit ConfigBelowEnvironment(const CLI::App& app) : app_(app) {}

    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
        std::vector<CLI::ConfigItem> items = CLI::ConfigTOML::from_config(input);
        std::erase_if(items, [this](const CLI::ConfigItem& item) { return set_in_environment(item); });
        return items;
    }

private:
    bool set_in_environment(const CLI::ConfigItem& item) const {
        const CLI::App* app = &app_;
        for (const auto& parent : item.parents) {
            try {
                app = app->get_subcommand(parent);
            } catch (const CLI::OptionNotFound&) {
                return false;  // CLI11 reports it
            }
        }
        const CLI::Option* option = app->get_option_no_throw("--" + item.name);
        if (!option || option->get_envname().empty()) return false;
        const char* value = std::getenv(option->get_envname().c_str());
        return value && *value;
    }

    const CLI::App& app_;
};

}  // namespace

void add_config_option(CLI::App& app) {
    // Not envname(): CLI11 reads the environment only after the config file.
    const char* from_environment = std::getenv("LUPE_CONFIG");
    const bool named = from_environment && *from_environment;
    app.set_config("--config", named ? from_environment : "",
                   "Read options from a TOML or INI file ([subcommand] sections; default: $LUPE_CONFIG)",
                   named)  // a LUPE_CONFIG that names no file is an error, as --config is
        ->type_name("FILE");
    app.config_formatter(std::make_shared<ConfigBelowEnvironment>(app));
    app.allow_config_extras(CLI::config_extras_mode::error);
}

void add_environment_names(CLI::App& command) {
    for (CLI::Option* option : command.get_options()) {
        if (option->get_lnames().empty() || option->get_lnames().front() == "help") continue;
        const std::string& name = option->get_lnames().front();
        std::string variable = "LUPE_";
        for (const char c : name) variable += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        option->envname(variable);
    }
}

void set_up_program(CLI::App& app, const std::string& name) {
    app.set_version_flag("--version", version_text(name), "Print the version of the program and its libraries");
    app.require_subcommand(1);
}

int parse_and_run(CLI::App& app, const int& exit_code, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kOk : kUsage;
    }
    return exit_code;
}

int report_error(const std::string& program) {
    try {
        throw;
    } catch (const InvalidRequest& e) {
        std::cerr << program << ": " << e.what() << '\n';
        return kUsage;
    } catch (const QuerySyntaxError& e) {
        std::cerr << program << ": cannot read query: " << e.what() << '\n';
    } catch (const IndexError& e) {
        std::cerr << program << ": " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << program << ": index error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << '\n';
    } catch (...) {
        std::cerr << program << ": unknown error\n";
    }
    return kFailure;
}

}  // namespace lupe::cli
