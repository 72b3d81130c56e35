#include "search/ResultJson.h"

#include <cmath>

#include "index/StoredArticle.h"

namespace lupe {
namespace {

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

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
