// lupe-index: builds and maintains a Lupe index. main only parses and dispatches; the
// subcommands live in one file each; errors are caught here, at the edge.
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "Commands.h"
#include "cli/CommandLine.h"
#include "index/IndexFolder.h"

int main(int argc, char** argv) try {
    CLI::App app{"lupe-index: index German news articles for Lupe search"};
    app.set_version_flag("--version", std::string("lupe-index 0.1.0 (Xapian ") +
                                          Xapian::version_string() + ")");
    app.require_subcommand(1);
    int exit_code = lupe::cli::kOk;
    lupe::indexer::setup_add(app, exit_code);
    lupe::indexer::setup_delete(app, exit_code);
    lupe::indexer::setup_stats(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? lupe::cli::kOk : lupe::cli::kUsage;
    }
    return exit_code;
} catch (const lupe::IndexError& e) {
    std::cerr << "lupe-index: " << e.what() << '\n';
    return lupe::cli::kFailure;
} catch (const Xapian::Error& e) {
    std::cerr << "lupe-index: index error: " << e.get_description() << '\n';
    return lupe::cli::kFailure;
} catch (const std::exception& e) {
    std::cerr << "lupe-index: " << e.what() << '\n';
    return lupe::cli::kFailure;
}
