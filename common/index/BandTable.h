#pragma once
// BandTable: the near-duplicate band hashes of the documents a writer's database holds, in
// memory, so that finding a new article's candidate copies costs hash probes instead of index
// terms (ClusterAssigner.h).
//
// Why not in the index: as 32 unique Xapian terms per article the bands were about a fifth of
// the indexing time and of the compacted index (bench/RESULTS.md, "Indexing"), and they are
// read by nobody but the writer. The signatures they come from are stored anyway (value slot
// schema::kSignatureSlot), so the table is rebuilt from them when a writer puts the first
// article into an index that already holds some: one pass over the values (measured: adding
// one article to a shard of 100 000 took 0.25 s instead of 0.05 s).
//
// Contract:
//  - `candidates(hash, out)` appends, in ascending order without repeats, every docid given to
//    `add` with that band hash (a band hash covers the band's number, NearDuplicate.h), and may
//    append a few others (the table keeps 32 bits of each hash): a caller confirms a candidate
//    against its stored signature;
//  - entries are never removed: a docid whose document was deleted or replaced stays listed
//    under its old bands (the stored signature tells);
//  - memory: 8 bytes a slot, at most half the slots used, a power of two of them (16 to 32
//    bytes per article and band: 256 MiB for 500 000 articles);
//  - not thread-safe: one per writer.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <xapian.h>

#include "index/NearDuplicate.h"

namespace lupe {

class BandTable {
public:
    BandTable();

    // Every document of `db` that has a signature (an index written before bands left the
    // index, with band terms, included).
    static BandTable of_index(const Xapian::Database& db);

    void reserve(std::size_t entries);  // room for that many (kBands per document) without growing
    void add(Xapian::docid did, const neardup::BandHashes& hashes);
    void candidates(std::uint64_t hash, std::vector<Xapian::docid>& out) const;
    std::size_t size() const { return used_; }

private:
    struct Slot {
        std::uint32_t check = 0;  // the hash's low 32 bits; its top bits_ bits pick the first slot
        Xapian::docid did = 0;    // 0: empty (Xapian's docids start at 1)
    };
    std::size_t first_slot(std::uint32_t check) const { return check >> (32 - bits_); }
    void insert(Slot slot);
    void grow();

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
    int bits_;  // log2(slots_.size()), at most 32
};

}  // namespace lupe
