#include "analysis/GermanAnalyzer.h"

#include <algorithm>
#include <array>

#include "analysis/Lexicon.h"
#include "analysis/PluralFolder.h"
#include "analysis/UmlautFolder.h"
#include "analysis/Stopwords.h"

namespace lupe::analysis {

std::string GermanAnalyzer::stem_normalized(const std::string& normalized) {
    if (normalized.empty() || normalized.size() > kMaxWordBytes) return {};
    std::string stem = stemmer_.stem(normalized);
    fold_loanword_plural(stem);
    return stem;
}

std::string GermanAnalyzer::comparable(std::string_view word) const {
    std::string normalized = normalizer_.normalize(word);
    fold_umlaut_digraphs(normalized);
    return normalized;
}

const std::string& GermanAnalyzer::remembered_term(std::string_view word) {
    if (const auto known = terms_.find(word); known != terms_.end()) return known->second;
    if (terms_.size() >= kMemoWords) terms_.clear();
    return terms_.emplace(std::string(word), stem_normalized(comparable(word))).first->second;
}

std::string GermanAnalyzer::unfolded_term(std::string_view word) {
    const std::string normalized = normalizer_.normalize(word);
    std::string folded = normalized;
    fold_umlaut_digraphs(folded);
    if (folded == normalized) return {};
    std::string unfolded = stem_normalized(normalized);
    return unfolded == stem_normalized(folded) ? std::string() : unfolded;
}

std::vector<std::string> GermanAnalyzer::part_terms(std::string_view word) {
    std::vector<std::string> terms;
    const std::string whole = comparable(word);
    const std::string whole_stem = stem_normalized(whole);
    for (const std::string& part : decompounder_.split(whole)) {
        std::string stem = stem_normalized(part);
        if (!stem.empty() && stem != whole_stem &&
            std::find(terms.begin(), terms.end(), stem) == terms.end()) {
            terms.push_back(std::move(stem));
        }
    }
    return terms;
}

std::vector<std::vector<std::string>> GermanAnalyzer::top_part_terms(std::string_view word) {
    std::vector<std::vector<std::string>> out;
    for (const auto& forms : decompounder_.top_parts(comparable(word))) {
        std::vector<std::string> stems;
        for (const auto& form : forms) {
            std::string stem = stem_normalized(form);
            if (!stem.empty() && std::find(stems.begin(), stems.end(), stem) == stems.end()) {
                stems.push_back(std::move(stem));
            }
        }
        if (!stems.empty()) out.push_back(std::move(stems));
    }
    return out;
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

// One word: its term, then the terms of its compound parts (all at the word's position).
GermanAnalyzer::WordAnalysis GermanAnalyzer::analyze_word(std::string_view word) {
    WordAnalysis out;
    const std::string normalized = normalizer_.normalize(word);
    if (normalized.empty() || normalized.size() > kMaxWordBytes) return out;
    out.stopword = is_stopword(normalized);
    std::vector<std::string> vocabulary;
    add_vocabulary(word, normalized, vocabulary);
    if (!vocabulary.empty()) out.vocabulary = std::move(vocabulary.front());
    std::string folded = normalized;
    fold_umlaut_digraphs(folded);
    std::string stem = stem_normalized(folded);
    if (stem.empty()) return out;
    out.terms.push_back(stem);
    if (out.stopword) return out;
    // A word with ae/oe/ue is also indexed unfolded: `Panamaer` is no `Panamär`.
    if (folded != normalized) {
        std::string unfolded = stem_normalized(normalized);
        if (!unfolded.empty() && unfolded != stem) out.terms.push_back(std::move(unfolded));
    }
    for (const std::string& part : decompounder_.split(folded)) {
        std::string part_stem = stem_normalized(part);
        if (!part_stem.empty() && part_stem != stem) out.terms.push_back(std::move(part_stem));
    }
    return out;
}

const GermanAnalyzer::WordAnalysis& GermanAnalyzer::remembered(std::string_view word) {
    if (const auto known = words_.find(word); known != words_.end()) return known->second;
    if (words_.size() >= kMemoWords) words_.clear();
    return words_.emplace(std::string(word), analyze_word(word)).first->second;
}

const std::string& GermanAnalyzer::joined_term(const Word& word) {
    if (const auto known = joined_.find(word.text); known != joined_.end()) return known->second;
    if (joined_.size() >= kMemoWords) joined_.clear();
    std::string joined;
    for (const std::string& part : word.parts) joined += comparable(part);
    return joined_.emplace(word.text, stem_normalized(joined)).first->second;
}

void GermanAnalyzer::add_word(std::string_view word, std::uint32_t position, std::vector<Term>& out,
                              std::vector<std::string>* vocabulary) {
    const WordAnalysis& analysis = remembered(word);
    if (vocabulary && !analysis.vocabulary.empty()) vocabulary->push_back(analysis.vocabulary);
    for (std::size_t i = 0; i < analysis.terms.size(); ++i) {
        out.push_back({analysis.terms[i], position, i == 0 && analysis.stopword, i == 0});
    }
}

std::uint32_t GermanAnalyzer::analyze(std::string_view text, std::uint32_t first_position,
                                      std::vector<Term>& out, std::vector<std::string>* vocabulary) {
    std::uint32_t position = first_position;
    for (const Word& word : tokenizer_.split(text)) {
        if (word.parts.empty()) {
            const std::size_t before = out.size();
            add_word(word.text, position, out, vocabulary);
            if (out.size() > before) ++position;
            continue;
        }
        // Hyphenated word: the joined form at the first part's position, then each part.
        const std::string& joined_stem = joined_term(word);
        const std::uint32_t start = position;
        if (!joined_stem.empty()) out.push_back({joined_stem, start, false, false});
        for (const std::string& part : word.parts) {
            const std::size_t before = out.size();
            add_word(part, position, out, vocabulary);
            if (out.size() > before) ++position;
        }
        if (position == start) ++position;
    }
    return position;
}

std::string GermanAnalyzer::fingerprint() {
    // Words whose stems differ between Snowball versions or normalisation choices.
    static constexpr std::array kProbes = {"abgeleitet", "abgehärteten", "Häuser", "Straße",
                                           "aufeinanderfolgenden", "Bundes\u00ADkanzler",
                                           "ﬁnanzieren", "Sanktionen", "Chips", "Nuernberg",
                                           "Halbleiterindustrie", "Rechenleistung"};
    std::string all;
    for (const char* probe : kProbes) {
        all += term(probe) + ' ';
        for (const auto& part : part_terms(probe)) all += part + '+';
    }
    all += Lexicon::german().checksum();
    // Hashed like the lexicon: short and stable.
    return std::string(Stemmer::algorithm) + "-" +
           Lexicon::checksum_of(reinterpret_cast<const unsigned char*>(all.data()), all.size());
}

}  // namespace lupe::analysis
