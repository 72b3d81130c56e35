#pragma once
// RequestDecoder: URL parameters and paths of the HTTP API -> the library's request types.
// Pure functions (no sockets), so they are tested table-driven and can be
// fuzzed.
//
// Contract:
//  - parameter values arrive percent-decoded (Wire.h: split_target); every value that
//    is used must be valid UTF-8, else InvalidRequest;
//  - an empty value counts as not given (HTML forms send empty fields); unknown parameters
//    are ignored; a one-value parameter given twice is an InvalidRequest;
//  - /api/search: q, source and topic (both repeatable: any of them), from, to, sort, facets,
//    limit, offset, recency, collapse ("1"/"true" or "0"/"false"); they mean what the `lupe-search query` options mean, because
//    both become a SearchRequest through build_request (RequestText.h);
//  - limit and offset are plain decimal digits ("-1", "abc", "1.5" are InvalidRequest); a
//    limit above SearchRequest::kMaxLimit is capped; recency is a number of days;
//  - a q longer than SearchRequest::kMaxQueryBytes throws RequestTooLarge (not
//    InvalidRequest): whatever its length, an over-long query gets the same answer;
//  - article paths are taken raw (still percent-encoded): "/api/articles/<id>" and
//    "/api/articles/<id>/related" and "/api/articles/<id>/similar"; a '/' inside an id must be sent as %2F.

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "search/SearchRequest.h"

namespace lupe::http {

using Params = std::multimap<std::string, std::string>;

class RequestTooLarge : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

SearchRequest decode_search(const Params& params);

// The `q` of /api/suggest (may be empty).
std::string decode_suggest(const Params& params);

// The `limit` of /api/articles/<id>/related and /similar (default 10, capped at kMaxLimit).
std::size_t decode_related_limit(const Params& params);

enum class ArticleView { Article, Related, Similar };

struct ArticlePath {
    std::string id;
    ArticleView view = ArticleView::Article;
    friend bool operator==(const ArticlePath&, const ArticlePath&) = default;
};

inline constexpr std::string_view kArticlesPrefix = "/api/articles/";

// nullopt when `raw_path` is not an article path; InvalidRequest for a malformed %-escape
// or an id that is not UTF-8.
std::optional<ArticlePath> decode_article_path(std::string_view raw_path);

// %XX escapes decoded ('+' stays '+', as in a path); InvalidRequest naming `field` for a
// '%' not followed by two hex digits.
std::string percent_decode(std::string_view text, const std::string& field);

// %XX escapes decoded, a malformed one kept as written; with plus_is_space, '+' becomes ' '
// (how the transport splits a request target: Wire.h).
std::string lenient_percent_decode(std::string_view text, bool plus_is_space);

// Decimal digits -> count; saturates instead of overflowing; InvalidRequest otherwise.
std::size_t parse_count(std::string_view text, const std::string& field);

}  // namespace lupe::http
