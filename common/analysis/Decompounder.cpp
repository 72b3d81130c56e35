#include "analysis/Decompounder.h"

#include <algorithm>
#include <array>
#include <limits>

namespace lupe::analysis {
namespace {

constexpr std::array<std::string_view, 8> kLinks = {"", "s", "es", "n", "en", "er", "e", "ens"};

// Short words that do stand in compounds (Bundestag, Finanzamt, Neubau, Stadtrat ...).
constexpr std::array<std::string_view, 24> kShortParts = {
    "amt", "bau", "rat", "tag", "eis", "see", "weg", "zug", "gas", "hof", "tor", "rad",
    "bad", "arm", "ohr", "ton", "zoo", "tee", "bus", "ost", "süd", "not", "kur", "rot"};

// Endings that are words too but make derivations, not compounds, when they end a word.
constexpr std::array<std::string_view, 18> kNoHead = {
    "schaft", "schaften", "bar", "bare", "los", "lose", "tum", "sam", "haft", "chen",
    "lein", "ling", "linge", "nis", "heit", "keit", "ion", "ionen"};

// Words that look like a modifier but mostly begin other words: prepositions and particles
// (`Unternehmen` is no `unter` + `nehmen`, `Übernahme` no `über` + `nahme`).
constexpr std::array<std::string_view, 24> kNoModifier = {
    "verb",   "erbe",  "ende",     "gebe",     "bein",   "ober",  "unter", "über",  "nach",  "durch",
    "gegen",  "wider", "hinter",   "zwischen", "zusammen", "heraus", "herein", "hinaus", "voran", "wieder",
    "sankt",  "gene",  "tran",     "trans"};

// Inflectional endings: a plural is split like its singular (`sanktionen` like `sanktion`,
// `lehrerinnen` like `lehrerin`, not `lehre` + `rinnen`).
constexpr std::array<std::string_view, 7> kEndings = {"en", "n", "e", "es", "s", "er", "nen"};

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t letters(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

bool Decompounder::usable_part(std::string_view part, bool first, bool last) const {
    if (letters(part) < kMinPartChars && !one_of(kShortParts, part)) return false;
    if (last && one_of(kNoHead, part)) return false;
    if (first && one_of(kNoModifier, part)) return false;
    return lexicon_.contains(part);
}

std::vector<std::string> Decompounder::best_split(std::string_view word) const {
    const std::size_t n = word.size();
    struct State {
        std::size_t parts = std::numeric_limits<std::size_t>::max();
        std::size_t head = 0;    // length of the last part: a longer head wins ties
        std::size_t score = 0;   // sum of squared part lengths: longer parts win ties
        std::size_t from = 0;    // end of the previous part
        std::size_t start = 0;   // start of this part (after a linking element)
    };
    std::vector<State> best(n + 1);
    best[0].parts = 0;
    for (std::size_t j = 0; j < n; ++j) {
        if (best[j].parts == std::numeric_limits<std::size_t>::max()) continue;
        for (const std::string_view link : kLinks) {
            if (j == 0 && !link.empty()) break;
            if (word.substr(j, link.size()) != link) continue;
            const std::size_t k = j + link.size();
            for (std::size_t i = k + 3; i <= n; ++i) {
                if (i < n && is_continuation(word[i])) continue;
                const std::string_view part = word.substr(k, i - k);
                if (j == 0 && i == n) continue;  // the whole word is no split
                if (!usable_part(part, j == 0, i == n)) continue;
                const std::size_t parts = best[j].parts + 1;
                const std::size_t head = part.size();
                const std::size_t score = best[j].score + part.size() * part.size();
                const State& old = best[i];
                const bool better = parts < old.parts ||
                                    (parts == old.parts && (head > old.head || (head == old.head && score > old.score)));
                if (better) best[i] = {parts, head, score, j, k};
            }
        }
    }
    std::vector<std::string> parts;
    if (best[n].parts == std::numeric_limits<std::size_t>::max()) return parts;
    for (std::size_t i = n; i > 0; i = best[i].from) {
        parts.emplace_back(word.substr(best[i].start, i - best[i].start));
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
}

bool Decompounder::base_form_unsplit(std::string_view word) const {
    for (const std::string_view ending : kEndings) {
        if (word.size() <= ending.size() + 3 || word.substr(word.size() - ending.size()) != ending) continue;
        const std::string_view base = word.substr(0, word.size() - ending.size());
        if (lexicon_.is_name(base)) return true;  // `tagesspiegels`, `starnberger`
        if (lexicon_.contains(base) && (letters(base) < kMinWordChars || lexicon_.is_name(base) ||
                                        best_split(base).empty())) {
            return true;
        }
    }
    return false;
}

std::vector<std::vector<std::string>> Decompounder::top_parts(std::string_view word) const {
    std::vector<std::vector<std::string>> out;
    if (letters(word) < kMinWordChars || lexicon_.is_name(word) || base_form_unsplit(word)) return out;
    const std::vector<std::string> parts = best_split(word);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        std::string part = parts[p];
        const bool modifier = p + 1 < parts.size();
        // A modifier that kept its linking element (`haushalts`, `landes`) stands as its base.
        for (const std::string_view link : {std::string_view("es"), std::string_view("s")}) {
            if (modifier && part.size() > link.size() + 3 &&
                part.compare(part.size() - link.size(), link.size(), link) == 0 &&
                lexicon_.contains(std::string_view(part).substr(0, part.size() - link.size()))) {
                part.resize(part.size() - link.size());
                break;
            }
        }
        std::vector<std::string> forms{part};
        // `rechen` (in Rechenleistung) is the verb `rechnen` without its n.
        if (modifier && part.size() > 4 && part.compare(part.size() - 2, 2, "en") == 0) {
            std::string verb = part.substr(0, part.size() - 2) + "nen";
            if (lexicon_.contains(verb)) forms.push_back(std::move(verb));
        }
        out.push_back(std::move(forms));
    }
    return out;
}

void Decompounder::collect(std::string_view word, std::vector<std::string>& out, int depth) const {
    if (depth > 3) return;
    for (const auto& forms : top_parts(word)) {
        for (const auto& form : forms) {
            if (std::find(out.begin(), out.end(), form) == out.end()) out.push_back(form);
        }
        collect(forms.front(), out, depth + 1);
    }
}

const std::vector<std::string>& Decompounder::split(const std::string& word) {
    if (const auto it = cache_.find(word); it != cache_.end()) return it->second;
    std::vector<std::string> parts;
    collect(word, parts, 0);
    if (cache_.size() > 200000) cache_.clear();  // bound memory on endless vocabularies
    return cache_.emplace(word, std::move(parts)).first->second;
}

}  // namespace lupe::analysis
