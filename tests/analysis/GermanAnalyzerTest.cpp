#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/GermanAnalyzer.h"
#include "analysis/Lexicon.h"
#include "support/TestSupport.h"

using lupe::analysis::GermanAnalyzer;
using lupe::analysis::Term;

namespace {

std::vector<Term> analyze(GermanAnalyzer& analyzer, std::string_view text,
                          std::uint32_t first_position = 1) {
    std::vector<Term> terms;
    analyzer.analyze(text, first_position, terms);
    return terms;
}

// The word terms: the first term at each position (compound parts follow at the same one).
std::vector<Term> word_terms(const std::vector<Term>& terms) {
    std::vector<Term> out;
    for (const auto& t : terms) {
        if (out.empty() || out.back().position != t.position) out.push_back(t);
    }
    return out;
}

bool has(const std::vector<Term>& terms, const std::string& text, std::uint32_t position) {
    for (const auto& t : terms) {
        if (t.text == text && t.position == position) return true;
    }
    return false;
}

std::string describe(const std::vector<Term>& terms) {
    std::string out;
    for (const auto& t : terms) {
        out += t.text + "@" + std::to_string(t.position) + (t.stopword ? "*" : "") + " ";
    }
    return out;
}

}  // namespace

TEST_CASE("GermanAnalyzer numbers words at consecutive positions", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    std::vector<Term> terms;
    const auto next =
        analyzer.analyze("Die Regierung übt zunehmend Druck auf Technologiekonzerne aus.", 10, terms);
    INFO(describe(terms));
    const auto words = word_terms(terms);
    REQUIRE(words.size() == 8);
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(words[i].position == 10 + i);
    for (std::size_t i = 1; i < terms.size(); ++i) CHECK(terms[i].position >= terms[i - 1].position);
    CHECK(next == 18);
    CHECK(words[1].text == "regier");
    CHECK(words[6].text == analyzer.term("Technologiekonzerne"));

    // Appends: a second call continues where the first stopped.
    const auto before = terms.size();
    const auto after = analyzer.analyze("Huawei", next, terms);
    CHECK(after == 19);
    REQUIRE(terms.size() == before + 1);
    CHECK(terms.back().text == "huawei");
    CHECK(terms.back().position == 18);
}

TEST_CASE("GermanAnalyzer returns the first position for a text without words",
          "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    std::vector<Term> terms;
    CHECK(analyzer.analyze("", 5, terms) == 5);
    CHECK(analyzer.analyze(" – … ", 5, terms) == 5);
    CHECK(terms.empty());
}

TEST_CASE("GermanAnalyzer indexes hyphenated words joined and as parts", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    struct Expected {
        std::string text;
        std::uint32_t position;
    };
    struct Row {
        const char* input;
        std::vector<Expected> terms;
        std::uint32_t next;
    };
    const Row rows[] = {
        {"neue KI-Modelle entwickeln",
         {{"neu", 1}, {"kimodell", 2}, {"ki", 2}, {"modell", 3}, {"entwickeln", 4}},
         5},
        {"E-Mail", {{"email", 1}, {"e", 1}, {"mail", 2}}, 3},
        {"Max-Planck-Institut",
         {{"maxplanckinstitut", 1}, {"max", 1}, {"planck", 2}, {"institut", 3}},
         4},
        {"nach US-Sanktionen", {{"nach", 1}, {"ussanktion", 2}, {"us", 2}, {"sanktion", 3}}, 4},
    };
    for (const auto& row : rows) {
        std::vector<Term> terms;
        const auto next = analyzer.analyze(row.input, 1, terms);
        INFO(row.input << " -> " << describe(terms));
        CHECK(next == row.next);
        for (const auto& expected : row.terms) {
            INFO(expected.text << "@" << expected.position);
            CHECK(has(terms, expected.text, expected.position));
        }
        // The joined form comes first at its position; nothing lies beyond the last part.
        CHECK(word_terms(terms).size() == row.next - 1);
        for (const auto& t : terms) CHECK(t.position < row.next);
    }
}

TEST_CASE("GermanAnalyzer matches KI-Modelle, KI Modelle and KIModelle", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    const auto hyphenated = analyze(analyzer, "KI-Modelle");
    const auto spaced = analyze(analyzer, "KI Modelle");
    const auto closed = analyze(analyzer, "KIModelle");
    REQUIRE(spaced.size() == 2);
    REQUIRE(closed.size() == 1);
    // The phrase "ki modell" and the single term "kimodell" both occur in the hyphenated form.
    CHECK(has(hyphenated, spaced[0].text, 1));
    CHECK(has(hyphenated, spaced[1].text, 2));
    CHECK(has(hyphenated, closed[0].text, 1));
}

TEST_CASE("GermanAnalyzer marks stopwords instead of removing them", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    const auto terms = word_terms(analyze(analyzer, "Die Welt und das Haus für Über"));
    INFO(describe(terms));
    REQUIRE(terms.size() == 7);
    const bool stop[] = {true, false, true, true, false, true, true};
    for (std::size_t i = 0; i < terms.size(); ++i) {
        CHECK(terms[i].stopword == stop[i]);
        CHECK(terms[i].position == i + 1);
    }
    CHECK(terms[0].text == "die");
    CHECK(analyzer.is_stopword("die"));
    CHECK_FALSE(analyzer.is_stopword("welt"));
}

