// lupe-search: queries a Lupe index from the command line and serves it over HTTP.
// main only parses and dispatches; errors are caught here, at the edge.
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "Commands.h"
#include "cli/CommandLine.h"
#include "index/IndexFolder.h"
#include "search/QueryBuilder.h"
#include "search/SearchRequest.h"

int main(int argc, char** argv) try {
    CLI::App app{"lupe-search: search a Lupe index of German news"};
    app.set_version_flag("--version", std::string("lupe-search 0.1.0 (Xapian ") +
                                          Xapian::version_string() + ")");
    app.require_subcommand(1);
    int exit_code = lupe::cli::kOk;
    lupe::searcher::setup_query(app, exit_code);
    lupe::searcher::setup_get(app, exit_code);
    lupe::searcher::setup_related(app, exit_code);
    lupe::searcher::setup_serve(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? lupe::cli::kOk : lupe::cli::kUsage;
    }
    return exit_code;
} catch (const lupe::InvalidRequest& e) {
    std::cerr << "lupe-search: " << e.what() << '\n';
    return lupe::cli::kUsage;
} catch (const lupe::QuerySyntaxError& e) {
    std::cerr << "lupe-search: cannot read query: " << e.what() << '\n';
    return lupe::cli::kFailure;
} catch (const lupe::IndexError& e) {
    std::cerr << "lupe-search: " << e.what() << '\n';
    return lupe::cli::kFailure;
} catch (const Xapian::Error& e) {
    std::cerr << "lupe-search: index error: " << e.get_description() << '\n';
    return lupe::cli::kFailure;
} catch (const std::exception& e) {
    std::cerr << "lupe-search: " << e.what() << '\n';
    return lupe::cli::kFailure;
}
