#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "analysis/Tokenizer.h"
#include "support/TestSupport.h"

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

// The plain-text path must cut exactly where ICU does: compare Segmenter::Auto with IcuOnly.
namespace {

bool same_words(const std::vector<Word>& a, const std::vector<Word>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].text != b[i].text || a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].parts != b[i].parts) {
            return false;
        }
    }
    return true;
}

std::string describe(const std::vector<Word>& words) {
    std::string out;
    for (const auto& w : words) out += "[" + w.text + "@" + std::to_string(w.begin) + "]";
    return out;
}

}  // namespace

TEST_CASE("Tokenizer's plain-text path cuts random text where ICU does", "[analysis][tokenizer]") {
    // Every class the plain path knows, its neighbours in the break rules, and characters it
    // must leave to ICU (soft hyphen, `_`, `@`, a combining mark, emoji, NBSP, Greek, ©, a
    // line separator, an Arabic-Indic digit).
    const std::vector<std::string> alphabet = {
        "a", "Z", "ß", "ä", "Ö", "é", "ł", "ª", "µ", "1", "0", ".", ",", ";", ":", "'", "’", "‘", "·",
        "-", "‐", "‑", "–", "—", "„", "“", "”", "‚", "…", "«", "»", "€", "%", "/", "(", ")", "!", "?",
        "\"", "&", " ", "  ", "\n", "\r\n", "\t", "\v", "\xC2\xA0", "\xC2\xAD", "_", "@", "\xCC\x88", "😀",
        "α", "©", "\xE2\x80\xA8", "٣", "×", "²"};
    std::mt19937 random(20261207);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(1, 14);
    Tokenizer fast;
    Tokenizer reference(lupe::analysis::Segmenter::IcuOnly);
    std::size_t compared = 0;
    for (int round = 0; round < 60000; ++round) {
        std::string text;
        for (int n = length(random); n > 0; --n) text += alphabet[pick(random)];
        const auto expected = reference.split(text);
        const auto got = fast.split(text);
        if (!same_words(got, expected)) {
            INFO("text: [" << text << "]");
            CHECK(describe(got) == describe(expected));
        }
        ++compared;
    }
    CHECK(compared == 60000);
}

TEST_CASE("Tokenizer's plain-text path cuts real German news where ICU does", "[analysis][tokenizer]") {
    Tokenizer fast;
    Tokenizer reference(lupe::analysis::Segmenter::IcuOnly);
    std::size_t texts = 0, words = 0;
    const bool found = lupe::test::for_each_corpus_text([&](const std::string& file, const std::string& key,
                                                            const std::string& text) {
        const auto expected = reference.split(text);
        const auto got = fast.split(text);
        ++texts;
        words += expected.size();
        if (!same_words(got, expected)) {
            INFO(file << " " << key << ": " << text.substr(0, 300));
            CHECK(describe(got) == describe(expected));
        }
    });
    if (!found) {
        WARN("no shared corpora: the real-text comparison is not run");
        return;
    }
    INFO(texts << " texts, " << words << " words");
    CHECK(words > 1000000);
}
