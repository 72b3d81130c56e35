// make_snippet and escape_html: marking, escaping and cutting.
#include <catch2/catch.hpp>

#include "article/TextDecoder.h"
#include "search/Snippet.h"

using lupe::make_snippet;
using lupe::analysis::GermanAnalyzer;

namespace {

const std::string kEllipsis = "\xE2\x80\xA6";

std::string words(const std::string& word, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += (i ? " " : "") + word + std::to_string(i);
    return out;
}

}  // namespace

TEST_CASE("Snippets of short texts mark matched words and escape HTML", "[search][snippet]") {
    struct Row {
        const char* text;
        std::unordered_set<std::string> terms;
        const char* expected;
    };
    const Row rows[] = {
        {"Preise < 5 Euro & Chips billig", {"chip"}, "Preise &lt; 5 Euro &amp; <mark>Chips</mark> billig"},
        {"Er sagt \"Chip\" & 'mehr'", {"chip"}, "Er sagt &quot;<mark>Chip</mark>&quot; &amp; &#39;mehr&#39;"},
        {"<b>Sanktionen</b> wirken", {"sanktion"}, "&lt;b&gt;<mark>Sanktionen</mark>&lt;/b&gt; wirken"},
        {"Neue KI-Modelle aus Europa", {"modell"}, "Neue <mark>KI-Modelle</mark> aus Europa"},
        {"Neue KI-Modelle aus Europa", {"ki"}, "Neue <mark>KI-Modelle</mark> aus Europa"},
        {"Neue KI-Modelle aus Europa", {"kimodell"}, "Neue <mark>KI-Modelle</mark> aus Europa"},
        {"Das Haus und die Häuser", {"haus"}, "Das <mark>Haus</mark> und die <mark>Häuser</mark>"},
        {"\"Chips sind knapp\", sagte er", {"chip"}, "&quot;<mark>Chips</mark> sind knapp&quot;, sagte er"},
        {"Zeile eins\nZeile zwei", {"zwei"}, "Zeile eins Zeile <mark>zwei</mark>"},
        {"Nichts passt hier", {"chip"}, "Nichts passt hier"},
        {"Nichts passt hier", {}, "Nichts passt hier"},
        {"", {"chip"}, ""},
    };
    GermanAnalyzer analyzer;
    for (const Row& row : rows) {
        INFO("text: " << row.text);
        CHECK(make_snippet(analyzer, row.text, row.terms) == row.expected);
    }
}

TEST_CASE("Without a match a snippet is the text's start, cut with an ellipsis", "[search][snippet]") {
    GermanAnalyzer analyzer;
    const std::string text = words("Wort", 200);
    const std::string snippet = make_snippet(analyzer, text, {"fehlt"}, 80);
    CHECK(snippet.rfind("Wort0 Wort1 ", 0) == 0);
    CHECK(snippet.find("<mark>") == std::string::npos);
    CHECK(snippet.size() <= 80 + kEllipsis.size());
    CHECK(snippet.substr(snippet.size() - kEllipsis.size()) == kEllipsis);
    // Whole words only: the part before the ellipsis is a prefix of the text ending in a word.
    const std::string kept = snippet.substr(0, snippet.size() - kEllipsis.size());
    CHECK(text.rfind(kept, 0) == 0);
    CHECK(text[kept.size()] == ' ');
}

TEST_CASE("A match deep in a long text gives a snippet cut on both sides", "[search][snippet]") {
    GermanAnalyzer analyzer;
    const std::string text = words("vorher", 100) + " Die Sanktionen wirken " + words("nachher", 100);
    const std::string snippet = make_snippet(analyzer, text, {"sanktion"}, 120);
    CHECK(snippet.rfind(kEllipsis, 0) == 0);
    CHECK(snippet.substr(snippet.size() - kEllipsis.size()) == kEllipsis);
    CHECK_THAT(snippet, Catch::Contains("<mark>Sanktionen</mark> wirken"));
    CHECK_THAT(snippet, Catch::Contains("vorher99 Die <mark>"));  // a few words of context before
    CHECK(snippet.size() <= 120 + 2 * kEllipsis.size() + std::string("<mark></mark>").size());
}

TEST_CASE("A snippet prefers the passage with the most distinct matched words", "[search][snippet]") {
    GermanAnalyzer analyzer;
    const std::string text = "Chip allein. " + words("fuell", 60) + " Hier Chip und Sanktionen zusammen. " +
                             words("rest", 60);
    const std::string snippet = make_snippet(analyzer, text, {"chip", "sanktion"}, 100);
    CHECK_THAT(snippet, Catch::Contains("<mark>Chip</mark> und <mark>Sanktionen</mark>"));
}

TEST_CASE("Cutting a snippet never splits a UTF-8 character", "[search][snippet]") {
    GermanAnalyzer analyzer;
    std::string text;
    for (int i = 0; i < 80; ++i) text += "Äpfel Öl Übergrößenträger ";
    for (const std::size_t max : {7u, 13u, 50u, 101u, 240u}) {
        INFO("max_bytes " << max);
        CHECK(lupe::is_valid_utf8(make_snippet(analyzer, text, {}, max)));
        CHECK(lupe::is_valid_utf8(make_snippet(analyzer, text, {analyzer.term("Öl")}, max)));
    }
}

TEST_CASE("escape_html escapes the five HTML metacharacters", "[search][snippet]") {
    CHECK(lupe::escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(lupe::escape_html("Straße") == "Straße");
}

TEST_CASE("make_snippet marks every form whose term is asked for, however it is written", "[snippet]") {
    // The snippet skips words that cannot have one of the terms by their first letter; these
    // words' terms start elsewhere than their raw first byte suggests, or only just do.
    lupe::analysis::GermanAnalyzer analyzer;
    for (const std::string word : {"Uebel", "Übel", "Aepfel", "Äpfel", "A\u0308pfel", "Oel", "Straße", "STRASSE",
                                   "Zuege", "1990er", "Ölpreis", "ﬁnanzieren", "Bundes\u00ADkanzler", "Xaver"}) {
        const std::string term = analyzer.term(word);
        REQUIRE_FALSE(term.empty());
        INFO(word << " -> " << term);
        CHECK(make_snippet(analyzer, "vorher " + word + " danach", {term}) == "vorher <mark>" + word + "</mark> danach");
    }
}
