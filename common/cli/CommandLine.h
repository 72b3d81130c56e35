#pragma once
// Pieces both programs' command lines share: exit codes, the common options, terminal checks.

#include <string>

namespace CLI { class App; }

namespace lupe::cli {

// Exit statuses of lupe-index and lupe-search (documented in README.md, "Exit status").
enum ExitCode : int {
    kOk = 0,         // everything done
    kFailure = 1,    // nothing could be done (no index, locked index, bad query, I/O error)
    kUsage = 2,      // the command line itself was wrong
    kPartial = 3,    // done, but some inputs were rejected (each one is reported)
};

void add_index_option(CLI::App& command, std::string& folder);  // --index DIR (required)
void add_json_flag(CLI::App& command, bool& json);               // --json
void add_threads_option(CLI::App& command, unsigned& threads);   // --threads N

bool stderr_is_terminal();

}  // namespace lupe::cli
