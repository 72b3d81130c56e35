#pragma once
// PositionBlob: the word positions of one document, kept by Lupe in a value (schema::kPositionsSlot)
// instead of Xapian's position table.
//
// Why: Xapian 1.4 keys its position table by term, then document, so each commit rewrites
// B-tree blocks all over it; without the table, indexing 200 000 articles took 76-78 s instead
// of 114-135 s, with 32-41 % less CPU and 44 % less on disk (a throwaway build, 2026-12-08).
// One value per document is appended in docid order.
//
// Not used yet: the DocumentBuilder still writes positions into Xapian's table. Making this
// the default was tried and reverted (befa44e): phrases with a stopword found fewer articles
// than with the table, and phrase queries were much slower (PositionFilter.h).
//
// Contract:
//  - `PositionBlobBuilder` collects (term, position) pairs in any order, duplicates allowed;
//    `finish()` gives the encoding (empty when nothing was added) and starts a new document.
//  - The encoding: per distinct term, in byte order of the terms: varint shared-prefix length
//    with the previous term, varint suffix length, the suffix, varint byte length of the
//    positions, then the positions ascending and distinct as varints (the first, then gaps).
//  - `PositionBlob::positions` reads the positions of the terms asked for in one pass; a term
//    the document does not hold gets none. A malformed blob throws PositionBlobError.
//  - Which terms get positions is the writer's choice (the DocumentBuilder gives them to each
//    word's own term).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace lupe {

// Where an index keeps its positions: Xapian's position table (every index Lupe writes today;
// also the only place xapian-tcpsrv can check a phrase) or Lupe's own values. Read per shard
// from schema::kMetaPositions (absent: the table).
enum class PositionStore { Table, Values };

class PositionBlobError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class PositionBlobBuilder {
public:
    void add(std::string_view term, Xapian::termpos position);
    std::string finish();
    void clear();

private:
    struct Entry {
        std::uint32_t offset;  // of the term in arena_
        std::uint32_t length;
        Xapian::termpos position;
    };
    std::string arena_;
    std::vector<Entry> entries_;
};

class PositionBlob {
public:
    explicit PositionBlob(std::string_view encoded) : encoded_(encoded) {}

    // out[i]: the positions of terms[i], ascending. `terms` must be sorted and distinct.
    void positions(const std::vector<std::string>& terms, std::vector<std::vector<Xapian::termpos>>& out) const;

    // Every term with its positions, in term order (tests and tools).
    std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> all() const;

private:
    std::string_view encoded_;
};

}  // namespace lupe
