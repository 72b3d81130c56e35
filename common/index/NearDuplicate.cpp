#include "index/NearDuplicate.h"

#include <algorithm>
#include <cstdio>

namespace lupe::neardup {
namespace {

// splitmix64's finaliser: a fast, well-mixing bijection on 64 bits.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    return hash;
}

// The seeds of the kHashes hash functions, derived from kSeed.
const std::array<std::uint64_t, kHashes>& seeds() {
    static const auto table = [] {
        std::array<std::uint64_t, kHashes> s{};
        std::uint64_t state = kSeed;
        for (auto& seed : s) seed = state = mix(state);
        return s;
    }();
    return table;
}

std::string hex16(std::uint64_t value) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

}  // namespace

Signature SignatureBuilder::initial() {
    Signature s;
    s.mins.fill(UINT32_MAX);
    return s;
}

void SignatureBuilder::add(std::string_view term) {
    window_[words_ % kShingleWords] = fnv1a(term);
    ++words_;
    if (words_ < kShingleWords) return;
    // The shingle's hash depends on the order of its words: start at the oldest.
    std::uint64_t shingle = kSeed;
    for (std::size_t i = 0; i < kShingleWords; ++i) shingle = mix(shingle ^ window_[(words_ + i) % kShingleWords]);
    const auto& s = seeds();
    for (std::size_t i = 0; i < kHashes; ++i) {
        const auto h = static_cast<std::uint32_t>(mix(shingle ^ s[i]) >> 32);
        signature_.mins[i] = std::min(signature_.mins[i], h);
    }
    ++shingles_;
}

std::optional<Signature> SignatureBuilder::finish() const {
    if (shingles_ < kMinShingles) return std::nullopt;
    return signature_;
}

void SignatureBuilder::clear() {
    words_ = 0;
    shingles_ = 0;
    signature_ = initial();
}

double similarity(const Signature& a, const Signature& b) {
    std::size_t equal = 0;
    for (std::size_t i = 0; i < kHashes; ++i) equal += a.mins[i] == b.mins[i];
    return static_cast<double>(equal) / kHashes;
}

std::string encode(const Signature& signature) {
    std::string bytes;
    bytes.reserve(kHashes * 4);
    for (const std::uint32_t v : signature.mins) {
        for (int shift = 0; shift < 32; shift += 8) bytes += static_cast<char>((v >> shift) & 0xff);
    }
    return bytes;
}

std::optional<Signature> decode(std::string_view bytes) {
    if (bytes.size() != kHashes * 4) return std::nullopt;
    Signature signature;
    for (std::size_t i = 0; i < kHashes; ++i) {
        std::uint32_t v = 0;
        for (int b = 3; b >= 0; --b) v = (v << 8) | static_cast<unsigned char>(bytes[i * 4 + b]);
        signature.mins[i] = v;
    }
    return signature;
}

std::uint64_t band_hash(const Signature& signature, std::size_t band) {
    std::uint64_t h = kSeed ^ band;
    for (std::size_t row = 0; row < kRows; ++row) h = mix(h ^ signature.mins[band * kRows + row]);
    return h;
}

BandHashes band_hashes(const Signature& signature) {
    BandHashes hashes{};
    for (std::size_t band = 0; band < kBands; ++band) hashes[band] = band_hash(signature, band);
    return hashes;
}

std::string band_key(std::size_t band, std::uint64_t hash) {
    const std::string number = hex16(band);  // two hex digits: kBands <= 256
    return number.substr(number.size() - 2) + hex16(hash);
}

std::string hex_hash(std::string_view text) { return hex16(mix(fnv1a(text))); }

}  // namespace lupe::neardup
