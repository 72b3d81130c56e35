// lupe-search: queries a Lupe index from the command line and serves it over HTTP.
// main only parses and dispatches; errors are caught here, at the edge.
#include <CLI/CLI.hpp>

#include "Commands.h"
#include "cli/CommandLine.h"

int main(int argc, char** argv) try {
    CLI::App app{"lupe-search: search a Lupe index of German news"};
    lupe::cli::set_up_program(app, "lupe-search");
    int exit_code = lupe::cli::kOk;
    lupe::searcher::setup_query(app, exit_code);
    lupe::searcher::setup_get(app, exit_code);
    lupe::searcher::setup_related(app, exit_code);
    lupe::searcher::setup_similar(app, exit_code);
    lupe::searcher::setup_serve(app, exit_code);
    lupe::cli::add_config_option(app);  // after the subcommands: it looks their options up
    return lupe::cli::parse_and_run(app, exit_code, argc, argv);
} catch (...) {
    return lupe::cli::report_error("lupe-search");
}
