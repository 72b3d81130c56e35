#include "cli/CommandLine.h"

#include <unistd.h>

#include <iostream>

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

SearcherOptions searcher_options(const SynonymOptions& options) {
    SearcherOptions out;
    if (options.file.empty()) return out;
    SynonymLoadOptions load;
    load.max_group = options.max_group;
    load.single_words = options.single_words;
    out.query.expansion.synonyms = Synonyms::load(options.file, load);
    return out;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

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
