// German compounds as they appear in news, and words that must stay whole: table-driven cases
// for the Decompounder through the GermanAnalyzer (index side: part_terms and analyze; query
// side: top_part_terms).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/GermanAnalyzer.h"

using lupe::analysis::GermanAnalyzer;
using lupe::analysis::Term;

namespace {

using Terms = std::set<std::string>;

struct Compound {
    // The compound with its joints marked: `Arbeit|s|markt` is Arbeitsmarkt, joined by -s-;
    // `Halbleiter||industrie` has no linking element.
    const char* joints;
    // Every part the index should hold, at every level, written as a word (or one of its
    // inflected forms): the test compares their terms, not spellings.
    std::vector<const char*> parts;
};

std::string without_joints(const char* joints) {
    std::string word(joints);
    word.erase(std::remove(word.begin(), word.end(), '|'), word.end());
    return word;
}

// The linking elements a row's joints name: every second segment between `|`.
std::vector<std::string> links_of(const char* joints) {
    std::vector<std::string> segments{""};
    for (const char* c = joints; *c; ++c) {
        if (*c == '|') {
            segments.emplace_back();
        } else {
            segments.back() += *c;
        }
    }
    std::vector<std::string> links;
    for (std::size_t i = 1; i < segments.size(); i += 2) links.push_back(segments[i]);
    return links;
}

Terms terms_of(GermanAnalyzer& analyzer, const std::vector<const char*>& words) {
    Terms terms;
    for (const char* w : words) terms.insert(analyzer.term(w));
    return terms;
}

std::string describe(const Terms& terms) {
    std::string out;
    for (const auto& t : terms) out += t + " ";
    return out;
}

// Compounds from news, grouped by the linking element at their (first) joint.
const std::vector<Compound>& compounds() {
    static const std::vector<Compound> rows = {
        // no linking element
        {"Halbleiter||industrie", {"Halbleiter", "halb", "Leiter", "Industrie"}},
        {"Rechen||leistung", {"Rechen", "rechnen", "Leistung"}},
        {"Volkswagen||konzern", {"Volkswagen", "Konzern"}},
        {"Klima||schutzgesetz", {"Klima", "Schutzgesetz", "Schutz", "Gesetz"}},
        {"Energie||preise", {"Energie", "Preise"}},
        {"Finanz||minister", {"Finanz", "Minister"}},
        {"Innen||minister", {"innen", "Minister"}},
        {"Außen||minister", {"außen", "Minister"}},
        {"Außen||politik", {"außen", "Politik"}},
        {"Wind||kraft", {"Wind", "Kraft"}},
        {"Kern||kraftwerk", {"Kern", "Kraftwerk", "Kraft", "Werk"}},
        {"Atom||kraftwerk", {"Atom", "Kraftwerk", "Kraft", "Werk"}},
        {"Kohle||kraftwerk", {"Kohle", "Kraftwerk", "Kraft", "Werk"}},
        {"Strom||preise", {"Strom", "Preise"}},
        {"Gas||preise", {"Gas", "Preise"}},
        {"Heiz||kosten", {"heizen", "Kosten"}},
        {"Miet||preise", {"Miete", "Preise"}},
        {"Immobilien||markt", {"Immobilien", "Markt"}},
        {"Zins||erhöhung", {"Zins", "Erhöhung"}},
        {"Leit||zins", {"leiten", "Zins"}},
        {"Zentral||bank", {"zentral", "Bank"}},
        {"Steuer||erhöhung", {"Steuer", "Erhöhung"}},
        {"Steuer||reform", {"Steuer", "Reform"}},
        {"Klima||politik", {"Klima", "Politik"}},
        {"Energie||wende", {"Energie", "Wende"}},
        {"Klima||wandel", {"Klima", "Wandel"}},
        {"Klima||schutz", {"Klima", "Schutz"}},
        {"Umwelt||schutz", {"Umwelt", "Schutz"}},
        {"Daten||schutz", {"Daten", "Schutz"}},
        {"Verbraucher||schutz", {"Verbraucher", "Schutz"}},
        {"Schul||bildung", {"Schule", "Bildung"}},
        {"Hoch||schule", {"hoch", "Schule"}},
        {"Polizei||beamte", {"Polizei", "Beamte"}},
        {"Feuer||wehr", {"Feuer", "Wehr"}},
        {"Not||aufnahme", {"Not", "Aufnahme"}},
        {"Wahl||kampf", {"Wahl", "Kampf"}},
        {"Wahl||ergebnis", {"Wahl", "Ergebnis"}},
        {"Partei||tag", {"Partei", "Tag"}},
        {"Bürger||meister", {"Bürger", "Meister"}},
        {"Minister||präsident", {"Minister", "Präsident"}},
        {"Grenz||kontrollen", {"Grenze", "Kontrollen"}},
        {"Grenz||schutz", {"Grenze", "Schutz"}},
        {"Auto||industrie", {"Auto", "Industrie"}},
        {"Auto||bauer", {"Auto", "Bauer"}},
        {"Elektro||auto", {"Elektro", "Auto"}},
        {"Fahrzeug||bau", {"Fahrzeug", "fahr", "Zeug", "Bau"}},
        {"Stahl||industrie", {"Stahl", "Industrie"}},
        {"Chemie||industrie", {"Chemie", "Industrie"}},
        {"Liefer||kette", {"liefern", "Kette"}},
        {"Export||verbot", {"Export", "Verbot"}},
        {"Straf||zölle", {"Strafe", "Zölle"}},
        {"Fußball||spiel", {"Fußball", "Fuß", "Ball", "Spiel"}},
        {"National||mannschaft", {"national", "Mannschaft"}},
        {"Welt||meisterschaft", {"Welt", "Meisterschaft"}},
        {"Trainer||wechsel", {"Trainer", "Wechsel"}},
        {"Gesetz||entwurf", {"Gesetz", "Entwurf"}},
        {"Haupt||stadt", {"Haupt", "Stadt"}},
        {"Flug||hafen", {"Flug", "Hafen"}},
        {"Kartell||amt", {"Kartell", "Amt"}},
        {"Finanz||amt", {"Finanz", "Amt"}},
        {"Wetter||dienst", {"Wetter", "Dienst"}},
        {"Erdgas||leitung", {"Erdgas", "Leitung"}},
        {"Corona||krise", {"Corona", "Krise"}},
        {"Corona||pandemie", {"Corona", "Pandemie"}},
        {"Impf||stoff", {"impfen", "Stoff"}},
        {"Mund||schutz", {"Mund", "Schutz"}},
        {"Kurz||arbeit", {"kurz", "Arbeit"}},
        {"Pflege||kräfte", {"Pflege", "Kräfte"}},
        {"Lehrer||mangel", {"Lehrer", "Mangel"}},
        {"Fachkräfte||mangel", {"Fachkräfte", "Fach", "Kräfte", "Mangel"}},
        {"Grund||steuer", {"Grund", "Steuer"}},
        {"Einkommen||steuer", {"Einkommen", "Steuer"}},
        {"Mehrwert||steuer", {"Mehrwert", "mehr", "Wert", "Steuer"}},
        {"Miet||vertrag", {"Miete", "Vertrag"}},
        {"Strom||netz", {"Strom", "Netz"}},
        {"Europa||wahl", {"Europa", "Wahl"}},
        {"Wahl||beteiligung", {"Wahl", "Beteiligung"}},
        // -s-
        {"Arbeit|s|markt", {"Arbeit", "Markt"}},
        {"Verteidigung|s|minister", {"Verteidigung", "Minister"}},
        {"Wirtschaft|s|wachstum", {"Wirtschaft", "Wachstum"}},
        {"Gesundheit|s|minister", {"Gesundheit", "Minister"}},
        {"Staat|s|anwaltschaft", {"Staat", "Anwaltschaft"}},
        {"Staat|s|anwalt", {"Staat", "Anwalt"}},
        {"Staat|s|schulden", {"Staat", "Schulden"}},
        {"Regierung|s|erklärung", {"Regierung", "Erklärung"}},
        {"Verkehr|s|minister", {"Verkehr", "Minister"}},
        {"Verkehr|s|wende", {"Verkehr", "Wende"}},
        {"Wohnung|s|markt", {"Wohnung", "Markt"}},
        {"Wohnung|s|bau", {"Wohnung", "Bau"}},
        {"Haushalt|s|defizit", {"Haushalt", "Defizit"}},
        {"Gesundheit|s|reform", {"Gesundheit", "Reform"}},
        {"Bildung|s|politik", {"Bildung", "Politik"}},
        {"Flüchtling|s|politik", {"Flüchtling", "Politik"}},
        {"Sicherheit|s|politik", {"Sicherheit", "Politik"}},
        {"Wirtschaft|s|politik", {"Wirtschaft", "Politik"}},
        {"Universität|s|klinik", {"Universität", "Klinik"}},
        {"Rettung|s|dienst", {"Rettung", "Dienst"}},
        {"Bundestag|s|wahl", {"Bundestag", "Bund", "Tag", "Wahl"}},
        {"Landtag|s|wahl", {"Landtag", "Wahl"}},
        {"Koalition|s|vertrag", {"Koalition", "Vertrag"}},
        {"Opposition|s|führer", {"Opposition", "Führer"}},
        {"Präsidentschaft|s|wahl", {"Präsidentschaft", "Wahl"}},
        {"Frieden|s|verhandlungen", {"Frieden", "Verhandlungen"}},
        {"Krieg|s|verbrechen", {"Krieg", "Verbrechen"}},
        {"Flüchtling|s|lager", {"Flüchtling", "Lager"}},
        {"Handel|s|krieg", {"Handel", "Krieg"}},
        {"Schied|s|richter", {"schied", "Richter"}},
        {"Liebe|s|brief", {"Liebe", "Brief"}},
        {"Geschäft|s|führer", {"Geschäft", "Führer"}},
        {"Unternehmen|s|steuer", {"Unternehmen", "Steuer"}},
        // -es-
        {"Bund|es|regierung", {"Bund", "Regierung"}},
        {"Bund|es|kanzler", {"Bund", "Kanzler"}},
        {"Bund|es|rat", {"Bund", "Rat"}},
        {"Bund|es|wehr", {"Bund", "Wehr"}},
        {"Bund|es|bank", {"Bund", "Bank"}},
        {"Bund|es|verfassung|s|gericht", {"Bundesverfassung", "Bund", "Verfassung", "Gericht"}},
        {"Land|es|regierung", {"Land", "Regierung"}},
        {"Tag|es|ordnung", {"Tag", "Ordnung"}},
        {"Jahr|es|bericht", {"Jahr", "Bericht"}},
        {"Kind|es|wohl", {"Kind", "Wohl"}},
        {"Freund|es|kreis", {"Freund", "Kreis"}},
        // -n-
        {"Kranke|n|haus", {"krank", "Haus"}},
        {"Sonne|n|energie", {"Sonne", "Energie"}},
        {"Aktie|n|kurs", {"Aktie", "Kurs"}},
        {"Börse|n|kurs", {"Börse", "Kurs"}},
        {"Note|n|bank", {"Note", "Bank"}},
        {"Rente|n|reform", {"Rente", "Reform"}},
        {"Spitze|n|kandidat", {"Spitze", "Kandidat"}},
        {"Maschine|n|bau", {"Maschine", "Bau"}},
        // -en-
        {"Mensch|en|rechte", {"Mensch", "Rechte"}},
        {"Schuld|en|bremse", {"Schuld", "Bremse"}},
        {"Miet|en|deckel", {"Mieten", "Deckel"}},
        // -er-
        {"Kind|er|betreuung", {"Kind", "Betreuung"}},
        {"Kind|er|garten", {"Kind", "Garten"}},
        {"Kind|er|arzt", {"Kind", "Arzt"}},
        {"Geist|er|fahrer", {"Geist", "Fahrer"}},
        {"Rind|er|zucht", {"Rind", "Zucht"}},
        {"Hühn|er|stall", {"Huhn", "Stall"}},
        {"Büch|er|regal", {"Buch", "Regal"}},
        {"Bild|er|buch", {"Bild", "Buch"}},
        // -e-
        {"Hund|e|halter", {"Hund", "Halter"}},
        {"Schwein|e|fleisch", {"Schwein", "Fleisch"}},
        {"Pferd|e|stall", {"Pferd", "Stall"}},
        {"Lad|e|säule", {"laden", "Säule"}},
    };
    return rows;
}

// Words that must stay whole: names of places, companies and people (Freiburg is no frei +
// Burg), derivations (Wirtschaft, Verantwortung), prefixed words (Vorschlag, Unterricht),
// feminine forms (Lehrerinnen is no Lehre + Rinnen) and short words.
const std::vector<const char*>& unsplit_words() {
    static const std::vector<const char*> words = {
        // places
        "Nürnberg", "Hamburg", "Deutschland", "Frankreich", "Freiburg", "Magdeburg", "Heidelberg",
        "Regensburg", "Brandenburg", "Mecklenburg", "Rosenheim", "Mannheim", "Bielefeld", "Wolfsburg",
        "Salzburg", "Innsbruck", "Saarbrücken", "Osnabrück", "Braunschweig", "Gelsenkirchen",
        "Recklinghausen", "Ludwigshafen", "Wiesbaden", "Karlsruhe", "Kaiserslautern", "Starnberg",
        "Starnberger", "Hannover", "Göttingen", "Tübingen", "Ingolstadt", "Darmstadt", "Düsseldorf",
        "Offenburg", "Landsberg", "Freudenstadt", "Bergheim", "Königstein", "Steinfurt",
        "Eberswalde", "Bitterfeld", "Buchenwald", "Oberstdorf", "Oberhausen", "Zugspitze",
        "Feldberg", "Bodensee", "Westerwald", "Odenwald", "Vogtland",
        // companies, media, clubs
        "Volkswagen", "Volkswagens", "Lufthansa", "Rheinmetall", "Thyssenkrupp", "Bertelsmann",
        "Handelsblatt", "Tagesspiegel", "Tagesspiegels", "Tagesschau", "Tagesthemen", "Hochtief",
        "Kaufland", "Rossmann", "Hornbach", "Birkenstock", "Fielmann", "Kaufhof", "Wintershall",
        "Brenntag", "Commerzbank", "Bundesliga", "Hoffenheim",
        // people
        "Steinmeier", "Schumacher", "Zimmermann", "Hoffmann", "Steinbrück", "Lauterbach",
        "Wagenknecht", "Seehofer", "Kretschmann", "Beckenbauer", "Schweinsteiger", "Goldschmidt",
        "Rosenberg", "Morgenstern", "Klingbeil", "Hofreiter", "Buschmann", "Altmaier",
        "Nagelsmann", "Gottschalk",
        // derivations and lexicalised words
        "Verantwortung", "Wirtschaft", "Gesellschaft", "Mannschaft", "Landschaft", "Gewerkschaft",
        "Bereitschaft", "Eigenschaft", "Wissenschaft", "Freundschaft", "Partnerschaft",
        "Meisterschaft", "Schwangerschaft", "Bevölkerung", "Regierung", "Entscheidung",
        "Entwicklung", "Veranstaltung", "Verwaltung", "Verhandlung", "Verhandlungen",
        "Versicherung", "Verbindung", "Gesundheit", "Sicherheit", "Freiheit", "Möglichkeit",
        "Tätigkeit", "Öffentlichkeit", "Gerechtigkeit", "Gelegenheit", "Minderheit",
        "Vergangenheit", "Arbeitslosigkeit", "Ereignis", "Ergebnis", "Ergebnisse", "Verhältnis",
        "Erlebnis", "Eigentum", "Verbraucher", "Abteilung", "Information", "Generation",
        "Operation", "Temperatur", "Literatur", "Kandidaten", "Abgeordnete", "Sanktionen",
        "Regierungen", "Ermittlungen", "Haushalt", "Beispiel", "Augenblick", "Grundlage",
        "Zeitpunkt", "Gegenstand",
        // prefixed words
        "Unternehmen", "Übernahme", "Unterricht", "Unterstützung", "Untersuchung", "Nachrichten",
        "Gegenwart", "Vorschlag", "Anschlag", "Überraschung", "Herausforderung", "Vorstellung",
        "Ausstellung", "Mitarbeiter", "Verteidigung", "Verkäufer", "Verbrechen", "Vertreter",
        "Bedingungen",
        // feminine forms
        "Lehrerinnen", "Politikerinnen", "Wählerinnen", "Schülerinnen", "Bürgerinnen",
        "Kandidatinnen", "Kolleginnen", "Ärztinnen", "Kanzlerin", "Ministerin", "Präsidentin",
        // short words (fewer than eight letters)
        "Beamte", "Gebäude", "Bildung", "Gemeinde", "Bahnhof", "Rathaus", "Torwart", "Haus",
        "Stadt", "Krieg", "Markt", "Kanzler", "Bürger", "Zeitung", "Meinung", "Wohnung",
    };
    return words;
}

}  // namespace

