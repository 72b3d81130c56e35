#include "http/Router.h"

#include <optional>

#include "http/StaticFiles.h"
#include "search/ResultJson.h"

namespace lupe::http {
namespace {

enum class Resource { Search, Suggest, Health, Article, Static, Unknown };

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

Resource resource_of(const Incoming& in) {
    if (in.path == "/api/search") return Resource::Search;
    if (in.path == "/api/suggest") return Resource::Suggest;
    if (in.path == "/api/health") return Resource::Health;
    if (in.path.substr(0, kArticlesPrefix.size()) == kArticlesPrefix) return Resource::Article;
    if (find_static_file(in.path)) return Resource::Static;
    return Resource::Unknown;
}

Reply json_reply(std::string text) { return Reply{200, std::move(text), std::string(kJsonType), {}}; }
Reply json_reply(const nlohmann::ordered_json& json) { return json_reply(dump_json(json)); }

Reply article(Searcher& searcher, const Incoming& in) {
    const std::optional<ArticlePath> path = decode_article_path(path_of(in.target));
    if (!path) return failure_reply(not_found("no such path"));
    const auto unknown = [&] {
        return failure_reply(not_found("no article with id '" + path->id.substr(0, 200) + "'"));
    };
    if (path->view != ArticleView::Article) {
        const std::size_t limit = decode_related_limit(in.params);
        const auto result = path->view == ArticleView::Related ? searcher.related(path->id, limit)
                                                               : searcher.similar(path->id, limit);
        return result ? json_reply(result_json_text(*result)) : unknown();
    }
    const auto found = searcher.get(path->id);
    return found ? json_reply(article_json(*found)) : unknown();
}

Reply suggest(Searcher& searcher, const Params& params) {
    const std::string q = decode_suggest(params);
    nlohmann::ordered_json j;
    j["query"] = q;
    j["suggestions"] = searcher.complete(q);
    return json_reply(j);
}

Reply health(const Searcher& searcher) {
    nlohmann::ordered_json j;
    j["status"] = "ok";
    j["documents"] = searcher.doc_count();
    j["revision"] = searcher.revision();
    return json_reply(j);
}

Reply static_file(const Incoming& in) {
    const auto file = find_static_file(in.path);
    if (!file) return failure_reply(not_found("no such path"));
    Reply reply{200, "", std::string(file->content_type), {{"ETag", file->etag}, {"Cache-Control", "no-cache"}}};
    if (in.if_none_match == file->etag) {
        reply.status = 304;
    } else {
        reply.body = std::string(file->bytes);
    }
    return reply;
}

}  // namespace

Reply failure_reply(const Failure& failure) {
    Reply reply{failure.status, failure_json(failure), std::string(kJsonType), {}};
    if (failure.status == 405) reply.headers.emplace_back("Allow", kAllowedMethods);
    return reply;
}

Reply Router::handle(const Incoming& request) {
    try {
        return dispatch(request);
    } catch (...) {
        const Failure failure = failure_from_exception(std::current_exception());
        if (!failure.detail.empty()) {
            const std::string path(path_of(request.target).substr(0, kMaxTargetBytes));
            error_log_.message(LogLevel::Error,
                               "lupe-search: " + std::string(request.method) + " " + path + ": " + failure.detail,
                               {{"method", request.method}, {"path", path}, {"detail", failure.detail}});
        }
        return failure_reply(failure);
    }
}

Reply Router::dispatch(const Incoming& in) {
    const Resource resource = resource_of(in);
    if (resource == Resource::Unknown) return failure_reply(not_found("no such path"));
    if (in.method == "OPTIONS") return options_reply();
    if (in.method != "GET" && in.method != "HEAD") return failure_reply(method_not_allowed());
    if (resource == Resource::Static) return static_file(in);

    Searcher& searcher = searchers_.for_this_thread();
    searcher.reopen();
    switch (resource) {
        case Resource::Search: return json_reply(result_json_text(searcher.search(decode_search(in.params))));
        case Resource::Suggest: return suggest(searcher, in.params);
        case Resource::Health: return health(searcher);
        case Resource::Article: return article(searcher, in);
        default: break;
    }
    return failure_reply(not_found("no such path"));
}

Reply Router::options_reply() const {
    Reply reply{204, "", "", {{"Allow", std::string(kAllowedMethods)}}};
    if (!options_.cors_origin.empty()) {
        reply.headers.emplace_back("Access-Control-Allow-Methods", kAllowedMethods);
        reply.headers.emplace_back("Access-Control-Allow-Headers", "Accept, Content-Type");
        reply.headers.emplace_back("Access-Control-Max-Age", "600");
    }
    return reply;
}

}  // namespace lupe::http
