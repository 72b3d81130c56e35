#include <catch2/catch.hpp>

#include "analysis/Normalizer.h"
#include "analysis/Stopwords.h"

using lupe::analysis::Normalizer;
using lupe::analysis::Stopwords;

TEST_CASE("Stopwords holds the Snowball German stop list", "[analysis][stopwords]") {
    const char* stopwords[] = {"der", "die", "das", "und", "oder", "nicht", "für", "über",
                               "während", "können", "dass", "zwischen", "sich", "ein"};
    for (const char* word : stopwords) {
        INFO(word);
        CHECK(Stopwords::german().contains(word));
    }
    const char* words[] = {"haus", "welt", "regierung", "huawei", "sanktionen", "chips",
                           "gross", "", "d", "dies es"};
    for (const char* word : words) {
        INFO(word);
        CHECK_FALSE(Stopwords::german().contains(word));
    }
}

TEST_CASE("Stopwords expects normalised words", "[analysis][stopwords]") {
    const Normalizer normalizer;
    struct Row {
        const char* word;
        bool stopword;
    };
    const Row rows[] = {
        {"Die", true}, {"ÜBER", true}, {"Daß", true}, {"Fu\u0308r", true},
        {"Haus", false}, {"Welt", false},
    };
    for (const auto& row : rows) {
        INFO(row.word);
        CHECK(Stopwords::german().contains(normalizer.normalize(row.word)) == row.stopword);
    }
    // Not normalised: the capitalised spelling is not in the list.
    CHECK_FALSE(Stopwords::german().contains("Die"));
}
