#include "index/BandTable.h"

#include <algorithm>
#include <stdexcept>

#include "index/Schema.h"

namespace lupe {
namespace {

constexpr int kInitialBits = 12;

}  // namespace

BandTable::BandTable() : slots_(std::size_t{1} << kInitialBits), bits_(kInitialBits) {}

BandTable BandTable::of_index(const Xapian::Database& db) {
    BandTable table;
    table.reserve(static_cast<std::size_t>(db.get_doccount()) * neardup::kBands);
    const Xapian::valueno slot = schema::kSignatureSlot;
    for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value) {
        if (const auto signature = neardup::decode(*value)) {
            table.add(value.get_docid(), neardup::band_hashes(*signature));
        }
    }
    return table;
}

void BandTable::reserve(std::size_t entries) {
    if (used_ == 0) {  // nothing to move: allocate the final size at once
        while (bits_ < 32 && 2 * entries > (std::size_t{1} << bits_)) ++bits_;
        slots_.assign(std::size_t{1} << bits_, Slot{});
        return;
    }
    while (2 * entries > slots_.size()) grow();
}

void BandTable::add(Xapian::docid did, const neardup::BandHashes& hashes) {
    for (const std::uint64_t hash : hashes) {
        if (2 * (used_ + 1) > slots_.size()) grow();
        insert(Slot{static_cast<std::uint32_t>(hash), did});
        ++used_;
    }
}

void BandTable::insert(Slot slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = first_slot(slot.check);
    while (slots_[i].did != 0) i = (i + 1) & mask;  // linear probing; never full (half at most)
    slots_[i] = slot;
}

void BandTable::grow() {
    if (bits_ == 32) throw std::length_error("BandTable: more than 2^31 band entries");
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    ++bits_;
    for (const Slot& slot : old) {
        if (slot.did != 0) insert(slot);
    }
}

void BandTable::candidates(std::uint64_t hash, std::vector<Xapian::docid>& out) const {
    const std::size_t first = out.size();
    const std::size_t mask = slots_.size() - 1;
    const auto check = static_cast<std::uint32_t>(hash);
    for (std::size_t i = first_slot(check); slots_[i].did != 0; i = (i + 1) & mask) {
        if (slots_[i].check == check) out.push_back(slots_[i].did);
    }
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, out.end());
    out.erase(std::unique(begin, out.end()), out.end());
}

}  // namespace lupe
