// The German phenomena of issue 5 through the whole search path: a handful of small articles
// indexed into a temporary index, queries run by lupe::Searcher as a reader types them.
//   umlauts written as ae/oe/ue or without dots, ß as ss; hyphenated, joined and spaced
//   compounds; compound parts; a typo with its "did you mean".
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "search/FixtureIndex.h"
#include "search/Searcher.h"

using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::FixtureIndex;
using lupe::test::hit_id_set;
using lupe::test::hit_ids;

namespace {

using Ids = std::set<std::string>;

// One article per line; every word that matters in exactly the articles the tests name.
constexpr const char* kArticles[] = {
    R"({"id": "nuernberg", "title": "Christkindlesmarkt in Nürnberg eröffnet", "body": "Der Markt in Nürnberg zieht Besucher aus aller Welt an."})",
    R"({"id": "strasse", "title": "Sperrung der Straße nach dem Unwetter", "body": "Die Straße bleibt bis Montag gesperrt."})",
    R"({"id": "kloepfer-umlaut", "title": "Jürgen Klöpfer übernimmt den Vorsitz", "body": "Der Verein wählte Jürgen Klöpfer einstimmig."})",
    R"({"id": "kloepfer-digraph", "title": "Juergen Kloepfer im Interview", "body": "Kloepfer spricht über seine Pläne."})",
    R"({"id": "vw-joined", "title": "Volkswagenkonzern meldet Gewinn", "body": "Der Volkswagenkonzern verkauft mehr Autos in China."})",
    R"({"id": "vw-hyphen", "title": "Streik beim Volkswagen-Konzern", "body": "Beim Volkswagen-Konzern stehen die Bänder still."})",
    R"({"id": "email-hyphen", "title": "Betrug per E-Mail", "body": "Die Polizei warnt vor einer gefälschten E-Mail der Bank."})",
    R"({"id": "email-joined", "title": "Neue Regeln für Werbung per Email", "body": "Wer eine Email ohne Zustimmung verschickt, zahlt."})",
    R"({"id": "corona-hyphen", "title": "Handel leidet unter der Corona-Krise", "body": "Die Corona-Krise trifft vor allem kleine Läden."})",
    R"({"id": "corona-joined", "title": "Gastronomie nach der Coronakrise", "body": "Viele Wirte haben die Coronakrise nicht überstanden."})",
    R"({"id": "corona-spaced", "title": "Schulen in der Corona Krise", "body": "Lehrer berichten von der Corona Krise im Klassenzimmer."})",
    R"({"id": "un-general", "title": "Besuch am Genfersee", "body": "Der UN-Generalsekretär reist nach Genf."})",
    R"({"id": "halbleiter", "title": "Halbleiterindustrie in Europa wächst", "body": "Die Halbleiterindustrie baut neue Werke in Dresden."})",
    R"({"id": "rechenleistung", "title": "Supercomputer mit mehr Rechenleistung", "body": "Die Rechenleistung des Systems hat sich verdoppelt."})",
    R"({"id": "leistung-rechnen", "title": "Neue Prozessoren vorgestellt", "body": "Die Leistung beim Rechnen steigt um ein Drittel."})",
    R"({"id": "leistung-sport", "title": "Starke Leistung der Mannschaft", "body": "Das Team zeigte eine geschlossene Leistung."})",
    R"({"id": "bundestag", "title": "Bundestag beschließt Haushalt", "body": "Der Bundestag stimmte am Freitag über den Etat ab."})",
    R"({"id": "aktuell", "title": "Aktuell keine Verspätungen", "body": "Der Fahrplan ist aktuell."})",
    R"({"id": "steuer", "title": "Steuer auf Zucker", "body": "Die Steuer soll im Herbst kommen."})",
    R"({"id": "feuer", "title": "Feuer in der Altstadt", "body": "Das Feuer wurde am Abend gelöscht."})",
    R"({"id": "quelle", "title": "Quelle bestätigt den Bericht", "body": "Eine Quelle aus dem Ministerium."})",
    R"({"id": "michael", "title": "Michael gewinnt das Rennen", "body": "Michael siegte mit großem Vorsprung."})",
    R"({"id": "israel", "title": "Israel wählt ein neues Parlament", "body": "In Israel ist die Wahlbeteiligung hoch."})",
    R"({"id": "museum", "title": "Museum zeigt alte Meister", "body": "Das Museum öffnet am Sonntag."})",
    R"({"id": "poesie", "title": "Abend der Poesie", "body": "Poesie aus drei Jahrhunderten."})",
    R"({"id": "boeing", "title": "Boeing liefert weniger Flugzeuge aus", "body": "Boeing meldet Probleme bei der Produktion."})",
    R"({"id": "mueller", "title": "Thomas Müller beendet seine Karriere", "body": "Müller spielte lange für Bayern."})",
};

class GermanIndex {
public:
    GermanIndex() : jsonl_(write_jsonl(dir_)), index_(jsonl_) {}
    const FixtureIndex& index() const { return index_; }

private:
    static std::string write_jsonl(const lupe::test::TempDir& dir) {
        std::string text;
        for (const char* line : kArticles) text += std::string(line) + "\n";
        const auto path = dir / "german.jsonl";
        lupe::test::write_file(path, text);
        return path.string();
    }

