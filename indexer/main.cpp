// lupe-index: builds and maintains a Lupe index. main only parses and dispatches; the
// subcommands live in one file each; errors are caught here, at the edge.
#include <CLI/CLI.hpp>

#include "Commands.h"
#include "cli/CommandLine.h"

int main(int argc, char** argv) try {
    CLI::App app{"lupe-index: index German news articles for Lupe search"};
    lupe::cli::set_up_program(app, "lupe-index");
    int exit_code = lupe::cli::kOk;
    lupe::indexer::setup_add(app, exit_code);
    lupe::indexer::setup_delete(app, exit_code);
    lupe::indexer::setup_stats(app, exit_code);
    lupe::cli::add_config_option(app);  // after the subcommands: it looks their options up
    return lupe::cli::parse_and_run(app, exit_code, argc, argv);
} catch (...) {
    return lupe::cli::report_error("lupe-index");
}
