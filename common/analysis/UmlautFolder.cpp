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

}  // namespace

void fold_umlaut_digraphs(std::string& word) {
    if (word.find('e') == std::string::npos) return;
    std::string out;
    out.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        const char* umlaut = umlaut_for(c);
        const bool pair = umlaut && i + 1 < word.size() && word[i + 1] == 'e';
        const char before = i > 0 ? word[i - 1] : '\0';
        if (pair && !is_vowel(before) && !(c == 'u' && before == 'q')) {
            out += umlaut;
            ++i;
        } else {
            out += c;
        }
    }
    word = std::move(out);
}

}  // namespace lupe::analysis
