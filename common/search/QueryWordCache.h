#pragma once
// QueryWordCache: what the query path learnt about recently searched words, so that a
// frequent word is decompounded, looked up in the spelling table and widened once, not on
// every search. Profiling free-text queries showed Xapian's get_spelling_suggestion alone at
// about 60% of Searcher::search (bench/RESULTS.md, facets section).
//
// Contract: three small LRU maps (default 4096 entries each; the least recently used entry goes
// first): `expansions` (a key naming the term and the word -> the QueryExpander's widened
// query), `spellings` (word -> Xapian's spelling suggestion, "" for none) and `frequencies`
// (term -> its document frequency). Entries depend
// on the database (term frequencies, spelling table): `clear(revision)` whenever it moves to
// another revision (Searcher::connect and reopen do, through QueryBuilder::forget_cached_words).
// NOT thread-safe: one per QueryBuilder, like the analyzer.
//
// SharedSpellings: the spellings of all the QueryWordCaches of one service (one per worker
// thread), so that a word one worker looked up is not looked up again by every other worker
// (under load, each of 8 workers met most words for the first time: the spelling lookup was
// 8 % of the service's CPU with exact facets). Entries belong to an index revision; a lookup
// sees only those of its own. Thread-safe: one mutex, held for a map access only, never
// during a lookup in Xapian. Strings only: no Xapian object is shared between threads.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
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

class SharedSpellings {
public:
    explicit SharedSpellings(std::size_t capacity = 16384) : entries_(capacity) {}

    std::optional<std::string> find(Xapian::rev revision, const std::string& word) {
        std::lock_guard lock(mutex_);
        if (const std::string* known = entries_.find(key(revision, word))) return *known;
        return std::nullopt;
    }
    void put(Xapian::rev revision, const std::string& word, const std::string& suggestion) {
        std::lock_guard lock(mutex_);
        entries_.put(key(revision, word), suggestion);
    }

private:
    static std::string key(Xapian::rev revision, const std::string& word) {
        return std::to_string(revision) + '\n' + word;
    }
    std::mutex mutex_;
    LruMap<std::string> entries_;  // older revisions' entries age out
};

struct QueryWordCache {
    explicit QueryWordCache(std::size_t capacity = 4096, std::shared_ptr<SharedSpellings> shared = nullptr)
        : expansions(capacity), spellings(capacity), frequencies(capacity), shared_(std::move(shared)) {}

    // The number of documents holding `term`, looked up once per revision.
    Xapian::doccount frequency(const Xapian::Database& db, const std::string& term) {
        if (const Xapian::doccount* known = frequencies.find(term)) return *known;
        const Xapian::doccount found = db.get_termfreq(term);
        frequencies.put(term, found);
        return found;
    }

    // Xapian's spelling suggestion for `word`, looked up once per revision (per service, when
    // the cache has a SharedSpellings and knows its revision).
    std::string spelling(const Xapian::Database& db, const std::string& word) {
        if (const std::string* known = spellings.find(word)) return *known;
        const bool share = shared_ && revision_;
        std::optional<std::string> suggestion = share ? shared_->find(*revision_, word) : std::nullopt;
        if (!suggestion) {
            suggestion = db.get_spelling_suggestion(word);
            if (share) shared_->put(*revision_, word, *suggestion);
        }
        spellings.put(word, *suggestion);
        return *suggestion;
    }

    // Forget everything; what is learnt from now on belongs to `revision` (nullopt: unknown,
    // e.g. remote shards; then nothing is shared).
    void clear(std::optional<Xapian::rev> revision = std::nullopt) {
        expansions.clear();
        spellings.clear();
        frequencies.clear();
        revision_ = revision;
    }

    LruMap<Xapian::Query> expansions;
    LruMap<std::string> spellings;
    LruMap<Xapian::doccount> frequencies;

private:
    std::shared_ptr<SharedSpellings> shared_;
    std::optional<Xapian::rev> revision_;
};

}  // namespace lupe
