#pragma once
// FuzzIndex: the small index the search and HTTP fuzz targets query, built once per process
// from the demo corpus (corpus/) and the search test fixture (tests/data/search/fixture.jsonl)
// into a fresh temporary folder that is removed at exit.
//
// Contract: `fuzz_index_folder()` builds on its first call (single-threaded, like libFuzzer
// calls it) and returns the same folder afterwards; it aborts with a message when the index
// cannot be built, because no fuzzing result would mean anything without it.

#include <string>

namespace lupe::fuzz {

const std::string& fuzz_index_folder();

}  // namespace lupe::fuzz
