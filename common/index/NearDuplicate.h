#pragma once
// NearDuplicate: a MinHash signature of an article's wording, to find copies of one text
// (agency copy printed by several papers, with a new headline, a rewritten lead, small edits).
//
//   content words (GermanAnalyzer terms, stopwords left out) -> 4-word shingles
//     -> 96 MinHash values -> 32 LSH bands of 3 values (candidate lookup, BandTable.h)
//
// Contract:
//  - `SignatureBuilder` is fed the article's terms in text order (one per word position, the
//    analyzer's first term at each position; the DocumentBuilder does this, so indexing and
//    this signature see the same words); `finish()` returns nullopt for a text with fewer
//    than kMinShingles shingles: too short for its wording to tell copies from look-alikes.
//  - Deterministic: the same words give the same signature on every run and machine (fixed
//    seed, own hash functions; no std::hash).
//  - `similarity(a, b)` estimates the Jaccard similarity of the two shingle sets (the
//    fraction of equal MinHash values; standard error about 0.05 at 0.5).
//  - Two articles are near-duplicates when `similarity >= kThreshold`. Two texts whose true
//    similarity is 0.5 share at least one band key with probability 0.986 (0.4: 0.88,
//    0.6: 0.9996, 0.2: 0.23, 0.05: 0.004), so band keys find the candidates and the stored
//    signatures confirm them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lupe::neardup {

inline constexpr std::size_t kShingleWords = 4;
inline constexpr std::size_t kHashes = 96;
inline constexpr std::size_t kBands = 32;
inline constexpr std::size_t kRows = kHashes / kBands;
static_assert(kRows * kBands == kHashes && kBands <= 256);
inline constexpr std::size_t kMinShingles = 8;
// Same story: at least half of the 4-word shingles in common. Copies of one agency text with a
// new headline, a rewritten lead and a few edits measure 0.5 to 0.9 (median 0.73 on 10kGNAD
// news texts edited so); different articles stay below 0.07 there, also on one subject. 0.5
// keeps a wide margin above them: a wrong merge hides an article, a missed one only shows a
// copy (tests/index/NearDuplicateTest.cpp has both kinds).
inline constexpr double kThreshold = 0.5;
inline constexpr std::uint64_t kSeed = 0x4c7570652d6e6431ULL;  // "Lupe-nd1": fixed forever

struct Signature {
    std::array<std::uint32_t, kHashes> mins{};
    friend bool operator==(const Signature&, const Signature&) = default;
};

class SignatureBuilder {
public:
    void add(std::string_view term);  // the next content word's term
    std::optional<Signature> finish() const;
    void clear();

private:
    std::array<std::uint64_t, kShingleWords> window_{};  // hashes of the last words
    std::size_t words_ = 0;
    std::size_t shingles_ = 0;
    Signature signature_ = initial();

    static Signature initial();
};

double similarity(const Signature& a, const Signature& b);

// Fixed-size binary form for a value slot (kHashes * 4 bytes, little endian); decode
// returns nullopt for anything else.
std::string encode(const Signature& signature);
std::optional<Signature> decode(std::string_view bytes);

// One 64-bit hash per band (of the band's number and its kRows values): two signatures share
// a band when that band's hashes are equal (and, but for a 2^-64 chance, only then).
using BandHashes = std::array<std::uint64_t, kBands>;
BandHashes band_hashes(const Signature& signature);
std::uint64_t band_hash(const Signature& signature, std::size_t band);  // band_hashes(signature)[band]

// A band's key ("<band as two hex digits><16 hex digits of its hash>"), without a term prefix:
// the band terms of a remote shard (ClusterAssigner.h).
std::string band_key(std::size_t band, std::uint64_t hash);

// A stable 64-bit hash (FNV-1a then a final mix), as 16 hex digits.
std::string hex_hash(std::string_view text);

}  // namespace lupe::neardup
