#include "search/ResultJson.h"

#include <cmath>
#include <cstdio>

#include "article/Utf8.h"
#include "index/StoredArticle.h"

namespace lupe {
namespace {

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

// Appends JSON text piece by piece, as nlohmann's compact dump writes it.
class JsonText {
public:
    std::string out;

    JsonText& raw(std::string_view text) {
        out += text;
        return *this;
    }
    // A member name ("name":), with a comma before it unless it is the first of its object.
    JsonText& key(std::string_view name, bool first = false) {
        if (!first) out += ',';
        out += '"';
        out += name;  // Lupe's own names: nothing to escape
        out += "\":";
        return *this;
    }
    JsonText& string(std::string_view text) {
        // nlohmann replaces invalid UTF-8 (never expected here): its own rules, through it.
        if (!is_valid_utf8(text)) return raw(dump_json(nlohmann::ordered_json(std::string(text))));
        out += '"';
        std::size_t run = 0;  // start of the bytes not yet written, which need no escape
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(text, run, i - run);
            run = i + 1;
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                }
            }
        }
        out.append(text, run, text.size() - run);
        out += '"';
        return *this;
    }
    JsonText& number(std::uint64_t value) { return raw(std::to_string(value)); }
    // nlohmann's shortest round-trip form ("2.0", "1e-05", null for NaN), from nlohmann.
    JsonText& number(double value) { return raw(nlohmann::ordered_json(value).dump()); }
    JsonText& boolean(bool value) { return raw(value ? "true" : "false"); }
};

}  // namespace

std::string result_json_text(const SearchResult& r) {
    JsonText j;
    j.out.reserve(1024 + r.hits.size() * 768);
    j.raw("{").key("query", true).string(r.query);
    j.key("total").number(r.total);
    if (r.collapse) j.key("articles").number(r.articles);
    j.key("total_exact").boolean(r.total_exact);
    j.key("partial").boolean(r.partial || !r.missing_shards.empty());
    if (!r.missing_shards.empty()) {
        j.key("missing_shards").raw("[");
        for (std::size_t i = 0; i < r.missing_shards.size(); ++i) j.raw(i ? "," : "").string(r.missing_shards[i]);
        j.raw("]");
    }
    j.key("offset").number(static_cast<std::uint64_t>(r.offset));
    j.key("limit").number(static_cast<std::uint64_t>(r.limit));
    j.key("took_ms").number(rounded(r.took_ms, 1000));
    j.key("hits").raw("[");
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        j.raw(i ? ",{" : "{").key("id", true).string(h.id);
        j.key("title").string(h.title);
        j.key("source").string(h.source);
        j.key("topic").string(h.topic);
        j.key("date").string(h.date);
        j.key("url").string(h.url);
        j.key("score").number(rounded(h.score, 10000));
        j.key("snippet").string(h.snippet);
        j.key("cluster").string(h.cluster);
        if (r.collapse) j.key("similar").number(h.similar);
        j.raw("}");
    }
    j.raw("]").key("facets").raw("{");
    for (std::size_t f = 0; f < r.facets.size(); ++f) {
        j.key(facet_name(r.facets[f].facet), f == 0).raw("[");
        const auto& counts = r.facets[f].counts;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            j.raw(i ? ",{" : "{").key("value", true).string(counts[i].value);
            j.key("count").number(counts[i].count).raw("}");
        }
        j.raw("]");
    }
    j.raw("}").key("suggestion");
    if (r.suggestion) j.string(*r.suggestion);
    else j.raw("null");
    j.raw("}");
    return std::move(j.out);
}

nlohmann::ordered_json result_json(const SearchResult& r) {
    nlohmann::ordered_json j;
    j["query"] = r.query;
    j["total"] = r.total;
    if (r.collapse) j["articles"] = r.articles;
    j["total_exact"] = r.total_exact;
    j["partial"] = r.partial || !r.missing_shards.empty();
    if (!r.missing_shards.empty()) j["missing_shards"] = r.missing_shards;
    j["offset"] = r.offset;
    j["limit"] = r.limit;
    j["took_ms"] = rounded(r.took_ms, 1000);
    j["hits"] = nlohmann::ordered_json::array();
    for (const Hit& h : r.hits) {
        nlohmann::ordered_json hit = {{"id", h.id},         {"title", h.title}, {"source", h.source},
                                      {"topic", h.topic},   {"date", h.date},   {"url", h.url},
                                      {"score", rounded(h.score, 10000)}, {"snippet", h.snippet},
                                      {"cluster", h.cluster}};
        if (r.collapse) hit["similar"] = h.similar;
        j["hits"].push_back(std::move(hit));
    }
    j["facets"] = nlohmann::ordered_json::object();
    for (const FacetResult& f : r.facets) {
        auto& values = j["facets"][facet_name(f.facet)] = nlohmann::ordered_json::array();
        for (const FacetCount& c : f.counts) values.push_back({{"value", c.value}, {"count", c.count}});
    }
    j["suggestion"] = r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nullptr;
    return j;
}

nlohmann::ordered_json article_json(const Article& a) { return stored_article_json(a); }

std::string dump_json(const nlohmann::ordered_json& json, int indent) {
    return json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace lupe
