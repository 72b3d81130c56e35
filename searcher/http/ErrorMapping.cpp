#include "http/ErrorMapping.h"

#include <new>

#include <xapian.h>

#include "http/RequestDecoder.h"
#include "index/IndexFolder.h"
#include "search/QueryBuilder.h"
#include "search/ResultJson.h"
#include "search/SearchRequest.h"

namespace lupe::http {

Failure failure_from_exception(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const InvalidRequest& e) {
        return {400, "invalid_parameter", e.what(), ""};
    } catch (const QuerySyntaxError& e) {
        return {400, "invalid_query", std::string("cannot read the query: ") + e.what(), ""};
    } catch (const RequestTooLarge& e) {
        return {413, "request_too_large", e.what(), ""};
    } catch (const Xapian::DatabaseModifiedError& e) {
        return {503, "index_unavailable", "the index changed during the request; please retry",
                e.get_description()};
    } catch (const IndexError& e) {
        return {503, "index_unavailable", "the index cannot be read right now", e.what()};
    } catch (const Xapian::Error& e) {
        return {500, "internal_error", "internal error", e.get_description()};
    } catch (const std::bad_alloc&) {
        return {500, "internal_error", "internal error", "out of memory"};
    } catch (const std::exception& e) {
        return {500, "internal_error", "internal error", e.what()};
    } catch (...) {
        return {500, "internal_error", "internal error", "unknown exception"};
    }
}

Failure failure_for_status(int status) {
    switch (status) {
        case 400: return {400, "bad_request", "the request could not be read", ""};
        case 404: return not_found("no such path");
        case 405: return method_not_allowed();
        case 413:
        case 414:
        case 431: return {413, "request_too_large", "request larger than the server accepts", ""};
        case 503: return {503, "index_unavailable", "the service is not available right now", ""};
        default: break;
    }
    if (status >= 400 && status < 500) return {status, "bad_request", "the request could not be served", ""};
    return {500, "internal_error", "internal error", "status " + std::to_string(status) + " from the transport"};
}

Failure not_found(std::string message) { return {404, "not_found", std::move(message), ""}; }

Failure method_not_allowed() {
    return {405, "method_not_allowed", "only GET, HEAD and OPTIONS are allowed here", ""};
}

std::string failure_json(const Failure& failure) {
    nlohmann::ordered_json j;
    j["error"]["code"] = failure.code;
    j["error"]["message"] = failure.message;
    return dump_json(j);
}

}  // namespace lupe::http
