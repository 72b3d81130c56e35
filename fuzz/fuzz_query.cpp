// Fuzz target: a query as `lupe-search query` and GET /api/search run it, the whole path:
// request text -> build_request -> QueryBuilder -> Searcher::search (matching, facets,
// snippets, spelling suggestion) -> result_json -> JSON text, on a small index built once
// (FuzzIndex.h). Bad input may only raise InvalidRequest (e.g. a query above
// SearchRequest::kMaxQueryBytes) or QuerySyntaxError (e.g. `date:2024-13-01`).

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "FuzzCheck.h"
#include "FuzzIndex.h"
#include "article/TextDecoder.h"
#include "search/RequestText.h"
#include "search/ResultJson.h"
#include "search/Searcher.h"

namespace {

lupe::Searcher& searcher() {
    static lupe::Searcher instance(lupe::fuzz::fuzz_index_folder());
    return instance;
}

}  // namespace

// Builds the index and opens it before the first input, outside libFuzzer's -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    searcher();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    lupe::RequestText text;
    text.query = std::string(lupe::fuzz::as_text(data, size));
    text.facets = "source,topic,month,year";
    try {
        const lupe::SearchResult result = searcher().search(lupe::build_request(text));
        LUPE_FUZZ_CHECK(result.hits.size() <= result.limit, "more hits than the limit");
        LUPE_FUZZ_CHECK(result.total >= result.hits.size(), "total below the hits returned");
        LUPE_FUZZ_CHECK(result.facets.size() == 4, "facets missing");
        for (const lupe::Hit& hit : result.hits) {
            LUPE_FUZZ_CHECK(lupe::is_valid_utf8(hit.snippet), "snippet is not valid UTF-8: " + hit.id);
            LUPE_FUZZ_CHECK(!hit.id.empty(), "hit without id");
        }
        const std::string json = lupe::dump_json(lupe::result_json(result));
        LUPE_FUZZ_CHECK(nlohmann::json::accept(json), "result is not valid JSON");
    } catch (const lupe::InvalidRequest&) {
    } catch (const lupe::QuerySyntaxError&) {
    } catch (const std::exception& e) {
        lupe::fuzz::unexpected(e);
    }
    return 0;
}
