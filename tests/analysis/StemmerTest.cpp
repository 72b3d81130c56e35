#include <catch2/catch.hpp>

#include <fstream>

#include "analysis/Stemmer.h"
#include "support/TestSupport.h"

using lupe::analysis::Stemmer;

TEST_CASE("Stemmer reproduces the Snowball 2.2.0 German reference vocabulary", "[analysis][snowball]") {
    const auto dir = lupe::test::shared_dir() / "data/snowball/german-snowball-2.2.0";
    std::ifstream voc(dir / "voc.txt");
    std::ifstream expected(dir / "output.txt");
    REQUIRE(voc);
    REQUIRE(expected);
    Stemmer stemmer;
    std::string word, stem;
    std::size_t lines = 0, mismatches = 0;
    while (std::getline(voc, word) && std::getline(expected, stem)) {
        ++lines;
        if (stemmer.stem(word) != stem) {
            if (++mismatches <= 10) UNSCOPED_INFO(word << " -> " << stemmer.stem(word) << ", expected " << stem);
        }
    }
    CHECK(lines == 35033);
    CHECK(mismatches == 0);
}

TEST_CASE("Stemmer examples", "[analysis]") {
    Stemmer stemmer;
    struct Row { const char* word; const char* stem; };
    const Row rows[] = {
        {"sanktionen", "sanktion"}, {"sanktion", "sanktion"}, {"häuser", "haus"},
        {"abgeleitet", "abgeleitet"}, {"rechenleistung", "rechenleist"},
    };
    for (const auto& row : rows) {
        INFO(row.word);
        CHECK(stemmer.stem(row.word) == row.stem);
    }
}
