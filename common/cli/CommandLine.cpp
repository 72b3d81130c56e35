#include "cli/CommandLine.h"

#include <unistd.h>

#include <CLI/CLI.hpp>

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

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace lupe::cli
