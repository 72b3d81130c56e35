// Fuzz target: one GET request of the HTTP service, from the request target on. The input is
// the raw target (`/api/search?q=klima&limit=5`); it is split and percent-decoded by
// Wire.h's split_target, exactly as the server hands path and parameters to the Router,
// which decodes them (RequestDecoder) and answers against a small index (FuzzIndex.h).
// Router::handle never throws; a bug shows as a 500 reply (whatever the input, the service
// must not fail internally) or a reply that breaks the API's promises.

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "FuzzCheck.h"
#include "FuzzIndex.h"
#include "http/AccessLog.h"
#include "http/Router.h"
#include "http/SearcherSlots.h"
#include "http/Wire.h"

namespace {

struct Service {
    std::ostringstream errors;
    lupe::http::LogSink error_log{&errors};
    lupe::http::SearcherSlots searchers{lupe::fuzz::fuzz_index_folder()};
    lupe::http::Router router{searchers, error_log, {}};
};

Service& service() {
    static Service instance;
    return instance;
}

}  // namespace

// Builds the index and opens a Searcher before the first input, outside libFuzzer's -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    service().searchers.for_this_thread();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Service& svc = service();
    const std::string target(lupe::fuzz::as_text(data, size));
    const lupe::http::Target split = lupe::http::split_target(target);
    const std::string& path = split.path;
    const lupe::http::Params& params = split.params;

    svc.errors.str("");
    const lupe::http::Incoming in{"GET", path, target, params, ""};
    const lupe::http::Reply reply = svc.router.handle(in);

    LUPE_FUZZ_CHECK(reply.status != 500, "internal error: " + svc.errors.str());
    LUPE_FUZZ_CHECK(reply.status == 200 || reply.status == 304 || reply.status == 400 || reply.status == 404 ||
                        reply.status == 413,
                    "unexpected status " + std::to_string(reply.status));
    if (reply.content_type == lupe::http::kJsonType) {
        LUPE_FUZZ_CHECK(nlohmann::json::accept(reply.body), "reply is not valid JSON: " + reply.body.substr(0, 200));
    }
    // The access log line for the same request (the raw target, cut and cleaned).
    const std::string line = lupe::http::format_access_line(
        {std::chrono::system_clock::now(), "127.0.0.1", "GET", target, reply.status, reply.body.size(), 1.0});
    std::size_t spaces = 0;
    for (const char c : line) {
        LUPE_FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "control character in the access log");
        spaces += c == ' ';
    }
    LUPE_FUZZ_CHECK(spaces == 6, "access log line without exactly 7 fields: " + line);
    return 0;
}
