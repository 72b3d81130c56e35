#pragma once
// StoredArticle: the article as kept in a Xapian document's data (JSON), for display,
// snippets and `lupe-search get`.

#include <string>

#include "article/Article.h"

namespace lupe {

std::string encode_stored_article(const Article& article);
Article decode_stored_article(const std::string& data);

// A stable hash of everything stored (hex), to skip unchanged articles on re-indexing.
std::string content_hash(const std::string& stored_data);

}  // namespace lupe
