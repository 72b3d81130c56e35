#include "search/FacetColumns.h"

#include <algorithm>

#include "index/Schema.h"
#include "search/MatchSet.h"

namespace lupe {
namespace {

constexpr std::array<Xapian::valueno, kFacetFields> kSlots = {schema::kSourceSlot, schema::kTopicSlot,
                                                              schema::kMonthSlot, schema::kDateSlot};

}  // namespace

FacetColumns FacetColumns::load(const Xapian::Database& db) {
    FacetColumns columns;
    // A combined database (add_database): a MatchSpy's documents carry shard-local docids,
    // the value streams combined ones (see the header), so read values per match there.
    if (db.size() != 1) return columns;
    columns.rows_.resize(static_cast<std::size_t>(db.get_lastdocid()) + 1);
    for (std::size_t f = 0; f < kFacetFields; ++f) {
        for (auto it = db.valuestream_begin(kSlots[f]); it != db.valuestream_end(kSlots[f]); ++it) {
            const Xapian::docid id = it.get_docid();
            if (id >= columns.rows_.size()) columns.rows_.resize(static_cast<std::size_t>(id) + 1);
            columns.rows_[id].ordinal[f] = columns.intern(static_cast<FacetField>(f), *it);
        }
    }
    columns.loaded_ = true;
    return columns;
}

FacetColumns FacetColumns::load(const Xapian::Database& db, const DocSet& only,
                                const std::array<bool, kFacetFields>& fields) {
    FacetColumns columns;
    if (db.size() != 1) return columns;  // see load(db)
    columns.rows_.resize(static_cast<std::size_t>(std::max(db.get_lastdocid(), only.last())) + 1);
    for (std::size_t f = 0; f < kFacetFields; ++f) {
        if (!fields[f]) continue;
        auto it = db.valuestream_begin(kSlots[f]);
        const auto end = db.valuestream_end(kSlots[f]);
        only.for_each([&](Xapian::docid id) {
            if (it == end) return;
            it.skip_to(id);
            if (it != end && it.get_docid() == id) columns.rows_[id].ordinal[f] = columns.intern(static_cast<FacetField>(f), *it);
        });
    }
    columns.loaded_ = true;
    return columns;
}

FacetRow FacetColumns::read(const Xapian::Document& doc) {
    FacetRow row;
    for (std::size_t f = 0; f < kFacetFields; ++f) {
        row.ordinal[f] = intern(static_cast<FacetField>(f), doc.get_value(kSlots[f]));
    }
    return row;
}

std::uint32_t FacetColumns::intern(FacetField field, const std::string& value) {
    if (value.empty()) return 0;
    const auto f = static_cast<std::size_t>(field);
    const auto [it, added] = ordinals_[f].try_emplace(value, static_cast<std::uint32_t>(values_[f].size()));
    if (added) values_[f].push_back(value);
    return it->second;
}

std::size_t FacetColumns::memory_bytes() const {
    std::size_t bytes = rows_.capacity() * sizeof(FacetRow);
    for (const auto& values : values_) {
        for (const auto& v : values) bytes += 2 * (sizeof(std::string) + v.size()) + 16;  // table + map node
    }
    return bytes;
}

}  // namespace lupe
