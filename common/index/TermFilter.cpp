#include "index/TermFilter.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <functional>
#include <new>

namespace lupe {
namespace {

constexpr int kProbes = 3;

// Two independent 64-bit hashes of the term; probe i is h1 + i * h2 (double hashing).
struct Probes {
    std::uint64_t h1;
    std::uint64_t h2;
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

Probes probes_of(std::string_view term) {
    const std::uint64_t h = std::hash<std::string_view>{}(term);
    return {mix(h), mix(h ^ 0x9e3779b97f4a7c15ULL) | 1};
}

}  // namespace

void TermFilter::Free::operator()(std::uint64_t* words) const { std::free(words); }

TermFilter::TermFilter(std::size_t bits) : mask_(std::bit_ceil(std::max<std::size_t>(bits, 64)) - 1) {
    // calloc: the system hands out zeroed pages and touches them only when written.
    words_.reset(static_cast<std::uint64_t*>(std::calloc((mask_ + 1) / 64, sizeof(std::uint64_t))));
    if (!words_) throw std::bad_alloc();
}

void TermFilter::add(std::string_view term) {
    const Probes p = probes_of(term);
    for (int i = 0; i < kProbes; ++i) {
        const std::size_t bit = (p.h1 + i * p.h2) & mask_;
        words_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
}

bool TermFilter::may_contain(std::string_view term) const {
    const Probes p = probes_of(term);
    for (int i = 0; i < kProbes; ++i) {
        const std::size_t bit = (p.h1 + i * p.h2) & mask_;
        if (!(words_[bit / 64] & (std::uint64_t{1} << (bit % 64)))) return false;
    }
    return true;
}

}  // namespace lupe
