#include "search/Synonyms.h"

#include <algorithm>
#include <fstream>
#include <istream>
#include <set>

#include "article/TextDecoder.h"

namespace lupe {
namespace {

// One entry of a group: its terms, and for a hyphenated word also the terms of its parts.
struct Entry {
    Synonyms::Terms terms;
    Synonyms::Terms parts;  // empty unless the entry is one hyphenated word
};

std::string key_of(const Synonyms::Terms& terms) {
    std::string key;
    for (const auto& term : terms) key += (key.empty() ? "" : " ") + term;
    return key;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The entries of a line as written: split on `;` (or `,` without any `;`), `(...)` dropped.
// A parenthesis without its partner (`(;Klammer auf`) is a plain character.
std::vector<std::string> split_entries(const std::string& line) {
    const char separator = line.find(';') != std::string::npos ? ';' : ',';
    std::vector<bool> paired(line.size(), false);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '(') open.push_back(i);
        if (line[i] == ')' && !open.empty()) {
            paired[open.back()] = paired[i] = true;
            open.pop_back();
        }
    }
    std::vector<std::string> entries(1);
    int depth = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (paired[i]) {
            depth += c == '(' ? 1 : -1;
        } else if (c == separator && depth == 0) {
            entries.emplace_back();
        } else if (depth == 0) {
            entries.back() += c;
        }
    }
    for (auto& entry : entries) entry = trimmed(entry);
    return entries;
}

// An entry's terms; empty when it yields none (a stopword, punctuation, a fragment).
Entry analyse_entry(const std::string& text, analysis::GermanAnalyzer& analyzer) {
    Entry entry;
    if (text.find("...") != std::string::npos || text.find("\xE2\x80\xA6") != std::string::npos) return entry;
    const std::vector<analysis::Word> words = analyzer.words(text);
    if (words.size() == 1) {
        const analysis::Word& word = words.front();
        if (analyzer.is_stopword(analyzer.normalize(word.text))) return entry;
        if (word.parts.size() >= 2) {
            std::string joined;
            for (const auto& part : word.parts) {
                joined += part;
                if (std::string term = analyzer.term(part); !term.empty()) entry.parts.push_back(std::move(term));
            }
            if (std::string term = analyzer.term(joined); !term.empty()) entry.terms.push_back(std::move(term));
        } else if (std::string term = analyzer.term(word.text); !term.empty()) {
            entry.terms.push_back(std::move(term));
        }
        return entry;
    }
    // Several words: a phrase of every word's terms (a hyphenated word as its parts, at
    // consecutive positions like the indexer writes them; stopwords kept, as in phrases).
    for (const analysis::Word& word : words) {
        if (word.parts.empty()) {
            if (std::string term = analyzer.term(word.text); !term.empty()) entry.terms.push_back(std::move(term));
            continue;
        }
        for (const auto& part : word.parts) {
            if (std::string term = analyzer.term(part); !term.empty()) entry.terms.push_back(std::move(term));
        }
    }
    return entry;
}

}  // namespace

std::shared_ptr<const Synonyms> Synonyms::load(const std::string& path, SynonymLoadOptions options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SynonymFileError(path + ": cannot read the synonym file");
    analysis::GermanAnalyzer analyzer;
    return read(in, path, analyzer, options);
}

std::shared_ptr<const Synonyms> Synonyms::read(std::istream& in, const std::string& name,
                                               analysis::GermanAnalyzer& analyzer, SynonymLoadOptions options) {
    std::shared_ptr<Synonyms> table(new Synonyms());
    std::unordered_map<std::string, std::set<Terms>> others;  // key -> other entries
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::string text = trimmed(line);
        if (text.empty() || text[0] == '#') continue;
        auto fail = [&](const std::string& reason) {
            throw SynonymFileError(name + ":" + std::to_string(number) + ": " + reason);
        };
        if (!is_valid_utf8(text)) fail("not UTF-8");
        const std::vector<std::string> written = split_entries(text);
        const auto nonempty = std::count_if(written.begin(), written.end(), [](const auto& e) { return !e.empty(); });
        if (nonempty < 2) fail("a group needs at least two entries, separated by ';' or ','");

        std::vector<Entry> entries;
        std::set<Terms> seen;
        for (const std::string& entry_text : written) {
            Entry entry = analyse_entry(entry_text, analyzer);
            if (entry.terms.empty() || (options.single_words && entry.terms.size() > 1)) continue;
            if (seen.insert(entry.terms).second) entries.push_back(std::move(entry));
        }
        if (entries.size() < 2) continue;  // `Auto;Autos`: one entry after analysis
        if (options.max_group > 0 && entries.size() > options.max_group) continue;
        ++table->groups_;
        for (const Entry& entry : entries) {
            for (const Entry& other : entries) {
                if (&other == &entry) continue;
                others[key_of(entry.terms)].insert(other.terms);
                if (!entry.parts.empty()) others[key_of(entry.parts)].insert(other.terms);
            }
        }
    }
    if (in.bad()) throw SynonymFileError(name + ": cannot read the synonym file");
    for (auto& [key, entries] : others) {
        table->table_.emplace(key, std::vector<Terms>(entries.begin(), entries.end()));
    }
    return table;
}

const std::vector<Synonyms::Terms>& Synonyms::of(const Terms& key) const {
    static const std::vector<Terms> kNone;
    const auto it = table_.find(key_of(key));
    return it == table_.end() ? kNone : it->second;
}

}  // namespace lupe
