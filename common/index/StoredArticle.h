#pragma once
// StoredArticle: the article as kept in a Xapian document's data (JSON), for display,
// snippets and `lupe-search get`.

#include <string>

#include <nlohmann/json.hpp>

#include "article/Article.h"

namespace lupe {

// The article as JSON: id, title, lead, body, source, topic, date (ISO or ""), url. Stored in
// the index and, unchanged, the answer of `lupe-search get --json` and GET /api/articles/{id}.
nlohmann::ordered_json stored_article_json(const Article& article);
std::string encode_stored_article(const Article& article);
Article decode_stored_article(const std::string& data);

// A stable hash of everything stored (hex), to skip unchanged articles on re-indexing.
std::string content_hash(const std::string& stored_data);

}  // namespace lupe
