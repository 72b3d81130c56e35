#include "analysis/UmlautFolder.h"

namespace lupe::analysis {
namespace {

bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

const char* umlaut_for(char first) {
    switch (first) {
        case 'a': return "\xC3\xA4";  // ä
        case 'o': return "\xC3\xB6";  // ö
        case 'u': return "\xC3\xBC";  // ü
        default: return nullptr;
    }
}

// Whether `ae`/`oe`/`ue` at `i` stands for an umlaut, judged by what comes before it.
bool umlaut_pair_after(const std::string& word, std::size_t i) {
    const char c = word[i];
    const char before = i > 0 ? word[i - 1] : '\0';
    if (c == 'u' && before == 'q') return false;  // quelle, bouquet
    if (!is_vowel(before)) return true;
    if (before == 'u' && i > 1 && word[i - 2] == 'q') return true;  // qu is a consonant: quaelen
    if (before != 'e') return false;  // bauer, treue, zooeingang
    // After e: `ae` is ä (geaendert, beaengstigt; German has no e-a-e), and after the prefix
    // ge- so are `oe` and `ue` (geoeffnet, geuebt); otherwise feuer, steuer, neue stay.
    if (c == 'a') return true;
    return i > 1 && word[i - 2] == 'g';
}

}  // namespace

void fold_umlaut_digraphs(std::string& word) {
    if (word.find('e') == std::string::npos) return;
    std::string out;
    out.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        const char* umlaut = umlaut_for(c);
        const bool pair = umlaut && i + 1 < word.size() && word[i + 1] == 'e';
        if (pair && umlaut_pair_after(word, i)) {
            out += umlaut;
            ++i;
        } else {
            out += c;
        }
    }
    word = std::move(out);
}

}  // namespace lupe::analysis