TEST_CASE("GermanAnalyzer::term gives the term analyze gives for the same word",
          "[analysis][analyzer]") {
    struct Row {
        const char* word;
        const char* term;  // nullptr: only check term() == analyze()
    };
    const Row rows[] = {
        {"Sanktionen", "sanktion"}, {"Sanktion", "sanktion"}, {"Häuser", "haus"},
        {"Haus", "haus"}, {"Häusern", "haus"}, {"HÄUSER", "haus"},
        {"Ha\u0308user", "haus"}, {"Straße", "strass"}, {"Strasse", "strass"},
        {"Straßen", "strass"}, {"Bundes\u00ADkanzler", "bundeskanzl"},
        {"Bundeskanzler", "bundeskanzl"}, {"ﬁnanzieren", nullptr}, {"finanzieren", nullptr},
        {"Ｈｕａｗｅｉ", "huawei"}, {"Huawei", "huawei"}, {"Chips", nullptr}, {"Chip", nullptr},
        {"Rechenleistung", "rechenleist"}, {"Technologiekonzerns", nullptr},
        {"Unternehmen", nullptr}, {"Unternehmens", nullptr}, {"chinesischen", nullptr},
        {"Herausforderungen", nullptr}, {"abgeleitet", "abgeleitet"},
        {"aufeinanderfolgenden", nullptr}, {"Nürnberg", nullptr}, {"Grüße", nullptr},
        {"Menschen", nullptr}, {"gegangen", nullptr}, {"ging", nullptr}, {"Bäume", nullptr},
        {"Baum", nullptr}, {"Kinder", nullptr}, {"2024", "2024"}, {"100.000", "100.000"},
        {"2,5", "2,5"}, {"910B", "910b"}, {"NVIDIA", "nvidia"}, {"die", "die"},
        {"für", "fur"}, {"Über", "uber"},
    };
    GermanAnalyzer analyzer;
    for (const auto& row : rows) {
        const auto terms = analyze(analyzer, row.word);
        INFO(row.word << " -> " << describe(terms));
        REQUIRE_FALSE(terms.empty());
        // The word's own term first; compound parts, if any, follow at the same position.
        CHECK(analyzer.term(row.word) == terms[0].text);
        for (const auto& t : terms) CHECK(t.position == 1);
        if (row.term) CHECK(terms[0].text == row.term);
    }
    CHECK(analyzer.term("Sanktionen") == analyzer.term("Sanktion"));
    CHECK(analyzer.term("Häuser") == analyzer.term("Haus"));
}

TEST_CASE("GermanAnalyzer marks one own term per word", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    const auto terms = analyze(analyzer, "Die Panamaer fördern Halbleiterindustrie und KI-Modelle");
    INFO(describe(terms));
    // Own terms: exactly the words, in order (the hyphenated word's parts are words).
    std::vector<std::string> own;
    for (const auto& t : terms) {
        if (t.own) own.push_back(t.text);
    }
    CHECK(own == std::vector<std::string>{"die", analyzer.term("Panamaer"), analyzer.term("fördern"),
                                          analyzer.term("Halbleiterindustrie"), "und", "ki", "modell"});
    // Everything else is a further term of one of them: unfolded spelling, parts, joined form.
    std::vector<std::string> further;
    for (const auto& t : terms) {
        if (!t.own) further.push_back(t.text);
    }
    CHECK(std::count(further.begin(), further.end(), analyzer.unfolded_term("Panamaer")) == 1);
    for (const auto& part : analyzer.part_terms("Halbleiterindustrie")) {
        CHECK(std::count(further.begin(), further.end(), part) == 1);
    }
    CHECK(std::count(further.begin(), further.end(), "kimodell") == 1);
    CHECK(further.size() == 2 + analyzer.part_terms("Halbleiterindustrie").size());
}

TEST_CASE("GermanAnalyzer puts compound parts at the compound's position", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    const auto terms = analyze(analyzer, "heimische Halbleiterindustrie fördern");
    INFO(describe(terms));
    const auto words = word_terms(terms);
    REQUIRE(words.size() == 3);
    CHECK(words[1].text == analyzer.term("Halbleiterindustrie"));
    const auto parts = analyzer.part_terms("Halbleiterindustrie");
    CHECK_FALSE(parts.empty());
    for (const auto& part : parts) {
        INFO(part);
        CHECK(has(terms, part, 2));
    }
    CHECK(has(terms, analyzer.term("Industrie"), 2));
    CHECK(has(terms, analyzer.term("fördern"), 3));
}

