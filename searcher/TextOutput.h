#pragma once
// TextOutput: search results and articles as a person reads them on a terminal.

#include <ostream>

#include "article/Article.h"
#include "search/SearchResult.h"

namespace lupe::searcher {

struct TextStyle {
    bool color = false;  // ANSI bold for marked words; off when NO_COLOR is set or not a terminal
};

TextStyle style_for_stdout();
void print_result(const SearchResult& result, const TextStyle& style, std::ostream& out);
void print_article(const Article& article, std::ostream& out);

}  // namespace lupe::searcher
