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
    bool json = false;
};

struct GetOptions {
    std::string index;
    std::string id;
    bool json = false;
};

struct RelatedOptions {  // related and similar
    std::string index;
    std::string id;
    std::size_t limit = 10;
    bool json = false;
};

struct ServeOptions {
    std::string index;
    std::string host = "127.0.0.1";
    int port = 8080;
    unsigned threads = 0;  // 0: http::default_threads()
    std::string cors_origin;
    cli::SynonymOptions synonyms;
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