TEST_CASE("Compound table: news compounds split into all their parts", "[analysis][compound]") {
    GermanAnalyzer analyzer;
    for (const Compound& row : compounds()) {
        const std::string word = without_joints(row.joints);
        const Terms expected = terms_of(analyzer, row.parts);
        const auto parts = analyzer.part_terms(word);
        const Terms actual(parts.begin(), parts.end());
        INFO(row.joints << ": expected " << describe(expected) << "| got " << describe(actual));
        CHECK(actual == expected);
        CHECK(parts.size() == actual.size());  // each part once

        // The query side: at least two first-level parts, each one of the parts above.
        const auto top = analyzer.top_part_terms(word);
        CHECK(top.size() >= 2);
        for (const auto& forms : top) {
            REQUIRE_FALSE(forms.empty());
            CHECK(expected.count(forms.front()) == 1);
        }

        // The index side: the word's own term and every part at the word's position.
        std::vector<Term> terms;
        CHECK(analyzer.analyze(word, 7, terms) == 8);
        REQUIRE_FALSE(terms.empty());
        CHECK(terms.front().text == analyzer.term(word));
        Terms indexed;
        for (const Term& t : terms) {
            CHECK(t.position == 7);
            indexed.insert(t.text);
        }
        for (const auto& part : expected) CHECK(indexed.count(part) == 1);
    }
}

