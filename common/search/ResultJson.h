#pragma once
// ResultJson: the one JSON encoder of search results and articles. `lupe-search --json` and
// the HTTP API print exactly what these functions return. A collapsed search (SearchRequest::
// collapse) adds "articles" (matching articles before collapsing) and per hit "similar" (the
// copies folded into it); every hit has its "cluster" key. A result from a sharded index
// whose remote shards did not all answer adds "partial": true and "missing_shards": [names].

#include <string>

#include <nlohmann/json.hpp>

#include "article/Article.h"
#include "search/SearchResult.h"

namespace lupe {

nlohmann::ordered_json result_json(const SearchResult& result);

// dump_json(result_json(result)), byte for byte, written without building the JSON tree: for
// the search path, where building and dumping the tree was 6 % of a request's instructions.
// ResultJsonTest holds the two to the same bytes.
std::string result_json_text(const SearchResult& result);

nlohmann::ordered_json article_json(const Article& article);

// Serialises compactly; invalid UTF-8 (never expected) is replaced, never thrown.
std::string dump_json(const nlohmann::ordered_json& json, int indent = -1);

}  // namespace lupe
