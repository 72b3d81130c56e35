// lupe-search query / get / related / similar.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "Commands.h"
#include "TextOutput.h"
#include "cli/CommandLine.h"
#include "search/ResultJson.h"
#include "search/Searcher.h"

namespace lupe::searcher {
namespace {

// A partial result (a remote shard did not answer) is printed, and named on stderr.
void warn_if_partial(const SearchResult& result) {
    for (const auto& shard : result.missing_shards) {
        std::cerr << "lupe-search: partial result: shard " << shard << " did not answer\n";
    }
}

}  // namespace

void setup_query(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<QueryOptions>();
    CLI::App* cmd = app.add_subcommand("query", "Search articles");
    cli::add_index_option(*cmd, o->index);
    RequestText& r = o->request;
    cmd->add_option("-s,--source", r.sources, "Only this source (repeatable: any of them)")->type_name("S");
    cmd->add_option("-T,--topic", r.topics, "Only this topic (repeatable: any of them)")->type_name("T");
    cmd->add_option("--from", r.from, "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
    cmd->add_option("--to", r.to, "Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
    cmd->add_option("--facets", r.facets, "Facet counts: any of source,topic,month,year")->type_name("LIST");
    cmd->add_option("-n,--limit", r.limit, "Hits per page (at most 100)");
    cmd->add_option("--offset", r.offset, "Hits to skip");
    cmd->add_option("--sort", r.sort, "relevance or date (newest first)")->check(CLI::IsMember({"relevance", "date"}));
    cmd->add_option("--recency", r.recency, "Boost recent articles: half-life in days")->type_name("DAYS");
    cmd->add_flag("--collapse", r.collapse, "Show copies of one text (agency copy) as one hit");
    cli::add_synonym_options(*cmd, o->synonyms);
    cli::add_shard_options(*cmd, o->shards);
    cmd->add_flag("--exact-total", r.exact_total, "Count every match even without facets (slower)");
    cli::add_time_limit_option(*cmd, o->time_limit_ms);
    cli::add_json_flag(*cmd, o->json);
    cmd->add_option("query", o->words, "Query (words, \"phrases\", -word, AND/OR/NOT, title:, date:2024..2025)");
    cmd->callback([o, &exit_code] { exit_code = run_query(*o); });
}

int run_query(const QueryOptions& options) {
    RequestText text = options.request;
    for (const auto& word : options.words) text.query += (text.query.empty() ? "" : " ") + word;
    SearchRequest request = build_request(text);
    SearcherOptions searcher_options = cli::searcher_options(options.synonyms, options.shards);
    searcher_options.time_limit = std::chrono::milliseconds(options.time_limit_ms);
    Searcher searcher(options.index, std::move(searcher_options));
    searcher.set_facet_columns(false);  // one search: reading the matches' values is cheaper
    const SearchResult result = searcher.search(std::move(request));
    warn_if_partial(result);
    if (options.json) {
        std::cout << result_json_text(result) << '\n';
    } else {
        print_result(result, style_for_stdout(), std::cout);
    }
    return cli::kOk;
}

void setup_get(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<GetOptions>();
    CLI::App* cmd = app.add_subcommand("get", "Print one stored article");
    cli::add_index_option(*cmd, o->index);
    cli::add_json_flag(*cmd, o->json);
    cmd->add_option("id", o->id, "Article id")->required();
    cli::add_shard_options(*cmd, o->shards);
    cmd->callback([o, &exit_code] { exit_code = run_get(*o); });
}

int run_get(const GetOptions& options) {
    Searcher searcher(options.index, cli::searcher_options({}, options.shards));
    const auto article = searcher.get(options.id);
    if (!article) {
        std::cerr << "lupe-search: no article with id '" << options.id << "'\n";
        return cli::kFailure;
    }
    if (options.json) {
        std::cout << dump_json(article_json(*article)) << '\n';
    } else {
        print_article(*article, std::cout);
    }
    return cli::kOk;
}

namespace {

// `related` and `similar`: an id in, a list of articles out.
void setup_article_list(CLI::App& app, const char* name, const char* description, int& exit_code,
                        int (*run)(const RelatedOptions&)) {
    auto o = std::make_shared<RelatedOptions>();
    CLI::App* cmd = app.add_subcommand(name, description);
    cli::add_index_option(*cmd, o->index);
    cli::add_json_flag(*cmd, o->json);
    cmd->add_option("-n,--limit", o->limit, "How many (at most 100)");
    cmd->add_option("id", o->id, "Article id")->required();
    cli::add_shard_options(*cmd, o->shards);
    cmd->callback([o, &exit_code, run] { exit_code = run(*o); });
}

int print_article_list(const RelatedOptions& options, const std::optional<SearchResult>& result) {
    if (!result) {
        std::cerr << "lupe-search: no article with id '" << options.id << "'\n";
        return cli::kFailure;
    }
    warn_if_partial(*result);
    if (options.json) {
        std::cout << result_json_text(*result) << '\n';
    } else {
        print_result(*result, style_for_stdout(), std::cout);
    }
    return cli::kOk;
}

}  // namespace

void setup_related(CLI::App& app, int& exit_code) {
    setup_article_list(app, "related", "Articles most like a given one", exit_code, run_related);
}

void setup_similar(CLI::App& app, int& exit_code) {
    setup_article_list(app, "similar", "Near-duplicates of a given article (its copies)", exit_code, run_similar);
}

int run_related(const RelatedOptions& options) {
    Searcher searcher(options.index, cli::searcher_options({}, options.shards));
    return print_article_list(options, searcher.related(options.id, options.limit));
}

int run_similar(const RelatedOptions& options) {
    Searcher searcher(options.index, cli::searcher_options({}, options.shards));
    return print_article_list(options, searcher.similar(options.id, options.limit));
}

}  // namespace lupe::searcher
