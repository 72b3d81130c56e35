#pragma once
// TermFilter: which terms a shard that started empty may hold, so that the writer can skip a
// postlist lookup for a term it never wrote (a Bloom filter).
//
// Contract:
//  - may_contain(t) is true for every t passed to add() (no false negatives); for other terms
//    it is false but for a small share (false positives: about 0.5 % at 4 million terms,
//    rising slowly beyond) — a false positive only costs the lookup the filter would save;
//  - the bit table has a fixed size (`bits`, rounded up to a power of two, 8 MiB by default)
//    allocated zeroed by the system, so memory is touched only as terms are added and does
//    not grow with the number of terms;
//  - not thread-safe: one per writer thread.
// Why: a new article's id term is almost never in the index, yet each lookup of a missing term
// in Xapian 1.4 reads a B-tree path from disk (with the near-duplicate band terms, which were
// looked up the same way before BandTable.h, about 10 % of indexing's CPU samples at 200 000
// articles, bench/RESULTS.md "Indexing").

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace lupe {

class TermFilter {
public:
    static constexpr std::size_t kDefaultBits = std::size_t{1} << 26;

    explicit TermFilter(std::size_t bits = kDefaultBits);

    void add(std::string_view term);
    bool may_contain(std::string_view term) const;

private:
    struct Free {
        void operator()(std::uint64_t* words) const;
    };
    std::size_t mask_;  // bits - 1
    std::unique_ptr<std::uint64_t[], Free> words_;
};

}  // namespace lupe
