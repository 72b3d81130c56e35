#include "analysis/GermanAnalyzer.h"

#include <array>
#include <cstdio>

#include "analysis/PluralFolder.h"
#include "analysis/Stopwords.h"

namespace lupe::analysis {

std::string GermanAnalyzer::stem_normalized(const std::string& normalized) {
    if (normalized.empty() || normalized.size() > kMaxWordBytes) return {};
    std::string stem = stemmer_.stem(normalized);
    fold_loanword_plural(stem);
    return stem;
}

std::string GermanAnalyzer::term(std::string_view word) {
    return stem_normalized(normalizer_.normalize(word));
}

bool GermanAnalyzer::is_stopword(std::string_view normalized_word) const {
    return Stopwords::german().contains(normalized_word);
}

void GermanAnalyzer::add_vocabulary(std::string_view word, const std::string& normalized,
                                    std::vector<std::string>& vocabulary) const {
    if (normalized.size() < 3 || normalized.size() > 30 || is_stopword(normalized)) return;
    for (const char c : normalized) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !(u >= 'a' && u <= 'z')) return;  // digits, dots: not a word to suggest
    }
    // Case folding turns ß into ss; keep the reader's spelling where they differ.
    const bool sharp_s = word.find("\xC3\x9F") != std::string_view::npos ||
                         word.find("\xE1\xBA\x9E") != std::string_view::npos;
    vocabulary.push_back(sharp_s ? normalizer_.lowercase(word) : normalized);
}

std::uint32_t GermanAnalyzer::analyze(std::string_view text, std::uint32_t first_position,
                                      std::vector<Term>& out, std::vector<std::string>* vocabulary) {
    std::uint32_t position = first_position;
    for (const Word& word : tokenizer_.split(text)) {
        if (word.parts.empty()) {
            const std::string normalized = normalizer_.normalize(word.text);
            std::string stem = stem_normalized(normalized);
            if (stem.empty()) continue;
            if (vocabulary) add_vocabulary(word.text, normalized, *vocabulary);
            out.push_back({std::move(stem), position++, is_stopword(normalized)});
            continue;
        }
        // Hyphenated word: the joined form at the first part's position, then each part.
        std::string joined;
        for (const std::string& part : word.parts) joined += normalizer_.normalize(part);
        std::string joined_stem = stem_normalized(joined);
        const std::uint32_t start = position;
        if (!joined_stem.empty()) out.push_back({std::move(joined_stem), start, false});
        for (const std::string& part : word.parts) {
            const std::string normalized = normalizer_.normalize(part);
            std::string stem = stem_normalized(normalized);
            if (stem.empty()) continue;
            if (vocabulary) add_vocabulary(part, normalized, *vocabulary);
            out.push_back({std::move(stem), position++, is_stopword(normalized)});
        }
        if (position == start) ++position;
    }
    return position;
}

std::string GermanAnalyzer::fingerprint() {
    // Words whose stems differ between Snowball versions or normalisation choices.
    static constexpr std::array kProbes = {"abgeleitet", "abgehärteten", "Häuser", "Straße",
                                           "aufeinanderfolgenden", "Bundes\u00ADkanzler",
                                           "ﬁnanzieren", "Sanktionen", "Chips", "Nürnberg"};
    std::string all;
    for (const char* probe : kProbes) all += term(probe) + ' ';
    // FNV-1a, printed as hex: short and stable.
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : all) hash = (hash ^ c) * 1099511628211ULL;
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(Stemmer::algorithm) + "-" + buffer;
}

}  // namespace lupe::analysis
