// ErrorMapping: exceptions and httplib's statuses -> HTTP status, code and a safe message.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "http/ErrorMapping.h"
#include "http/RequestDecoder.h"
#include "index/IndexFolder.h"
#include "search/QueryBuilder.h"
#include "search/SearchRequest.h"

using namespace lupe::http;

namespace {

template <class E>
Failure mapped(const E& error) {
    try {
        throw error;
    } catch (...) {
        return failure_from_exception(std::current_exception());
    }
}

}  // namespace

TEST_CASE("exceptions map to statuses and codes in one table", "[http]") {
    struct Row {
        Failure failure;
        int status;
        std::string code;
    };
    const Row rows[] = {
        {mapped(lupe::InvalidRequest("limit", "limit: bad")), 400, "invalid_parameter"},
        {mapped(lupe::QuerySyntaxError("date:2024-13")), 400, "invalid_query"},
        {mapped(RequestTooLarge("query too long")), 413, "request_too_large"},
        {mapped(Xapian::DatabaseModifiedError("changed")), 503, "index_unavailable"},
        {mapped(lupe::IndexNotFoundError("/secret/path/index: not found")), 503, "index_unavailable"},
        {mapped(Xapian::DatabaseCorruptError("/secret/path/index/postlist.glass broken")), 500, "internal_error"},
        {mapped(std::runtime_error("/secret/path: boom")), 500, "internal_error"},
        {mapped(std::bad_alloc()), 500, "internal_error"},
        {mapped(42), 500, "internal_error"},
    };
    for (const Row& row : rows) {
        INFO(row.failure.message);
        CHECK(row.failure.status == row.status);
        CHECK(row.failure.code == row.code);
        CHECK(row.failure.message.find("/secret") == std::string::npos);
        CHECK(row.failure.message.find("glass") == std::string::npos);
        CHECK((row.status >= 500) == !row.failure.detail.empty());  // details: for the log only
    }
}

TEST_CASE("client errors keep the message that names the parameter", "[http]") {
    const Failure f = mapped(lupe::InvalidRequest("limit", "limit: '-1' is not a whole number"));
    CHECK(f.message == "limit: '-1' is not a whole number");
}

TEST_CASE("httplib's own error statuses map into the same shape", "[http]") {
    struct Row {
        int in;
        int status;
        std::string code;
    };
    const Row rows[] = {
        {400, 400, "bad_request"},       {404, 404, "not_found"},
        {405, 405, "method_not_allowed"}, {413, 413, "request_too_large"},
        {414, 413, "request_too_large"}, {431, 413, "request_too_large"},
        {416, 416, "bad_request"},        {500, 500, "internal_error"},
        {503, 503, "index_unavailable"},
    };
    for (const Row& row : rows) {
        INFO(row.in);
        const Failure f = failure_for_status(row.in);
        CHECK(f.status == row.status);
        CHECK(f.code == row.code);
    }
}

TEST_CASE("failure_json has exactly the documented shape", "[http]") {
    const auto j = nlohmann::json::parse(failure_json(not_found("no article with id 'x\"y'")));
    CHECK(j == nlohmann::json{{"error", {{"code", "not_found"}, {"message", "no article with id 'x\"y'"}}}});
}
