#pragma once
// TextArticleParser: one article in the plain-text export layout (shared/format/README.md).
//
//   <date>  <topic>  <headline>  <lead>  <headline again + caption>  <body ...>
//   `Quelle: <source>` (anywhere in the body)   `Das könnte Sie ebenfalls interessieren:` ...
//
// Contract:
//  - input: decoded UTF-8 text (see TextDecoder) with LF line ends;
//  - output: an Article without id (the caller knows the file), plus warnings for parts that
//    could not be read (an unreadable date line, several different sources);
//  - the repeated headline is dropped (the caption stays in the body), a paragraph repeated
//    verbatim or a pull quote whose words are nearly all in another paragraph is kept once,
//    `Quelle:` lines become the source and leave the body, and the teaser block with
//    everything after it is not part of the article;
//  - throws ParseError (with the 1-based line) when no body text is found.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "article/Article.h"
#include "article/DateParser.h"

namespace lupe {

class ParseError : public std::runtime_error {
public:
    ParseError(std::size_t line, const std::string& reason)
        : std::runtime_error(reason), line_(line) {}
    std::size_t line() const { return line_; }

private:
    std::size_t line_;
};

struct ParsedText {
    Article article;
    std::vector<std::string> warnings;
};

class TextArticleParser {
public:
    ParsedText parse(std::string_view text) const;

private:
    DateParser dates_;
};

}  // namespace lupe
