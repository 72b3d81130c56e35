// umlaut-cost: what folding ae/oe/ue into ä/ö/ü (analysis/UmlautFolder.h) gains and costs,
// measured on Snowball's German reference vocabulary (real words as written, with umlauts).
//
//   umlaut-cost [--voc PATH] [--examples N] [--markdown]
//
// Cost (precision): a vocabulary word with a real ae/oe/ue (`aktuell`, `Michael`, `Poesie`)
// that the folder changes is a *false merge* when its folded form is a different vocabulary
// word (word level) or has the term of a different vocabulary word (term level: the stem Lupe
// indexes, so the two words would find each other); otherwise the folded form is a spelling no
// other word has, and nothing is lost.
// Gain (recall): every vocabulary word with ä/ö/ü, typed the English-keyboard way (`ae`, `oe`,
// `ue`), is *recovered* when its folded spelling gets the word's own term; the program also
// counts how many of those the stemmer alone would have matched (Snowball's german maps ä to a,
// so `Nurnberg` already meets `Nürnberg`, but `Nuernberg` does not).
// With --queries, also: how many queries of eval sets (queries.jsonl, field "query") hold a
// word that folding changes: a bound on how much the relevance benchmark can move with it.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/GermanAnalyzer.h"
#include "analysis/Normalizer.h"
#include "analysis/PluralFolder.h"
#include "analysis/Stemmer.h"
#include "analysis/UmlautFolder.h"

namespace {

using lupe::analysis::Normalizer;
using lupe::analysis::Stemmer;

struct Counts {
    std::size_t vocabulary = 0;
    // cost
    std::size_t changed = 0;        // words with a real ae/oe/ue that the folder changes
    std::size_t word_merges = 0;    // ... whose folded form is another vocabulary word
    std::size_t term_merges = 0;    // ... whose folded term is another word's term (incl. above)
    std::size_t term_merged_words = 0;  // distinct other words they now meet
    std::vector<std::string> word_examples;
    std::vector<std::string> term_examples;
    // gain
    std::size_t umlaut_words = 0;   // words with ä/ö/ü
    std::size_t recovered = 0;      // typed with ae/oe/ue, folded: the word's own term
    std::size_t stem_alone = 0;     // typed with ae/oe/ue, not folded: the word's own term anyway
    std::vector<std::string> missed_examples;
};

class Terms {
public:
    std::string term(const std::string& normalized) {
        std::string stem = stemmer_.stem(normalized);
        lupe::analysis::fold_loanword_plural(stem);
        return stem;
    }

private:
    Stemmer stemmer_;
};

// The English-keyboard spelling of a word: ä -> ae, ö -> oe, ü -> ue.
std::string with_digraphs(const std::string& word) {
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (static_cast<unsigned char>(word[i]) == 0xC3 && i + 1 < word.size()) {
            const auto next = static_cast<unsigned char>(word[i + 1]);
            const char* digraph = next == 0xA4 ? "ae" : next == 0xB6 ? "oe" : next == 0xBC ? "ue" : nullptr;
            if (digraph) {
                out += digraph;
                ++i;
                continue;
            }
        }
        out += word[i];
    }
    return out;
}

bool has_umlaut(const std::string& word) { return with_digraphs(word) != word; }

Counts measure(const std::vector<std::string>& vocabulary, std::size_t examples) {
    const Normalizer normalizer;
    Terms terms;
    Counts c;
    c.vocabulary = vocabulary.size();

    // Every word's term without folding (what the word is indexed as when it has no digraph),
    // and which words hold each term.
    std::unordered_set<std::string> words;
    std::unordered_map<std::string, std::vector<std::string>> words_by_term;
    std::vector<std::string> normalized;
    normalized.reserve(vocabulary.size());
    for (const auto& w : vocabulary) {
        normalized.push_back(normalizer.normalize(w));
        words.insert(normalized.back());
        words_by_term[terms.term(normalized.back())].push_back(normalized.back());
    }

    std::unordered_set<std::string> merged_with;
    for (const std::string& word : normalized) {
        std::string folded = word;
        lupe::analysis::fold_umlaut_digraphs(folded);
        if (folded != word) {
            ++c.changed;
            if (words.count(folded)) {
                ++c.word_merges;
                if (c.word_examples.size() < examples) c.word_examples.push_back(word + " = " + folded);
            }
            const std::string own = terms.term(word);
            const std::string folded_term = terms.term(folded);
            const auto it = words_by_term.find(folded_term);
            if (folded_term != own && it != words_by_term.end()) {
                ++c.term_merges;
                merged_with.insert(it->second.begin(), it->second.end());
                if (c.term_examples.size() < examples) {
                    c.term_examples.push_back(word + " ~ " + it->second.front() + " (" + folded_term + ")");
                }
            }
        }
        if (has_umlaut(word)) {
            ++c.umlaut_words;
            const std::string own = terms.term(word);
            const std::string typed = with_digraphs(word);
            std::string folded_typed = typed;
            lupe::analysis::fold_umlaut_digraphs(folded_typed);
            if (terms.term(folded_typed) == own) {
                ++c.recovered;
            } else if (c.missed_examples.size() < examples) {
                c.missed_examples.push_back(typed + " -> " + folded_typed + " (not " + word + ")");
            }
            if (terms.term(typed) == own) ++c.stem_alone;
        }
    }
    c.term_merged_words = merged_with.size();
    return c;
}

