#pragma once
// QueryWordCache: what the query path learnt about recently searched words, so that a
// frequent word is decompounded, looked up in the spelling table and widened once, not on
// every search. Profiling free-text queries showed Xapian's get_spelling_suggestion alone at
// about 60% of Searcher::search (bench/RESULTS.md, facets section).
//
// Contract: two small LRU maps (default 4096 entries each; the least recently used entry goes
// first): `expansions` (a key naming the term and the word -> the QueryExpander's widened
// query) and `spellings` (word -> Xapian's spelling suggestion, "" for none). Entries depend
// on the database (term frequencies, spelling table): `clear()` whenever it moves to another
// revision (Searcher::reopen does, through QueryBuilder::forget_cached_words).
// NOT thread-safe: one per QueryBuilder, like the analyzer.

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

#include <xapian.h>

namespace lupe {

template <typename Value>
class LruMap {
public:
    explicit LruMap(std::size_t capacity) : capacity_(capacity) {}

    // The cached value, or null; a hit becomes the most recent entry.
    const Value* find(const std::string& key) {
        const auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }

    void put(const std::string& key, Value value) {
        if (capacity_ == 0) return;
        if (const auto it = index_.find(key); it != index_.end()) {
            it->second->second = std::move(value);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        if (index_.size() >= capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
        order_.emplace_front(key, std::move(value));
        index_.emplace(key, order_.begin());
    }

    void clear() {
        index_.clear();
        order_.clear();
    }
    std::size_t size() const { return index_.size(); }

private:
    using Entry = std::pair<std::string, Value>;
    std::size_t capacity_;
    std::list<Entry> order_;  // most recent first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

struct QueryWordCache {
    explicit QueryWordCache(std::size_t capacity = 4096) : expansions(capacity), spellings(capacity) {}

    // Xapian's spelling suggestion for `word`, looked up once per revision.
    std::string spelling(const Xapian::Database& db, const std::string& word) {
        if (const std::string* known = spellings.find(word)) return *known;
        std::string suggestion = db.get_spelling_suggestion(word);
        spellings.put(word, suggestion);
        return suggestion;
    }

    void clear() {
        expansions.clear();
        spellings.clear();
    }

    LruMap<Xapian::Query> expansions;
    LruMap<std::string> spellings;
};

}  // namespace lupe
