// lupe-index stats: what an index holds.
#include <iomanip>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "cli/CommandLine.h"
#include "index/IndexFolder.h"
#include "index/IndexStats.h"

namespace lupe::indexer {
namespace {

nlohmann::ordered_json counts_json(const std::vector<ValueCount>& counts) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : counts) out.push_back({{"value", c.value}, {"count", c.count}});
    return out;
}

void print_counts(const char* heading, const std::vector<ValueCount>& counts) {
    std::cout << heading << " (" << counts.size() << "):\n";
    for (const auto& c : counts) {
        std::cout << "  " << std::setw(8) << c.count << "  " << c.value << '\n';
    }
}

}  // namespace

void setup_stats(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand("stats", "Documents, counts per source and topic, date range");
    cli::add_index_option(*cmd, options->index);
    cli::add_json_flag(*cmd, options->json);
    cmd->callback([options, &exit_code] { exit_code = run_stats(*options); });
}

int run_stats(const StatsOptions& options) {
    Xapian::Database db = open_index_for_reading(options.index);
    // An indexer committing meanwhile may overtake the revision being read: start again from
    // the newest commit, so the figures are always those of one committed state.
    IndexStats stats;
    for (int attempt = 0;; ++attempt) {
        try {
            stats = collect_stats(db);
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 9) throw;
            db.reopen();
        }
    }
    // A combined database has no revision of its own (Xapian 1.4): list each shard's, and
    // give their sum as the index's (it grows with every commit to any shard).
    nlohmann::ordered_json shards = nlohmann::ordered_json::array();
    std::string shard_text;
    if (shard_count(options.index) > 1) {
        stats.revision = 0;
        for (const ShardSpec& spec : index_shards(options.index)) {
            const Xapian::Database shard = open_shard_for_reading(spec);
            Xapian::rev revision = 0;
            try {
                revision = shard.get_revision();
            } catch (const Xapian::Error&) {  // a backend without revisions
            }
            shards.push_back({{"shard", spec.name}, {"documents", shard.get_doccount()}, {"revision", revision}});
            stats.revision += revision;
            shard_text += (shard_text.empty() ? "; " : ", ") + spec.name + " r" + std::to_string(revision);
        }
    }
    if (options.json) {
        nlohmann::ordered_json j;
        j["documents"] = stats.documents;
        j["revision"] = stats.revision;
        if (!shards.empty()) j["shards"] = shards;
        j["first_date"] = stats.first_date ? nlohmann::ordered_json(stats.first_date->iso()) : nullptr;
        j["last_date"] = stats.last_date ? nlohmann::ordered_json(stats.last_date->iso()) : nullptr;
        j["without_date"] = stats.without_date;
        j["sources"] = counts_json(stats.sources);
        j["topics"] = counts_json(stats.topics);
        std::cout << j.dump(2) << '\n';
        return cli::kOk;
    }
    std::cout << "Index:     " << options.index << " (revision " << stats.revision << shard_text << ")\n";
    std::cout << "Documents: " << stats.documents << '\n';
    std::cout << "Dates:     "
              << (stats.first_date ? stats.first_date->iso() + " .. " + stats.last_date->iso() : "none")
              << " (" << stats.without_date << " without a date)\n";
    print_counts("Sources", stats.sources);
    print_counts("Topics", stats.topics);
    return cli::kOk;
}

}  // namespace lupe::indexer
