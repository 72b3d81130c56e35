#pragma once
// lupe-search subcommands: per command an options struct, setup_x() and run_x().

#include <optional>
#include <string>
#include <vector>

#include "cli/CommandLine.h"
#include "search/RequestText.h"

namespace CLI { class App; }

namespace lupe::searcher {

struct QueryOptions {
    std::string index;
    std::vector<std::string> words;  // joined with spaces into request.query
    RequestText request;             // the same text fields GET /api/search decodes
    cli::SynonymOptions synonyms;
    ShardOptions shards;
    unsigned time_limit_ms = 0;  // --time-limit; 0: none
    bool json = false;
};

struct GetOptions {
    std::string index;
    std::string id;
    ShardOptions shards;
    bool json = false;
};

struct RelatedOptions {  // related and similar
    std::string index;
    std::string id;
    std::size_t limit = 10;
    ShardOptions shards;
    bool json = false;
};

struct ServeOptions {
    std::string index;
    std::string host = "127.0.0.1";
    int port = 8080;
    unsigned threads = 0;  // 0: http::default_threads()
    std::string cors_origin;
    cli::SynonymOptions synonyms;
    ShardOptions shards;
    unsigned time_limit_ms = 2000;  // --time-limit per search; 0: none
    std::string log_format = "text";  // or "json"
    bool quiet = false;               // log only errors
};

void setup_query(CLI::App& app, int& exit_code);
void setup_get(CLI::App& app, int& exit_code);
void setup_related(CLI::App& app, int& exit_code);
void setup_similar(CLI::App& app, int& exit_code);
void setup_serve(CLI::App& app, int& exit_code);

int run_query(const QueryOptions& options);
int run_get(const GetOptions& options);
int run_related(const RelatedOptions& options);
int run_similar(const RelatedOptions& options);
int run_serve(const ServeOptions& options);

}  // namespace lupe::searcher
