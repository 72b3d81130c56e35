#pragma once
// Router: what the service answers to one request (path and method -> endpoint -> reply),
// without sockets; Server.cpp adapts those.
//
// Resources: GET /api/search, /api/suggest, /api/health, /api/articles/<id>,
// /api/articles/<id>/related and /api/articles/<id>/similar, and the embedded web files ("/" is index.html;
// /api/openapi.json, the API's description, is the web file api/openapi.json). HEAD is GET
// without the body. OPTIONS on a known path answers 204 with Allow (plus the CORS preflight
// headers when an origin is configured). Any other method on a known path: 405 with Allow;
// an unknown path: 404.
//
// Contract: every API request first reopens the calling thread's Searcher, so what
// `lupe-index add` committed shows in the next request. `handle` never throws: it is the one
// place where exceptions are caught and turned into error replies (ErrorMapping.h); 5xx
// details go to the error log, never to the client.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/AccessLog.h"
#include "http/ErrorMapping.h"
#include "http/RequestDecoder.h"
#include "http/SearcherSlots.h"

namespace lupe::http {

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kAllowedMethods = "GET, HEAD, OPTIONS";

// Views into the request: they must stay valid until handle() returns.
struct Incoming {
    std::string_view method;
    std::string_view path;    // percent-decoded (Wire.h: split_target)
    std::string_view target;  // the raw request target: path and query, still encoded
    const Params& params;
    std::string_view if_none_match;
};

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type{kJsonType};
    std::vector<std::pair<std::string, std::string>> headers;
};

Reply failure_reply(const Failure& failure);

struct RouterOptions {
    std::string cors_origin;  // empty: no CORS headers
};

class Router {
public:
    Router(SearcherSlots& searchers, LogSink& error_log, RouterOptions options)
        : searchers_(searchers), error_log_(error_log), options_(std::move(options)) {}

    Reply handle(const Incoming& request);

private:
    Reply dispatch(const Incoming& request);
    Reply options_reply() const;

    SearcherSlots& searchers_;
    LogSink& error_log_;
    RouterOptions options_;
};

}  // namespace lupe::http
