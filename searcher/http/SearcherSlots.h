#pragma once
// SearcherSlots: one Searcher per worker thread, never shared (a Searcher owns a Xapian
// database handle and an analyzer, neither thread-safe).
//
// Contract: `for_this_thread` returns the calling thread's Searcher, opening it on the
// thread's first call (IndexError when the index cannot be opened), with the options given
// (their immutable synonym table is shared by all threads, and so are the spelling
// suggestions the threads look up: QueryWordCache.h, SharedSpellings); the reference stays
// valid as long as the SearcherSlots object. Only the lookup takes a lock; searching does not.

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "search/Searcher.h"

namespace lupe::http {

class SearcherSlots {
public:
    explicit SearcherSlots(std::string index_folder, SearcherOptions options = {})
        : folder_(std::move(index_folder)), options_(with_shared_spellings(std::move(options))) {}
    SearcherSlots(const SearcherSlots&) = delete;
    SearcherSlots& operator=(const SearcherSlots&) = delete;

    Searcher& for_this_thread();

private:
    static SearcherOptions with_shared_spellings(SearcherOptions options) {
        if (!options.query.shared_spellings) options.query.shared_spellings = std::make_shared<SharedSpellings>();
        return options;
    }

    std::string folder_;
    const SearcherOptions options_;  // copied into each thread's Searcher; synonyms shared read-only
    std::mutex mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<Searcher>> slots_;
};

}  // namespace lupe::http