    lupe::test::TempDir dir_;
    std::string jsonl_;
    FixtureIndex index_;
};

const GermanIndex& german_index() {
    static const GermanIndex index;
    return index;
}

lupe::SearchResult search(Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    return searcher.search(request);
}

// The first `n` hits, as a set (for queries whose further hits are allowed to be partial).
Ids top(const lupe::SearchResult& result, std::size_t n) {
    const auto ids = hit_ids(result);
    return {ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(n, ids.size()))};
}

}  // namespace

TEST_CASE("Umlauts typed as ae/oe/ue or without dots find the umlaut, and back", "[search][german]") {
    Searcher searcher(german_index().index().folder());
    struct Row {
        const char* query;
        Ids expected;
    };
    const Row rows[] = {
        {"Nürnberg", {"nuernberg"}},
        {"Nuernberg", {"nuernberg"}},
        {"Nurnberg", {"nuernberg"}},
        {"NUERNBERG", {"nuernberg"}},
        {"Klöpfer", {"kloepfer-umlaut", "kloepfer-digraph"}},
        {"Kloepfer", {"kloepfer-umlaut", "kloepfer-digraph"}},
        {"Jürgen", {"kloepfer-umlaut", "kloepfer-digraph"}},
        {"Juergen", {"kloepfer-umlaut", "kloepfer-digraph"}},
        {"Müller", {"mueller"}},
        {"Mueller", {"mueller"}},
    };
    for (const Row& row : rows) {
        INFO("query: " << row.query);
        const auto result = search(searcher, row.query);
        CHECK(hit_id_set(result) == row.expected);
        CHECK(result.total == row.expected.size());
    }
    // Both spellings of the full name, either way round: both articles, and only they.
    for (const char* query : {"Jürgen Klöpfer", "Juergen Kloepfer", "\"Juergen Kloepfer\"", "\"Jürgen Klöpfer\""}) {
        INFO("query: " << query);
        CHECK(hit_id_set(search(searcher, query)) == Ids{"kloepfer-umlaut", "kloepfer-digraph"});
    }
}

TEST_CASE("ß and ss find each other", "[search][german]") {
    Searcher searcher(german_index().index().folder());
    for (const char* query : {"Straße", "Strasse", "STRASSE", "Straßen"}) {
        INFO("query: " << query);
        CHECK(hit_id_set(search(searcher, query)) == Ids{"strasse"});
    }
}

