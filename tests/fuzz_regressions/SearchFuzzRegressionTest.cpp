// Inputs the fuzz targets (fuzz/) found crashing, kept as tests of the behaviour fixed for
// them. Each input is embedded as found (bytes escaped), with the target that found it.
#include <catch2/catch.hpp>

#include "search/FixtureIndex.h"
#include "search/RequestText.h"
#include "search/Searcher.h"

using lupe::InvalidRequest;
using lupe::SearchRequest;
using lupe::Searcher;

namespace {

SearchRequest query(const std::string& text) {
    SearchRequest request;
    request.query = text;
    return request;
}

}  // namespace

// fuzz_query: a query with a byte that is not UTF-8 before a misspelt word. The tokenizer's
// word offsets count ICU's 3-byte replacement character, so the spelling correction cut the
// query past its end (std::out_of_range from substr). A query must be UTF-8.
TEST_CASE("fuzz_query: a query that is not UTF-8 is an invalid request, not a crash", "[fuzz][search]") {
    const lupe::test::FixtureIndex index(lupe::test::source_dir() / "corpus/articles.jsonl");
    Searcher searcher(index.folder());
    const std::string found = "'source:Rheinpfalz K\xffrier Cyberangrif:";

    REQUIRE_THROWS_AS(searcher.search(query(found)), InvalidRequest);
    REQUIRE_THROWS_AS(searcher.search(query("Cyberangrif \xc3")), InvalidRequest);
    lupe::RequestText text;
    text.query = "K\xffrier";
    REQUIRE_THROWS_AS(lupe::build_request(text), InvalidRequest);
    try {
        searcher.search(query(found));
    } catch (const InvalidRequest& e) {
        CHECK(e.field() == "q");
    }
    // The same query in valid UTF-8 is searched as before.
    REQUIRE_NOTHROW(searcher.search(query("'source:Rheinpfalz K\xc3\xbcrier Cyberangrif:")));
}
