// lupe-index add: read articles, analyse them, put them into the index.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "Progress.h"
#include "cli/CommandLine.h"
#include "index/IndexPipeline.h"

namespace lupe::indexer {
namespace {

nlohmann::ordered_json summary_json(const IndexSummary& s) {
    nlohmann::ordered_json j;
    j["indexed"] = s.added;
    j["replaced"] = s.replaced;
    j["unchanged"] = s.unchanged;
    j["rejected"] = s.rejected.size();
    j["documents"] = s.documents_in_index;
    j["files"] = s.files;
    j["skipped_files"] = s.skipped_files;
    j["seconds"] = s.seconds;
    const double n = static_cast<double>(s.added + s.replaced + s.unchanged);
    j["articles_per_second"] = s.seconds > 0 ? n / s.seconds : 0.0;
    j["rejections"] = nlohmann::ordered_json::array();
    for (const auto& r : s.rejected) {
        j["rejections"].push_back({{"location", r.where.str()}, {"reason", r.reason}});
    }
    j["warnings"] = nlohmann::ordered_json::array();
    for (const auto& w : s.warnings) {
        j["warnings"].push_back({{"location", w.where.str()}, {"message", w.message}});
    }
    return j;
}

void print_summary(const IndexSummary& s, std::ostream& out) {
    for (const auto& r : s.rejected) out << "rejected: " << r.where.str() << ": " << r.reason << '\n';
    for (const auto& w : s.warnings) out << "warning: " << w.where.str() << ": " << w.message << '\n';
    const double n = static_cast<double>(s.added + s.replaced + s.unchanged);
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f s, %.0f articles/s", s.seconds,
                  s.seconds > 0 ? n / s.seconds : 0.0);
    out << "indexed " << s.added << ", replaced " << s.replaced << ", unchanged " << s.unchanged
        << ", rejected " << s.rejected.size() << " (" << rate << "); index holds "
        << s.documents_in_index << " documents\n";
    if (s.skipped_files > 0) {
        out << "skipped " << s.skipped_files << " files that are neither .txt nor .jsonl\n";
    }
}

}  // namespace

void setup_add(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<AddOptions>();
    CLI::App* cmd = app.add_subcommand("add", "Add or replace articles (files, folders, - for JSONL on stdin)");
    cli::add_index_option(*cmd, options->index);
    cli::add_threads_option(*cmd, options->threads);
    cmd->add_option("--map", options->maps, "Read article FIELD from JSON key KEY (e.g. source=site)")
        ->type_name("FIELD=KEY");
    cmd->add_option("--shards", options->shards,
                    "Write N shard databases, one writer thread each (a new index; an existing "
                    "index keeps its count)")
        ->check(CLI::Range(1u, 64u));
    cmd->add_option("--commit-every", options->commit_every,
                    "Commit each shard after this many changed articles")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}));
    cmd->add_flag("--no-cross-shard-copies", options->within_shards,
                  "Find near-duplicate copies within each shard only (by default a pass before the last "
                  "commit looks in every shard, as one index would)");
    cli::add_json_flag(*cmd, options->json);
    cmd->add_flag("-q,--quiet", options->quiet, "No progress and no summary on stderr");
    cmd->add_option("paths", options->paths, "Article files, folders (recursive) or - for stdin")
        ->required()
        ->type_name("PATH");
    cmd->callback([options, &exit_code] { exit_code = run_add(*options); });
}

int run_add(const AddOptions& options) {
    IndexPipelineOptions pipeline;
    pipeline.folder = options.index;
    pipeline.threads = options.threads;
    pipeline.commit_every = options.commit_every;
    pipeline.shards = options.shards;
    pipeline.cross_shard_copies = !options.within_shards;
    try {
        for (const auto& spec : options.maps) pipeline.field_map.set_from_spec(spec);
    } catch (const std::invalid_argument& e) {
        std::cerr << "lupe-index add: " << e.what() << '\n';
        return cli::kUsage;
    }
    Progress progress(options.quiet ? Progress::Mode::Silent
                      : cli::stderr_is_terminal() ? Progress::Mode::Bar
                                                  : Progress::Mode::Log);
    pipeline.on_progress = [&](const IndexProgress& p) { progress.update(p); };

    IndexSummary summary;
    try {
        summary = index_inputs(options.paths, pipeline);
    } catch (...) {
        progress.finish();  // the error (e.g. "disk full", reported by main) on a line of its own
        throw;
    }
    progress.finish();

    if (options.json) {
        std::cout << summary_json(summary).dump(2) << '\n';
    } else if (!options.quiet) {
        print_summary(summary, std::cerr);
    }
    if (summary.rejected.empty()) return cli::kOk;
    const bool nothing_read = summary.added + summary.replaced + summary.unchanged == 0;
    return nothing_read ? cli::kFailure : cli::kPartial;
}

}  // namespace lupe::indexer