TEST_CASE("Words with an ae/oe/ue that is no umlaut find themselves and nothing else", "[search][german]") {
    // The folder leaves ue after a vowel or q alone (Steuer, Feuer, Quelle); elsewhere it folds
    // both sides alike (Michael, Israel, Boeing, Poesie, aktuell) and indexes the unfolded
    // spelling too, so each word still finds exactly its own article.
    Searcher searcher(german_index().index().folder());
    const char* rows[][2] = {
        {"aktuell", "aktuell"}, {"Steuer", "steuer"}, {"Feuer", "feuer"},   {"Quelle", "quelle"},
        {"Michael", "michael"}, {"Israel", "israel"}, {"Museum", "museum"}, {"Poesie", "poesie"},
        {"Boeing", "boeing"},
    };
    for (const auto& row : rows) {
        INFO("query: " << row[0]);
        const auto result = search(searcher, row[0]);
        CHECK(hit_id_set(result) == Ids{row[1]});
        CHECK_FALSE(result.suggestion.has_value());
    }
    // A reader who types the umlaut a digraph would stand for does not land on these words:
    // `Fuer`/`für` is no `Feuer`, `Stür` no `Steuer`, `Isräl` is nothing at all.
    CHECK(hit_id_set(search(searcher, "Stür")).count("steuer") == 0);
    CHECK(hit_id_set(search(searcher, "für")).count("feuer") == 0);
}

TEST_CASE("Hyphenated, joined and spaced compounds find each other", "[search][german]") {
    Searcher searcher(german_index().index().folder());
    struct Row {
        const char* query;
        Ids expected;
    };
    const Row rows[] = {
        {"Volkswagenkonzern", {"vw-joined", "vw-hyphen"}},
        {"Volkswagen-Konzern", {"vw-joined", "vw-hyphen"}},
        {"E-Mail", {"email-hyphen", "email-joined"}},
        {"Email", {"email-hyphen", "email-joined"}},
        {"Corona-Krise", {"corona-hyphen", "corona-joined", "corona-spaced"}},
        {"Coronakrise", {"corona-hyphen", "corona-joined", "corona-spaced"}},
        {"Corona Krise", {"corona-hyphen", "corona-joined", "corona-spaced"}},
        {"\"Corona Krise\"", {"corona-hyphen", "corona-spaced"}},
        // A hyphenated word also finds its parts in a compound (the part `Sekretär`), as a
        // compound does; in quotes it is a phrase of words only.
        {"UN-Sekretär", {"un-general"}},
        {"UN-Generalsekretär", {"un-general"}},
        {"\"UN Sekretär\"", {}},
    };
    for (const Row& row : rows) {
        INFO("query: " << row.query);
        const auto result = search(searcher, row.query);
        CHECK(hit_id_set(result) == row.expected);
        CHECK(result.total == row.expected.size());
    }
}

TEST_CASE("A compound is found by its parts, and a query compound finds its parts", "[search][german]") {
    Searcher searcher(german_index().index().folder());
    // The parts of Halbleiterindustrie are indexed as terms of the article.
    for (const char* query : {"Industrie", "Halbleiter", "Industrie Halbleiter", "Halbleiter Industrie",
                              "Halbleiterindustrie"}) {
        INFO("query: " << query);
        CHECK(hit_id_set(search(searcher, query)) == Ids{"halbleiter"});
    }
    // Rechenleistung is looked for as all of its parts too (the verb rechnen for `Rechen`),
    // so it finds "Leistung beim Rechnen" — but not an article with only one part.
    const auto rechen = search(searcher, "Rechenleistung");
    CHECK(hit_id_set(rechen) == Ids{"rechenleistung", "leistung-rechnen"});
    CHECK(hit_ids(rechen).front() == "rechenleistung");  // the word itself ranks first
    // ...and the other way round.
    CHECK(top(search(searcher, "Leistung Rechnen"), 2) == Ids{"rechenleistung", "leistung-rechnen"});
    CHECK(hit_id_set(search(searcher, "Leistung")) == Ids{"rechenleistung", "leistung-rechnen", "leistung-sport"});
}

TEST_CASE("A misspelt word finds the article and suggests the spelling", "[search][german]") {
    Searcher searcher(german_index().index().folder());
    const auto result = search(searcher, "Bundestga");
    CHECK(hit_ids(result) == std::vector<std::string>{"bundestag"});
    REQUIRE(result.suggestion.has_value());
    CHECK(german_index().index().articles().size() == std::size(kArticles));
    CHECK(lupe::analysis::GermanAnalyzer().lowercase(*result.suggestion) == "bundestag");

    // A correctly spelt query gets no suggestion.
    const auto spelt = search(searcher, "Bundestag");
    CHECK(hit_ids(spelt) == std::vector<std::string>{"bundestag"});
    CHECK_FALSE(spelt.suggestion.has_value());
}
