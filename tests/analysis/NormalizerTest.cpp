#include <catch2/catch.hpp>

#include "analysis/Normalizer.h"

using lupe::analysis::Normalizer;

TEST_CASE("Normalizer applies NFKC with full case folding", "[analysis][normalizer]") {
    struct Row {
        const char* word;
        const char* normalized;
    };
    const Row rows[] = {
        {"Straße", "strasse"},
        {"STRASSE", "strasse"},
        {"ẞ", "ss"},                        // capital sharp s
        {"Ｈｕａｗｅｉ", "huawei"},          // fullwidth letters
        {"ﬁnanzieren", "finanzieren"},      // ligature fi
        {"Bundes\u00ADkanzler", "bundeskanzler"},  // soft hyphen removed
        {"Ä", "ä"},
        {"Äpfel", "äpfel"},
        {"Öl", "öl"},
        {"ÜBER", "über"},
        {"a\u0308", "ä"},                   // decomposed (not NFC) input
        {"A\u0308pfel", "äpfel"},
        {"NVIDIA", "nvidia"},
        {"huawei", "huawei"},               // already normal (fast path)
        {"100.000", "100.000"},
        {"2,5", "2,5"},
        {"910B", "910b"},
        {"①", "1"},
        {"", ""},
    };
    const Normalizer normalizer;
    for (const auto& row : rows) {
        INFO("word: " << row.word);
        CHECK(normalizer.normalize(row.word) == row.normalized);
    }
}

TEST_CASE("Normalizer makes composed and decomposed spellings equal", "[analysis][normalizer]") {
    const Normalizer normalizer;
    CHECK(normalizer.normalize("Gr\u00FC\u00DFe") == normalizer.normalize("Gru\u0308\u00DFe"));
    CHECK(normalizer.normalize("N\u00FCrnberg") == normalizer.normalize("NU\u0308RNBERG"));
}
