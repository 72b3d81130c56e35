#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/Tokenizer.h"

using lupe::analysis::Tokenizer;
using lupe::analysis::Word;

namespace {

std::vector<std::string> texts(const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) out.push_back(w.text);
    return out;
}

}  // namespace

TEST_CASE("Tokenizer splits German text into words", "[analysis][tokenizer]") {
    struct Row {
        const char* input;
        std::vector<std::string> words;
    };
    const Row rows[] = {
        {"Die Welt ist groß", {"Die", "Welt", "ist", "groß"}},
        {"mehr als 100.000 Chips", {"mehr", "als", "100.000", "Chips"}},
        {"Zinsen von 2,5 Prozent", {"Zinsen", "von", "2,5", "Prozent"}},
        {"neue KI-Modelle", {"neue", "KI-Modelle"}},
        {"per E-Mail senden", {"per", "E-Mail", "senden"}},
        {"Dr. Müller", {"Dr", "Müller"}},
        {"z. B. Brot", {"z", "B", "Brot"}},
        {"steigt – doch", {"steigt", "doch"}},
        {"steigt - doch", {"steigt", "doch"}},
        {"Nord- und Süddeutschland", {"Nord", "und", "Süddeutschland"}},
        {"Bundes\u00ADkanzler", {"Bundes\u00ADkanzler"}},
        {"„Empfehlung“ (vorläufig)!", {"Empfehlung", "vorläufig"}},
        {"Ｈｕａｗｅｉ", {"Ｈｕａｗｅｉ"}},
        {" – ", {}},
        {"", {}},
    };
    Tokenizer tokenizer;
    for (const auto& row : rows) {
        INFO("input: " << row.input);
        CHECK(texts(tokenizer.split(row.input)) == row.words);
    }
}

TEST_CASE("Tokenizer keeps the parts of hyphenated words", "[analysis][tokenizer]") {
    struct Row {
        const char* input;
        std::vector<std::string> parts;
    };
    const Row rows[] = {
        {"KI-Modelle", {"KI", "Modelle"}},
        {"E-Mail", {"E", "Mail"}},
        {"US-Sanktionen", {"US", "Sanktionen"}},
        {"Max-Planck-Institut", {"Max", "Planck", "Institut"}},
        {"910B-Chip", {"910B", "Chip"}},
        {"Modelle", {}},
        {"100.000", {}},
    };
    Tokenizer tokenizer;
    for (const auto& row : rows) {
        INFO("input: " << row.input);
        const auto words = tokenizer.split(row.input);
        REQUIRE(words.size() == 1);
        CHECK(words[0].text == row.input);
        CHECK(words[0].parts == row.parts);
    }
}

TEST_CASE("Tokenizer reports UTF-8 byte offsets of the original spelling", "[analysis][tokenizer]") {
    const std::string text = "Über 😀 Größe, Straße und KI-Modelle.";
    Tokenizer tokenizer;
    const auto words = tokenizer.split(text);
    REQUIRE(texts(words) == std::vector<std::string>{"Über", "Größe", "Straße", "und", "KI-Modelle"});
    for (const auto& w : words) {
        INFO(w.text);
        CHECK(text.substr(w.begin, w.end - w.begin) == w.text);
    }
    // "Über" is 5 bytes, the emoji 4: "Größe" starts after "Über 😀 " = 5 + 1 + 4 + 1 bytes.
    CHECK(words[0].begin == 0);
    CHECK(words[0].end == 5);
    CHECK(words[1].begin == 11);
    CHECK(words[1].end == 18);
    CHECK(words.back().end == text.size() - 1);
}

TEST_CASE("Tokenizer can be reused for several texts", "[analysis][tokenizer]") {
    Tokenizer tokenizer;
    CHECK(texts(tokenizer.split("erste Zeile")) == std::vector<std::string>{"erste", "Zeile"});
    const auto words = tokenizer.split("zweite");
    REQUIRE(words.size() == 1);
    CHECK(words[0].text == "zweite");
    CHECK(words[0].begin == 0);
    CHECK(words[0].end == 6);
}