TEST_CASE("GermanAnalyzer drops words longer than the term limit", "[analysis][analyzer]") {
    GermanAnalyzer analyzer;
    const std::string longest(GermanAnalyzer::kMaxWordBytes, 'x');
    const std::string too_long(GermanAnalyzer::kMaxWordBytes + 1, 'x');
    CHECK_FALSE(analyzer.term(longest).empty());
    CHECK(analyzer.term(too_long).empty());

    const auto terms = word_terms(analyze(analyzer, "Anfang " + too_long + " Ende " + longest));
    INFO(describe(terms));
    REQUIRE(terms.size() == 3);
    CHECK(terms[0].text == "anfang");
    CHECK(terms[1].text == "end");
    CHECK(terms[2].text.size() <= GermanAnalyzer::kMaxWordBytes);
    for (std::size_t i = 0; i < terms.size(); ++i) CHECK(terms[i].position == i + 1);

    // The limit applies after normalisation: 33 "ß" are 66 bytes once folded to "ss".
    std::string sharp_s;
    for (int i = 0; i < 33; ++i) sharp_s += "ß";
    CHECK(analyzer.term(sharp_s).empty());
}

TEST_CASE("GermanAnalyzer fingerprint is stable across instances", "[analysis][analyzer]") {
    GermanAnalyzer first;
    GermanAnalyzer second;
    const std::string fingerprint = first.fingerprint();
    CHECK(fingerprint.rfind("german-", 0) == 0);
    CHECK(fingerprint.size() == std::string("german-").size() + 16);
    CHECK(second.fingerprint() == fingerprint);
    // Analysing text in between leaves no state behind.
    analyze(first, "Nach US-Sanktionen: ByteDance setzt auf Huawei statt NVIDIA");
    CHECK(first.fingerprint() == fingerprint);
}

TEST_CASE("Lexicon checksum: the one linked in at build time is the checksum of the linked-in bytes",
          "[analysis][lexicon]") {
    // The analyzer fingerprint (stored in every index) includes it: if the build wrote a stale
    // or foreign checksum, indexes would be refused or, worse, accepted with another lexicon.
    const auto& lexicon = lupe::analysis::Lexicon::german();
    CHECK(lexicon.checksum().size() == 16);
    CHECK(lexicon.checksum() == lexicon.computed_checksum());
    // checksum_of: the empty input gives the offset basis, one byte the first step.
    CHECK(lupe::analysis::Lexicon::checksum_of(nullptr, 0) == "14650fb0739d0383");
    const unsigned char a[] = {'a'};
    CHECK(lupe::analysis::Lexicon::checksum_of(a, 1) == "44bd8ad473cd9906");
}

namespace {

std::string start_of(std::string_view word) {
    const auto start = GermanAnalyzer::term_start(word);
    return std::string(start.bytes, start.size);
}

// Whether the term of `word` begins as term_start says; counts the words with a known start.
struct StartCheck {
    GermanAnalyzer analyzer;
    std::size_t words = 0, two_bytes = 0, wrong = 0;
    void check(std::string_view word) {
        const std::string term = analyzer.term(word);
        const std::string start = start_of(word);
        ++words;
        if (start.size() == 2) ++two_bytes;
        if (!term.empty() && term.compare(0, start.size(), start) != 0) {
            if (++wrong <= 10) UNSCOPED_INFO(word << " -> " << term << ", said to start with " << start);
        }
    }
};

}  // namespace

TEST_CASE("GermanAnalyzer::term_start: examples", "[analysis][analyzer]") {
    CHECK(start_of("Haeuser") == "ha");  // -> haus
    CHECK(start_of("Aerger") == "a");    // -> arg: the e of a leading ae is folded away
    CHECK(start_of("Oel") == "o");
    CHECK(start_of("Uebung") == "u");
    CHECK(start_of("Elend") == "el");
    CHECK(start_of("3D-Drucker") == "3d");
    CHECK(start_of("O'Neill") == "o");
    CHECK(start_of("A") == "a");
    CHECK(start_of("Öl").empty());
    CHECK(start_of("A\u0308rger").empty());  // a + combining diaeresis: ä
    CHECK(start_of("Ma\u0308rz") == "m");
    CHECK(start_of("").empty());
}

TEST_CASE("GermanAnalyzer::term_start is how the term of every word begins", "[analysis][analyzer]") {
    StartCheck check;
    const auto voc = lupe::test::shared_dir() / "data/snowball/german-snowball-2.2.0/voc.txt";
    std::ifstream in(voc);
    REQUIRE(in);
    for (std::string word; std::getline(in, word);) {
        check.check(word);
        std::string capital = word;
        if (!capital.empty() && capital[0] >= 'a' && capital[0] <= 'z') capital[0] = static_cast<char>(capital[0] - 32);
        check.check(capital);
        std::string upper = capital;
        for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
        check.check(upper);
    }
    const bool found = lupe::test::for_each_corpus_text([&](const std::string&, const std::string&, const std::string& text) {
        for (const auto& word : check.analyzer.words(text)) {
            if (word.parts.empty()) check.check(word.text);
            for (const auto& part : word.parts) check.check(part);
        }
    });
    REQUIRE(found);
    INFO(check.words << " words, " << check.two_bytes << " with two known bytes");
    CHECK(check.words > 1000000);
    CHECK(check.two_bytes > check.words / 2);
    CHECK(check.wrong == 0);
}
