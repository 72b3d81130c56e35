#pragma once
// Stopwords: the German stop list of the Snowball project (case-folded forms).
//
// Contract: `contains(w)` for a word already passed through the Normalizer. Stopwords are
// indexed (positions kept, so `"Die Welt"` as a phrase works) but carry no weight in ranking.
// Immutable after construction; thread-safe.

#include <string>
#include <string_view>
#include <unordered_set>

namespace lupe::analysis {

class Stopwords {
public:
    static const Stopwords& german();
    bool contains(std::string_view normalized_word) const;

private:
    Stopwords();
    std::unordered_set<std::string_view> words_;
};

}  // namespace lupe::analysis
