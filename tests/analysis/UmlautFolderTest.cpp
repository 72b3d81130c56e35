// UmlautFolder: ae/oe/ue typed for ä/ö/ü become the umlaut; a real ae/oe/ue after a vowel or
// q stays. Words that are folded although their ae/oe/ue is real (Michael, Israel) fold the
// same way on the index and the query side, and are measured in bench/RESULTS.md (umlaut).
#include <catch2/catch.hpp>

#include <string>

#include "analysis/GermanAnalyzer.h"
#include "analysis/UmlautFolder.h"

using lupe::analysis::fold_umlaut_digraphs;

namespace {

std::string folded(std::string word) {
    fold_umlaut_digraphs(word);
    return word;
}

}  // namespace

TEST_CASE("UmlautFolder turns ae/oe/ue typed for umlauts into umlauts", "[analysis][umlaut]") {
    const char* rows[][2] = {
        {"nuernberg", "nürnberg"},   {"kloepfer", "klöpfer"},     {"juergen", "jürgen"},
        {"muenchen", "münchen"},     {"koeln", "köln"},           {"baerbock", "bärbock"},
        {"strasse", "strasse"},      {"goethe", "göthe"},         {"fuer", "für"},
        {"haeuser", "häuser"},       {"zurueck", "zurück"},       {"thueringen", "thüringen"},
        // after qu, and the participles and prefixes whose e precedes the umlaut
        {"quaelen", "quälen"},       {"gequaelt", "gequält"},     {"geaendert", "geändert"},
        {"beaengstigt", "beängstigt"}, {"geaeussert", "geäussert"}, {"geoeffnet", "geöffnet"},
        {"geuebt", "geübt"},         {"ausgeuebt", "ausgeübt"},   {"pferdeaepfel", "pferdeäpfel"},
    };
    for (const auto& row : rows) {
        INFO(row[0]);
        CHECK(folded(row[0]) == row[1]);
    }
}

TEST_CASE("UmlautFolder leaves a real ae/oe/ue after a vowel or q alone", "[analysis][umlaut]") {
    for (const char* word : {"feuer", "steuer", "teuer", "neue", "treue", "abenteuer", "bauer", "dauer",
                             "mauer", "quelle", "quer", "bouquet", "zooeingang", "bioenergie",
                             "videoeinspielung", "ungeheuer", "ingenieure", "museum", "haus", "", "e"}) {
        INFO(word);
        CHECK(folded(word) == word);
    }
}

TEST_CASE("Words the folder changes although their ae/oe/ue is real keep their own term",
          "[analysis][umlaut]") {
    // Folded (michäl, isräl, böing): both sides alike, and the analyzer also keeps the unfolded
    // term, so these words still meet only themselves (the search test checks that).
    lupe::analysis::GermanAnalyzer analyzer;
    for (const char* word : {"Michael", "Israel", "Boeing", "Poesie", "aktuell", "virtuell", "Manuel"}) {
        INFO(word);
        CHECK(folded(analyzer.normalize(word)) != analyzer.normalize(word));
        CHECK(analyzer.term(word) == analyzer.term(analyzer.normalize(word)));
        CHECK_FALSE(analyzer.unfolded_term(word).empty());
    }
    // ...and none of them turns into another word's term.
    CHECK(analyzer.term("Michael") != analyzer.term("Michel"));
    CHECK(analyzer.term("aktuell") != analyzer.term("Aktie"));
    CHECK(analyzer.term("Steuer") != analyzer.term("Stuer"));
    CHECK(analyzer.term("Feuer") != analyzer.term("für"));
}
