#pragma once
// FacetColumns: the facet fields of every document of one database revision, in memory and
// addressed by docid, so that counting facets over a match set never reads a document's values.
//
// Contract:
//  - `load(db)` reads the value streams of the source, topic, month and date slots (Schema.h)
//    once. One database only: a combined database of several shards stays lazy, because with
//    Xapian 1.4 the Document a MatchSpy is given on it reports its shard's own docid (local,
//    1, 2, ...), not the combined docid ((local-1)*shards + shard+1) its value streams use;
//    Searcher therefore keeps one FacetColumns per shard and counts shard by shard;
//    each distinct value gets a small ordinal (0: the document has no value), with the
//    ordinal -> value tables kept for display. Docids come from the value streams, so gaps
//    (deleted documents) and the interleaved docids of a combined database (add_database)
//    are covered. The columns describe the revision `db` had at load time: reload after a
//    reopen that moved to a new revision (Searcher does).
//  - a default-constructed FacetColumns is empty and fills lazily: `row()` then reads the
//    values of each document it is asked about (what Xapian::ValueCountMatchSpy does), which
//    is cheaper than a full load for a process that counts facets only once.
//  - cost: 16 bytes per docid up to the highest docid (16 MB at 1M articles) plus the distinct
//    values; a load at 1M articles reads 4M value entries (see bench/RESULTS.md, facets).
//  - NOT thread-safe (the lazy mode interns values): one per Searcher, like the database.

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace lupe {

class DocSet;  // search/MatchSet.h

enum class FacetField : std::uint8_t { Source, Topic, Month, Day };
inline constexpr std::size_t kFacetFields = 4;

struct FacetRow {
    std::array<std::uint32_t, kFacetFields> ordinal{};  // by FacetField; 0: no value
};

class FacetColumns {
public:
    FacetColumns() = default;  // empty, fills lazily from documents
    static FacetColumns load(const Xapian::Database& db);
    // Only the rows of `only`'s documents and only the `fields` marked (everything else reads
    // as no value), read in docid order from the value streams: for one count over one match
    // set, far cheaper than reading each match's document (about ten block reads each with
    // Xapian 1.4's glass backend).
    static FacetColumns load(const Xapian::Database& db, const DocSet& only,
                             const std::array<bool, kFacetFields>& fields);

    bool loaded() const { return loaded_; }
    // The ordinals of a matching document: by docid when loaded (reading the document only for
    // a docid beyond the loaded ones), else from the document's values.
    FacetRow row(const Xapian::Document& doc) {
        const Xapian::docid id = doc.get_docid();
        if (loaded_ && id < rows_.size()) return rows_[id];
        return read(doc);
    }
    // The same for document `id` of `db` (the database the columns describe).
    FacetRow row(const Xapian::Database& db, Xapian::docid id) {
        if (loaded_ && id < rows_.size()) return rows_[id];
        return read(db.get_document(id, Xapian::DOC_ASSUME_VALID));
    }
    // Ordinal -> value as stored ("" for ordinal 0); size() counts ordinal 0 as well.
    const std::string& value(FacetField field, std::uint32_t ordinal) const {
        return values_[static_cast<std::size_t>(field)][ordinal];
    }
    std::size_t size(FacetField field) const { return values_[static_cast<std::size_t>(field)].size(); }
    std::size_t memory_bytes() const;

private:
    FacetRow read(const Xapian::Document& doc);
    std::uint32_t intern(FacetField field, const std::string& value);

    bool loaded_ = false;
    std::vector<FacetRow> rows_;  // by docid
    std::array<std::vector<std::string>, kFacetFields> values_{
        std::vector<std::string>{""}, std::vector<std::string>{""}, std::vector<std::string>{""},
        std::vector<std::string>{""}};
    std::array<std::unordered_map<std::string, std::uint32_t>, kFacetFields> ordinals_;
};

}  // namespace lupe
