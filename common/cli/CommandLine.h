#pragma once
// Pieces both programs' command lines share: exit codes, the common options, terminal checks.

#include <cstddef>
#include <string>

#include "search/Searcher.h"

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
// --time-limit MS: per search, 0 for none (SearcherOptions::time_limit); at most 10 minutes.
void add_time_limit_option(CLI::App& command, unsigned& milliseconds);

// Query expansion by a synonym file (README.md, "Synonyms"); off without --synonyms.
struct SynonymOptions {
    std::string file;             // --synonyms FILE; empty: no synonyms
    std::size_t max_group = 0;    // --synonyms-max-group N; 0: every group
    bool single_words = false;    // --synonyms-single-words
};
void add_synonym_options(CLI::App& command, SynonymOptions& options);
// Sharded indexes with remote shards (README.md, "Scaling out"): --shard-timeout MS (per
// network operation and for connecting), --require-all-shards (fail instead of a partial
// result).
void add_shard_options(CLI::App& command, ShardOptions& options);

// The Searcher options asked for; reads the synonym file once (SynonymFileError, naming
// FILE:LINE). The result may be copied to every thread's Searcher.
SearcherOptions searcher_options(const SynonymOptions& options, const ShardOptions& shards = {});

bool stderr_is_terminal();

// Colour and progress bars only for a person: `fd` is a terminal and NO_COLOR is unset or
// empty (https://no-color.org).
bool decorate(int fd);

// `--config FILE` (also LUPE_CONFIG): options from a TOML or INI file, one section per
// subcommand (`[serve]`, `[add]` ...), keys named like the long options (`port = 8080`,
// `json = true`, `paths = ["a", "b"]`). A key that names no option is a usage error.
// Precedence, highest first: command line, environment (add_environment_names), config file,
// built-in default.
void add_config_option(CLI::App& app);

// Every option of `command` that has a long name may also come from LUPE_<NAME> (upper case,
// '-' as '_'): --cors-origin from LUPE_CORS_ORIGIN. An empty variable counts as unset.
void add_environment_names(CLI::App& command);

// The start of every program: `name --version` prints the versions of Lupe, Xapian, ICU and
// libstemmer (cli/Version.h); one subcommand is required.
void set_up_program(CLI::App& app, const std::string& name);

// Parses the command line and runs the chosen subcommand (whose callback sets `exit_code`);
// `--help`/`--version` give kOk, a wrong command line kUsage.
int parse_and_run(CLI::App& app, const int& exit_code, int argc, char** argv);

// The edge of both programs: call from `catch (...)`. Prints the current exception as one
// line, `program: reason`, and returns its exit status (bad request values kUsage, everything
// else kFailure).
int report_error(const std::string& program);

}  // namespace lupe::cli
