#pragma once
// BandTable: the near-duplicate band hashes of the documents a writer's database holds, in
// memory, so that finding a new article's candidate copies costs hash probes instead of index
// terms (ClusterAssigner.h).
//
// Why not in the index: as 32 unique Xapian terms per article the bands were about a fifth of
// the indexing time and of the compacted index (bench/RESULTS.md, "Indexing"), and they are
// read by nobody but the writer. The signatures they come from are stored anyway (value slot
// schema::kSignatureSlot). A writer saves its table in a file beside the shard's tables
// (`lupe-bands`, stamped with the database's UUID and revision) when it commits at the end of
// a run; the next writer maps that file if the stamp matches, and otherwise (a killed run,
// another program's writes, an index written before) rebuilds the table from the values.
//
// Contract:
//  - `candidates(hash, out)` appends, in ascending order without repeats, every docid given to
//    `add` with that band hash (a band hash covers the band's number, NearDuplicate.h), and may
//    append a few others (the table keeps 32 bits of each hash): a caller confirms a candidate
//    against its stored signature;
//  - entries are never removed: a docid whose document was deleted or replaced stays listed
//    under its old bands (the stored signature tells);
//  - memory: 8 bytes a slot, at most three quarters of them used, and half right after the
//    table grew (11 to 16 bytes per article and band: 171 to 256 MiB for 500 000 articles);
//  - the file is a cache: a missing or outdated one costs a rebuild, a damaged one at worst
//    missed copies or, if its header understates the entries, a std::length_error once no
//    slot is free; never a wrong cluster (candidates are confirmed against the index);
//  - not thread-safe: one per writer.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/NearDuplicate.h"

namespace lupe {

// Which state of which database a saved table belongs to.
struct BandStamp {
    std::string uuid;          // Xapian's database UUID (another database, or a copy compacted)
    Xapian::rev revision = 0;  // the committed revision the table covers
    static BandStamp of(const Xapian::Database& db);
    friend bool operator==(const BandStamp&, const BandStamp&) = default;
};

class BandTable {
public:
    BandTable();
    ~BandTable();
    BandTable(BandTable&&) noexcept;
    BandTable& operator=(BandTable&&) noexcept;

    // Every document of `db` that has a signature (an index written before bands left the
    // index, with band terms, included).
    static BandTable of_index(const Xapian::Database& db);

    // The table saved at `path` if it was saved for `stamp`, mapped from the file (so a run
    // that adds a few articles reads only the pages it probes); nullopt when the file is
    // missing, unreadable or for another stamp (the caller then rebuilds it: of_index).
    static std::optional<BandTable> load(const std::string& path, const BandStamp& stamp);
    // Saves the table for `stamp` (the database's revision just committed): a mapped table by
    // syncing its changed pages and then its header, another by writing a new file and
    // renaming it over the old one. Throws std::system_error; a table that failed to save
    // is simply not loaded by the next run.
    void save(const std::string& path, const BandStamp& stamp);
    // Stamps the file at `path`, if it is saved for `from`, as saved for `to`: for a writer
    // that only deleted documents (their entries may stay, see above). Throws std::system_error.
    static void restamp(const std::string& path, const BandStamp& from, const BandStamp& to);

    void reserve(std::size_t entries);  // room for that many (kBands per document) without growing
    void add(Xapian::docid did, const neardup::BandHashes& hashes);
    void candidates(std::uint64_t hash, std::vector<Xapian::docid>& out) const;
    // A hint that candidates(hash) follows: starts loading its first slot into the CPU cache.
    void prefetch(std::uint64_t hash) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[first_slot(static_cast<std::uint32_t>(hash))]);
    }
    std::size_t size() const { return used_; }
    bool mapped() const { return mapping_ != nullptr; }

private:
    struct Slot {
        std::uint32_t check = 0;  // the hash's low 32 bits, which also pick the first slot
        Xapian::docid did = 0;    // 0: empty (Xapian's docids start at 1)
    };
    struct Mapping;  // a file mapped read-write, shared
    // check / 2^32 of the way into the table: equal checks meet, probing runs in check order.
    std::size_t first_slot(std::uint32_t check) const {
        return static_cast<std::size_t>((std::uint64_t{check} * slots_.size()) >> 32);
    }
    void insert(Slot slot);
    void grow();
    void use_heap(std::size_t slots);  // moves the entries into heap_ with that many slots

    std::vector<Slot> heap_;             // the slots, unless mapped
    std::unique_ptr<Mapping> mapping_;   // the slots from a file, or null
    std::span<Slot> slots_;              // whichever of the two holds them
    std::size_t used_ = 0;
};

}  // namespace lupe
