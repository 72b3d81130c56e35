#include "analysis/Lexicon.h"

#include <cstring>
#include <stdexcept>

// The lexicon's bytes, linked in by LexiconData.S (.incbin of the built data/lexicon.bin).
extern "C" const unsigned char lupe_lexicon_data[];
extern "C" const unsigned char lupe_lexicon_end[];
// Its checksum, written by LexiconBuilder as lexicon.bin.checksum (16 hex digits, NUL added).
extern "C" const char lupe_lexicon_checksum[];

namespace lupe::analysis {
namespace {

std::uint32_t read_u32(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

}  // namespace

const Lexicon& Lexicon::german() {
    static const Lexicon lexicon(lupe_lexicon_data,
                                 static_cast<std::size_t>(lupe_lexicon_end - lupe_lexicon_data));
    return lexicon;
}

Lexicon::Lexicon(const unsigned char* data, std::size_t size) : data_(data), size_(size) {
    constexpr std::size_t kHeader = 8 + 4 * 4;
    if (size < kHeader || std::memcmp(data, "LUPELEX1", 8) != 0) {
        throw std::runtime_error("compound lexicon missing or damaged (rebuild Lupe)");
    }
    word_count_ = read_u32(data + 8);
    word_slots_ = read_u32(data + 12);
    name_slots_ = read_u32(data + 20);
    const std::size_t tables = (std::size_t{word_slots_} + name_slots_) * 4;
    if (kHeader + tables > size) throw std::runtime_error("compound lexicon damaged");
    // The data is 16-byte aligned by the assembler and the header is 24 bytes: 4-aligned.
    words_ = reinterpret_cast<const std::uint32_t*>(data + kHeader);
    names_ = words_ + word_slots_;
    strings_ = reinterpret_cast<const char*>(data + kHeader + tables);
}

bool Lexicon::find(const std::uint32_t* table, std::uint32_t slots, std::string_view word) const {
    if (slots == 0) return false;
    const std::uint32_t mask = slots - 1;
    for (std::uint32_t i = hash(word) & mask;; i = (i + 1) & mask) {
        const std::uint32_t slot = table[i];
        if (slot == 0) return false;
        const char* candidate = strings_ + (slot - 1);
        if (std::strncmp(candidate, word.data(), word.size()) == 0 && candidate[word.size()] == '\0') {
            return true;
        }
    }
}

bool Lexicon::contains(std::string_view word) const { return find(words_, word_slots_, word); }

bool Lexicon::is_name(std::string_view word) const { return find(names_, name_slots_, word); }

std::string Lexicon::checksum() const {
    // The linked-in checksum belongs to the linked-in bytes; another lexicon (none is made
    // outside german() today) computes its own.
    if (data_ == lupe_lexicon_data) return std::string(lupe_lexicon_checksum, 16);
    return computed_checksum();
}

}  // namespace lupe::analysis
