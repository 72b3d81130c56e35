#pragma once
// Lexicon: the German word list the Decompounder splits with, built at build time from
// Debian's wngerman word list (/usr/share/dict/ngerman, every inflected form) plus the team's
// additions (data/lexicon-extra.txt) into a compact hash table that is compiled into the
// program (data/lexicon.bin, see LexiconBuilder.cpp): nothing to load or find at run time.
//
// Contract: `contains(w)` for a word normalised as the analyzer does (NFKC_Casefold, umlaut
// digraphs folded); `is_name(w)` for the names that are never split (data/names-de.txt).
// Immutable; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace lupe::analysis {

class Lexicon {
public:
    static const Lexicon& german();

    bool contains(std::string_view word) const;
    bool is_name(std::string_view word) const;
    std::size_t size() const { return word_count_; }
    // A checksum of the lexicon's bytes, part of the analyzer fingerprint: checksum_of its
    // bytes, computed by LexiconBuilder when it wrote them and linked in beside them, so that
    // a program does not read the 9 MB at start-up (it was a fifth of a `lupe-search query`).
    std::string checksum() const;
    // checksum_of the bytes as they are now (what checksum() must equal; for tests).
    std::string computed_checksum() const { return checksum_of(data_, size_); }
    // FNV-1a (64 bit) of the bytes, as 16 lower-case hex digits, with the offset basis this
    // code has always used (1469598103934665603, one digit short of the standard's): it is in
    // every index's analyzer fingerprint, so changing it would make every index re-index.
    static std::string checksum_of(const unsigned char* data, std::size_t size) {
        std::uint64_t h = 1469598103934665603ULL;
        for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ULL;
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out(16, '0');
        for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
        return out;
    }

    // The binary layout (written by LexiconBuilder, read here):
    //   "LUPELEX1" | u32 word_count | u32 word_slots | u32 name_count | u32 name_slots |
    //   u32 word_table[word_slots] | u32 name_table[name_slots] | strings (NUL-terminated)
    // A table slot holds 1 + the string's offset in the strings area, or 0 when empty;
    // slots are found by FNV-1a hash with linear probing; slot counts are powers of two.
    static std::uint32_t hash(std::string_view word) {
        std::uint32_t h = 2166136261u;  // FNV-1a
        for (const unsigned char c : word) h = (h ^ c) * 16777619u;
        return h;
    }

private:
    Lexicon(const unsigned char* data, std::size_t size);
    bool find(const std::uint32_t* table, std::uint32_t slots, std::string_view word) const;

    const unsigned char* data_;
    std::size_t size_;
    std::uint32_t word_count_ = 0;
    std::uint32_t word_slots_ = 0;
    std::uint32_t name_slots_ = 0;
    const std::uint32_t* words_ = nullptr;
    const std::uint32_t* names_ = nullptr;
    const char* strings_ = nullptr;
};

}  // namespace lupe::analysis