std::string percent(std::size_t part, std::size_t whole) {
    if (whole == 0) return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buffer;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "`" : ", `") + item + "`";
    return out.empty() ? "none" : out;
}

void print(const Counts& c, const std::string& voc, bool markdown) {
    if (markdown) {
        std::cout << "| measure | words | share |\n|---|--:|--:|\n";
        std::cout << "| vocabulary words | " << c.vocabulary << " | |\n";
        std::cout << "| cost: words with a real ae/oe/ue that folding changes | " << c.changed << " | "
                  << percent(c.changed, c.vocabulary) << " of vocabulary |\n";
        std::cout << "| cost: folded onto another vocabulary word | " << c.word_merges << " | "
                  << percent(c.word_merges, c.vocabulary) << " of vocabulary |\n";
        std::cout << "| cost: folded onto another word's term (false merges) | " << c.term_merges << " | "
                  << percent(c.term_merges, c.vocabulary) << " of vocabulary |\n";
        std::cout << "| gain: words with ä/ö/ü | " << c.umlaut_words << " | "
                  << percent(c.umlaut_words, c.vocabulary) << " of vocabulary |\n";
        std::cout << "| gain: typed as ae/oe/ue, folding finds the word's term | " << c.recovered << " | "
                  << percent(c.recovered, c.umlaut_words) << " of ä/ö/ü words |\n";
        std::cout << "| gain: typed as ae/oe/ue, the stemmer alone finds it | " << c.stem_alone << " | "
                  << percent(c.stem_alone, c.umlaut_words) << " of ä/ö/ü words |\n\n";
        std::cout << "- Vocabulary: `" << voc << "`\n";
        std::cout << "- False merges at word level: " << join(c.word_examples) << "\n";
        std::cout << "- False merges at term level (word ~ other word (shared term)): " << join(c.term_examples)
                  << "; " << c.term_merged_words << " distinct other words affected\n";
        std::cout << "- Umlaut words folding does not recover: " << join(c.missed_examples) << "\n";
        return;
    }
    std::cout << "vocabulary " << voc << ": " << c.vocabulary << " words\n"
              << "cost: " << c.changed << " words with a real ae/oe/ue change when folded; " << c.word_merges
              << " become another vocabulary word, " << c.term_merges << " another word's term ("
              << c.term_merged_words << " distinct words)\n"
              << "gain: " << c.umlaut_words << " words with umlauts; typed as ae/oe/ue, folding recovers "
              << c.recovered << ", the stemmer alone " << c.stem_alone << "\n";
    for (const auto& e : c.word_examples) std::cout << "  word merge: " << e << '\n';
    for (const auto& e : c.term_examples) std::cout << "  term merge: " << e << '\n';
    for (const auto& e : c.missed_examples) std::cout << "  not recovered: " << e << '\n';
}

// Queries of a queries.jsonl with at least one word the folder changes, and a few such words.
void count_queries(const std::string& path, std::size_t examples, bool markdown) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    lupe::analysis::GermanAnalyzer analyzer;
    std::size_t queries = 0;
    std::size_t touched = 0;
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        ++queries;
        bool changed = false;
        for (const auto& word : analyzer.words(nlohmann::json::parse(line).at("query").get<std::string>())) {
            const std::string normalized = analyzer.normalize(word.text);
            std::string folded = normalized;
            lupe::analysis::fold_umlaut_digraphs(folded);
            if (folded == normalized) continue;
            changed = true;
            if (words.size() < examples && std::find(words.begin(), words.end(), normalized) == words.end()) {
                words.push_back(normalized);
            }
        }
        if (changed) ++touched;
    }
    if (markdown) {
        std::cout << "- `" << path << "`: " << touched << " of " << queries << " queries ("
                  << percent(touched, queries) << ") hold a word folding changes: " << join(words) << "\n";
    } else {
        std::cout << path << ": " << touched << " of " << queries << " queries hold a word folding changes\n";
        for (const auto& w : words) std::cout << "  " << w << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("What folding ae/oe/ue into umlauts gains and costs on Snowball's German vocabulary");
    std::string voc = LUPE_DEFAULT_VOC;
    std::size_t examples = 12;
    bool markdown = false;
    app.add_option("--voc", voc, "Vocabulary, one word per line (Snowball's german voc.txt)");
    app.add_option("--examples", examples, "Examples to list per kind");
    app.add_flag("--markdown", markdown, "Print a Markdown table for bench/RESULTS.md");
    std::vector<std::string> queries;
    app.add_option("--queries", queries, "Eval queries (queries.jsonl) to count digraph words in");
    CLI11_PARSE(app, argc, argv);

    std::ifstream in(voc);
    if (!in) {
        std::cerr << "umlaut-cost: cannot read " << voc << '\n';
        return 1;
    }
    std::vector<std::string> vocabulary;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) vocabulary.push_back(line);
    }
    print(measure(vocabulary, examples), voc, markdown);
    try {
        for (const auto& path : queries) count_queries(path, examples, markdown);
    } catch (const std::exception& e) {
        std::cerr << "umlaut-cost: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
