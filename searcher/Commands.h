#pragma once
// lupe-search subcommands: per command an options struct, setup_x() and run_x().

#include <optional>
#include <string>
#include <vector>

namespace CLI { class App; }

namespace lupe::searcher {

struct QueryOptions {
    std::string index;
    std::vector<std::string> words;  // joined with spaces into the query
    std::vector<std::string> sources;
    std::vector<std::string> topics;
    std::string from;
    std::string to;
    std::string facets;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::string sort = "relevance";
    std::optional<double> recency;
    bool json = false;
};

struct GetOptions {
    std::string index;
    std::string id;
    bool json = false;
};

struct RelatedOptions {
    std::string index;
    std::string id;
    std::size_t limit = 10;
    bool json = false;
};

void setup_query(CLI::App& app, int& exit_code);
void setup_get(CLI::App& app, int& exit_code);
void setup_related(CLI::App& app, int& exit_code);

int run_query(const QueryOptions& options);
int run_get(const GetOptions& options);
int run_related(const RelatedOptions& options);

}  // namespace lupe::searcher
