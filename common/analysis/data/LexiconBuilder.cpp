// lupe-build-lexicon: builds the compound lexicon (see analysis/Lexicon.h for the layout).
//   lupe-build-lexicon OUT.bin NAMES.txt WORDLIST...
// Each word is normalised exactly as the analyzer normalises text (NFKC_Casefold, umlaut
// digraphs folded); words shorter than 3 letters or holding other than letters are skipped.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "analysis/Lexicon.h"
#include "analysis/Normalizer.h"
#include "analysis/UmlautFolder.h"

namespace {

using lupe::analysis::Lexicon;

bool letters_only(const std::string& w) {
    for (const char c : w) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !(u >= 'a' && u <= 'z')) return false;
    }
    return true;
}

std::set<std::string> read_words(const char* path, const lupe::analysis::Normalizer& normalizer) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    std::set<std::string> words;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::string w = normalizer.normalize(line);
        lupe::analysis::fold_umlaut_digraphs(w);
        if (w.size() >= 3 && letters_only(w)) words.insert(std::move(w));
    }
    return words;
}

std::uint32_t slots_for(std::size_t n) {
    std::uint32_t slots = 16;
    while (slots < n * 2) slots *= 2;  // load factor <= 0.5
    return slots;
}

std::vector<std::uint32_t> table_for(const std::set<std::string>& words, std::string& strings) {
    const std::uint32_t slots = slots_for(words.size());
    std::vector<std::uint32_t> table(slots, 0);
    for (const auto& w : words) {
        const auto offset = static_cast<std::uint32_t>(strings.size());
        strings += w;
        strings += '\0';
        std::uint32_t i = Lexicon::hash(w) & (slots - 1);
        while (table[i] != 0) i = (i + 1) & (slots - 1);
        table[i] = offset + 1;
    }
    return table;
}

void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 4) {
        std::cerr << "usage: lupe-build-lexicon OUT.bin NAMES.txt WORDLIST...\n"
                     "writes OUT.bin and OUT.bin.checksum (see Lexicon::checksum)\n";
        return 2;
    }
    const lupe::analysis::Normalizer normalizer;
    std::set<std::string> words;
    for (int i = 3; i < argc; ++i) words.merge(read_words(argv[i], normalizer));
    const std::set<std::string> names = read_words(argv[2], normalizer);

    std::string strings;
    const auto word_table = table_for(words, strings);
    const auto name_table = table_for(names, strings);
    std::string out = "LUPELEX1";
    put_u32(out, static_cast<std::uint32_t>(words.size()));
    put_u32(out, static_cast<std::uint32_t>(word_table.size()));
    put_u32(out, static_cast<std::uint32_t>(names.size()));
    put_u32(out, static_cast<std::uint32_t>(name_table.size()));
    for (const auto v : word_table) put_u32(out, v);
    for (const auto v : name_table) put_u32(out, v);
    out += strings;
    write_file(argv[1], out);
    // The checksum is computed here once, not by every program at start-up (9 MB of bytes).
    write_file(std::string(argv[1]) + ".checksum",
               lupe::analysis::Lexicon::checksum_of(reinterpret_cast<const unsigned char*>(out.data()),
                                                    out.size()));
    std::cout << "lexicon: " << words.size() << " words, " << names.size() << " names, "
              << out.size() << " bytes\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "lupe-build-lexicon: " << e.what() << '\n';
    return 1;
}