TEST_CASE("Compound table: every linking element is represented", "[analysis][compound]") {
    std::map<std::string, int> rows_with;
    for (const Compound& row : compounds()) {
        for (const auto& link : links_of(row.joints)) ++rows_with[link];
    }
    CHECK(compounds().size() >= 100);
    for (const char* link : {"", "s", "es", "n", "en", "er", "e"}) {
        INFO("linking element -" << link << "-");
        CHECK(rows_with[link] >= 3);
    }
    // Only these (the table's joints are typed by hand).
    CHECK(rows_with.size() == 7);
}

TEST_CASE("Compound table: names, derivations and short words are not split", "[analysis][compound]") {
    CHECK(unsplit_words().size() >= 100);
    GermanAnalyzer analyzer;
    for (const char* word : unsplit_words()) {
        INFO(word);
        const auto parts = analyzer.part_terms(word);
        CHECK(describe(Terms(parts.begin(), parts.end())).empty());
        CHECK(analyzer.top_part_terms(word).empty());
        std::vector<Term> terms;
        analyzer.analyze(word, 1, terms);
        REQUIRE_FALSE(terms.empty());
        CHECK(terms.front().text == analyzer.term(word));
        // Only the word's own term (and, for a word with ae/oe/ue, its unfolded spelling).
        CHECK(terms.size() == 1);
    }
}
