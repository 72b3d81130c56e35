#include "http/RequestDecoder.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <vector>

#include "article/TextDecoder.h"
#include "search/RequestText.h"

namespace lupe::http {
namespace {

void require_utf8(std::string_view value, const std::string& field) {
    if (!is_valid_utf8(value)) throw InvalidRequest(field, field + ": not valid UTF-8");
}

// The value of a one-value parameter; nullopt when absent or empty.
std::optional<std::string> single(const Params& params, const std::string& name) {
    const auto [first, last] = params.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) throw InvalidRequest(name, "'" + name + "' given more than once");
    require_utf8(first->second, name);
    if (first->second.empty()) return std::nullopt;
    return first->second;
}

std::vector<std::string> all_of(const Params& params, const std::string& name) {
    std::vector<std::string> values;
    const auto [first, last] = params.equal_range(name);
    for (auto it = first; it != last; ++it) {
        require_utf8(it->second, name);
        if (!it->second.empty()) values.push_back(it->second);
    }
    return values;
}

double parse_days(std::string_view text, const std::string& field) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw InvalidRequest(field, field + ": '" + std::string(text.substr(0, 40)) + "' is not a number of days");
    }
    return value;
}

bool parse_flag(std::string_view text, const std::string& field) {
    if (text == "1" || text == "true") return true;
    if (text == "0" || text == "false") return false;
    throw InvalidRequest(field, field + ": '" + std::string(text.substr(0, 40)) + "' is not 1, 0, true or false");
}

std::string query_of(const Params& params) {
    std::string q = single(params, "q").value_or("");
    if (q.size() > SearchRequest::kMaxQueryBytes) {
        throw RequestTooLarge("query longer than " + std::to_string(SearchRequest::kMaxQueryBytes) + " bytes");
    }
    return q;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::size_t parse_count(std::string_view text, const std::string& field) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
        throw InvalidRequest(field, field + ": '" + std::string(text.substr(0, 40)) +
                                        "' is not a whole number of 0 or more");
    }
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::size_t>::max();
    (void)end;
    return value;
}

SearchRequest decode_search(const Params& params) {
    RequestText text;
    text.query = query_of(params);
    text.sources = all_of(params, "source");
    text.topics = all_of(params, "topic");
    text.from = single(params, "from").value_or("");
    text.to = single(params, "to").value_or("");
    text.facets = single(params, "facets").value_or("");
    text.sort = single(params, "sort").value_or("");
    if (const auto limit = single(params, "limit")) text.limit = parse_count(*limit, "limit");
    if (const auto offset = single(params, "offset")) text.offset = parse_count(*offset, "offset");
    if (const auto recency = single(params, "recency")) text.recency = parse_days(*recency, "recency");
    if (const auto collapse = single(params, "collapse")) text.collapse = parse_flag(*collapse, "collapse");
    if (const auto total = single(params, "total")) {
        if (*total != "exact" && *total != "estimate") throw InvalidRequest("total", "total must be exact or estimate");
        text.exact_total = *total == "exact";
    }
    return build_request(text);
}

std::string decode_suggest(const Params& params) { return query_of(params); }

std::size_t decode_related_limit(const Params& params) {
    const auto limit = single(params, "limit");
    return limit ? std::min(parse_count(*limit, "limit"), SearchRequest::kMaxLimit) : 10;
}

std::string percent_decode(std::string_view text, const std::string& field) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const bool complete = i + 2 < text.size();
        const int high = complete ? hex_value(text[i + 1]) : -1;
        const int low = complete ? hex_value(text[i + 2]) : -1;
        if (high < 0 || low < 0) throw InvalidRequest(field, field + ": malformed %-escape");
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string lenient_percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<ArticlePath> decode_article_path(std::string_view raw_path) {
    if (raw_path.substr(0, kArticlesPrefix.size()) != kArticlesPrefix) return std::nullopt;
    std::string_view rest = raw_path.substr(kArticlesPrefix.size());
    ArticlePath path;
    const auto strip = [&](std::string_view suffix, ArticleView view) {
        if (path.view != ArticleView::Article) return;
        if (rest.size() > suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
            rest.remove_suffix(suffix.size());
            path.view = view;
        }
    };
    strip("/related", ArticleView::Related);
    strip("/similar", ArticleView::Similar);
    if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
    path.id = percent_decode(rest, "id");
    require_utf8(path.id, "id");
    return path;
}

}  // namespace lupe::http
