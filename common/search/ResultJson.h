#pragma once
// ResultJson: the one JSON encoder of search results and articles. `lupe-search --json` and
// the HTTP API print exactly what these functions return.

#include <string>

#include <nlohmann/json.hpp>

#include "article/Article.h"
#include "search/SearchResult.h"

namespace lupe {

nlohmann::ordered_json result_json(const SearchResult& result);
nlohmann::ordered_json article_json(const Article& article);

// Serialises compactly; invalid UTF-8 (never expected) is replaced, never thrown.
std::string dump_json(const nlohmann::ordered_json& json, int indent = -1);

}  // namespace lupe
