// lupe-index delete: remove articles by id.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "cli/CommandLine.h"
#include "index/IndexFolder.h"
#include "index/IndexWriter.h"

namespace lupe::indexer {

void setup_delete(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DeleteOptions>();
    CLI::App* cmd = app.add_subcommand("delete", "Delete articles by id");
    cli::add_index_option(*cmd, options->index);
    cli::add_json_flag(*cmd, options->json);
    cmd->add_flag("-q,--quiet", options->quiet, "No summary on stderr");
    cmd->add_option("ids", options->ids, "Article ids")->required()->type_name("ID");
    cmd->callback([options, &exit_code] { exit_code = run_delete(*options); });
}

int run_delete(const DeleteOptions& options) {
    // Deleting never creates an index: a mistyped --index is an error, not a new empty folder.
    open_index_for_reading(options.index);
    ShardedWriter writer(options.index);  // each id to its shard
    std::vector<std::string> deleted;
    std::vector<std::string> missing;
    for (const auto& id : options.ids) (writer.remove(id) ? deleted : missing).push_back(id);
    writer.commit();
    if (options.json) {
        nlohmann::ordered_json j{{"deleted", deleted}, {"not_found", missing},
                                 {"documents", writer.doc_count()}};
        std::cout << j.dump(2) << '\n';
    } else if (!options.quiet) {
        for (const auto& id : missing) std::cerr << "not found: " << id << '\n';
        std::cerr << "deleted " << deleted.size() << ", not found " << missing.size()
                  << "; index holds " << writer.doc_count() << " documents\n";
    }
    return missing.empty() ? cli::kOk : cli::kPartial;
}

}  // namespace lupe::indexer
