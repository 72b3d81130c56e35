#pragma once
// lupe-index subcommands: per command an options struct, setup_x() and run_x().

#include <string>
#include <vector>

namespace CLI { class App; }

namespace lupe::indexer {

struct AddOptions {
    std::string index;
    unsigned threads = 0;
    std::vector<std::string> maps;   // FIELD=KEY
    std::vector<std::string> paths;  // files, folders, - for stdin
    bool json = false;
    bool quiet = false;
    std::size_t commit_every = 2000;
    unsigned shards = 0;  // 0: as the index has (1 for a new one)
    bool within_shards = false;  // --no-cross-shard-copies
};

struct DeleteOptions {
    std::string index;
    std::vector<std::string> ids;
    bool json = false;
    bool quiet = false;
};

struct StatsOptions {
    std::string index;
    bool json = false;
};

// Each setup_x registers the subcommand and arranges for run_x to set `exit_code`.
void setup_add(CLI::App& app, int& exit_code);
void setup_delete(CLI::App& app, int& exit_code);
void setup_stats(CLI::App& app, int& exit_code);

int run_add(const AddOptions& options);
int run_delete(const DeleteOptions& options);
int run_stats(const StatsOptions& options);

}  // namespace lupe::indexer
