#include <catch2/catch.hpp>

#include <string>

#include "article/TextArticleParser.h"
#include "article/TextDecoder.h"
#include "support/TestSupport.h"

using lupe::Date;
using lupe::ParseError;
using lupe::ParsedText;
using lupe::TextArticleParser;
namespace test = lupe::test;

namespace {

std::string fixture(const std::string& name) {
    return test::read_file(test::test_data_dir() / "articles" / name);
}

// Decodes and parses raw file bytes, as the InputReader does.
ParsedText parse_bytes(const std::string& bytes) {
    const TextArticleParser parser;
    return parser.parse(lupe::decode_text(bytes).text);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + 1)) {
        ++n;
    }
    return n;
}

std::string replace_first_line(const std::string& text, const std::string& line) {
    return line + text.substr(text.find('\n'));
}

}  // namespace

TEST_CASE("TextArticleParser reads the reference article", "[article][text]") {
    const std::string raw = test::read_file(test::shared_dir() / "format/example-article.txt");
    REQUIRE_FALSE(raw.empty());
    const auto parsed = parse_bytes(raw);
    const auto& a = parsed.article;
    const std::string headline = "Nach US-Sanktionen: ByteDance setzt auf Huawei statt NVIDIA";

    CHECK(a.date == Date{2024, 10, 8});
    CHECK(a.topic == "Technologie");
    CHECK(a.source == "Eulerpool");
    CHECK(a.title == headline);
    CHECK(a.lead.rfind("ByteDance, Eigentümer von TikTok", 0) == 0);
    CHECK(a.id.empty());
    CHECK(parsed.warnings.empty());

    // The headline is the title only; the picture block keeps its caption.
    CHECK_FALSE(contains(a.lead, headline));
    CHECK_FALSE(contains(a.body, headline));
    CHECK(a.body.rfind("Nach US-Sanktionen auf NVIDIA-Chips wechselt ByteDance", 0) == 0);
    // Source line and teasers of other articles are not body text.
    CHECK_FALSE(contains(a.body, "Quelle:"));
    CHECK_FALSE(contains(a.body, "Eulerpool"));
    CHECK_FALSE(contains(a.body, "Das könnte Sie"));
    CHECK_FALSE(contains(a.body, "Foxconn"));
    // Text on both sides of the mid-body source line stays.
    CHECK(contains(a.body, "US-Sanktionen zu umgehen."));
    CHECK(contains(a.body, "Allerdings bleibt diese „Empfehlung“"));
    CHECK(contains(a.body, "Huawei"));
    CHECK(contains(a.body, "Eine Frage der Leistung"));
    // The pull quote repeats a later paragraph: its figures are in the body once.
    CHECK(count(a.body, "100.000 Huawei-Chips") == 1);
    const std::string last_sentence = "in seiner Innovationskraft bremsen.";
    CHECK(a.body.substr(a.body.size() - last_sentence.size()) == last_sentence);
}

TEST_CASE("TextArticleParser reads the full layout", "[article][text]") {
    const auto parsed = parse_bytes(fixture("full-layout.txt"));
    const auto& a = parsed.article;
    CHECK(a.date == Date{2024, 3, 12});
    CHECK(a.topic == "Wirtschaft");
    CHECK(a.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
    CHECK(a.lead.rfind("Die Bäckerei Schulze aus Görlitz", 0) == 0);
    CHECK(a.source == "Lausitzer Morgenpost");
    CHECK(a.body ==
          "Der Inhaber vor dem neuen Laden am Obermarkt.\n\n"
          "Die neue Filiale liegt direkt am Obermarkt und bietet neben Brot und Brötchen auch "
          "einen kleinen Mittagstisch an. Geöffnet ist täglich ab sechs Uhr.\n\n"
          "Schon im Sommer will der Betrieb eine eigene Backstube für Dinkelprodukte einrichten, "
          "weil die Nachfrage nach Vollkornbrot seit Jahren steigt.");
    CHECK(parsed.warnings.empty());
}

TEST_CASE("TextArticleParser handles layout variations", "[article][text]") {
    struct Row {
        const char* file;
        Date date;
        const char* topic;
        const char* source;
        const char* title;
        const char* body_starts_with;
        const char* not_in_body;
    };
    const Row rows[] = {
        {"no-topic.txt", {2024, 10, 8}, "", "Märkische Abendzeitung",
         "Hochwasser: Pegel der Oder steigt weiter", "Sandsäcke am Ufer der Oder.", "Quelle:"},
        {"no-source.txt", {2024, 10, 8}, "Sport", "",
         "Kanuverein gewinnt Landesmeisterschaft im Drachenboot",
         "Die Mannschaft nach dem Zieleinlauf im Hafen.", "Kanuverein gewinnt"},
        {"no-picture.txt", {2024, 10, 8}, "Kultur", "Kreisanzeiger",
         "Stadtbibliothek verlängert ihre Öffnungszeiten", "Leserinnen und Leser", "Quelle:"},
        {"repeated-paragraph.txt", {2024, 5, 2}, "", "",
         "Stadtrat beschließt neuen Radweg an der Elbe", "Die Strecke soll zwölf Kilometer",
         "Der Stadtrat hat am Donnerstag"},
        {"full-layout.txt", {2024, 3, 12}, "Wirtschaft", "Lausitzer Morgenpost",
         "Bäckerei in Görlitz eröffnet zweite Filiale", "Der Inhaber vor dem neuen Laden",
         "Zahnarztpraxis"},
    };
    for (const auto& row : rows) {
        INFO(row.file);
        const auto parsed = parse_bytes(fixture(row.file));
        const auto& a = parsed.article;
        CHECK(a.date == row.date);
        CHECK(a.topic == row.topic);
        CHECK(a.source == row.source);
        CHECK(a.title == row.title);
        CHECK_FALSE(a.lead.empty());
        CHECK(a.body.rfind(row.body_starts_with, 0) == 0);
        CHECK_FALSE(contains(a.body, row.not_in_body));
        CHECK_FALSE(contains(a.body, row.title));
        CHECK(parsed.warnings.empty());
    }
}

TEST_CASE("TextArticleParser keeps a verbatim repeated paragraph once", "[article][text]") {
    const auto a = parse_bytes(fixture("repeated-paragraph.txt")).article;
    CHECK(count(a.body, "„Wir schließen damit endlich die letzte Lücke im Netz.“") == 1);
    CHECK(count(a.body, "Die Strecke soll zwölf Kilometer lang werden") == 1);
    CHECK(contains(a.body, "Die Bauarbeiten beginnen im Herbst"));
    CHECK(a.body ==
          "Die Strecke soll zwölf Kilometer lang werden und zwei Ortsteile miteinander "
          "verbinden.\n\n„Wir schließen damit endlich die letzte Lücke im Netz.“\n\n"
          "Die Bauarbeiten beginnen im Herbst und sollen zwei Jahre dauern.");
}

TEST_CASE("TextArticleParser drops the teaser block and what follows", "[article][text]") {
    const auto a = parse_bytes(fixture("full-layout.txt")).article;
    for (const std::string& text : {a.title, a.lead, a.body}) {
        CHECK_FALSE(contains(text, "Das könnte Sie"));
        CHECK_FALSE(contains(text, "Zahnarztpraxis"));
        CHECK_FALSE(contains(text, "Ruhestand"));
    }
}

TEST_CASE("TextArticleParser reads the date line in each form", "[article][text]") {
    const char* forms[] = {"12. März, 2024", "12. März 2024",        "12.03.2024",
                           "12.3.2024",      "2024-03-12",           "2024-03-12T08:15:00Z",
                           "  12. März, 2024  "};
    const std::string text = fixture("full-layout.txt");
    for (const char* form : forms) {
        INFO(form);
        const auto parsed = parse_bytes(replace_first_line(text, form));
        CHECK(parsed.article.date == Date{2024, 3, 12});
        CHECK(parsed.article.topic == "Wirtschaft");
        CHECK(parsed.article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
        CHECK(parsed.warnings.empty());
    }
}

TEST_CASE("TextArticleParser warns about an unreadable date and indexes without it",
          "[article][text]") {
    const std::string text = fixture("full-layout.txt");
    for (const char* line : {"31. Februar 2024", "12.13.2024", "2024-03-32"}) {
        INFO(line);
        const auto parsed = parse_bytes(replace_first_line(text, line));
        CHECK_FALSE(parsed.article.date);
        REQUIRE(parsed.warnings.size() == 1);
        CHECK_THAT(parsed.warnings[0], Catch::Contains("line 1") && Catch::Contains(line) &&
                                           Catch::Contains("date"));
        // The bad date is not taken for the topic or the headline.
        CHECK(parsed.article.topic == "Wirtschaft");
        CHECK(parsed.article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
    }
}

TEST_CASE("TextArticleParser warns when there is no date line", "[article][text]") {
    const std::string text = fixture("full-layout.txt");
    const auto parsed = parse_bytes(text.substr(text.find("Wirtschaft")));
    CHECK_FALSE(parsed.article.date);
    CHECK(parsed.article.topic == "Wirtschaft");
    CHECK(parsed.article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
    REQUIRE(parsed.warnings.size() == 1);
    CHECK_THAT(parsed.warnings[0], Catch::Contains("no date"));
}

TEST_CASE("TextArticleParser reads CRLF files with a BOM like LF files", "[article][text]") {
    const std::string text = fixture("full-layout.txt");
    std::string crlf = "\xEF\xBB\xBF";
    for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const auto expected = parse_bytes(text).article;
    const auto parsed = parse_bytes(crlf);
    CHECK(parsed.article.date == expected.date);
    CHECK(parsed.article.topic == expected.topic);
    CHECK(parsed.article.title == expected.title);
    CHECK(parsed.article.lead == expected.lead);
    CHECK(parsed.article.body == expected.body);
    CHECK(parsed.article.source == expected.source);
    CHECK_FALSE(contains(parsed.article.body, "\r"));
}

TEST_CASE("TextArticleParser reads Latin-1 files like UTF-8 files", "[article][text]") {
    const std::string text = fixture("full-layout.txt");
    const std::string latin1 = test::latin1_from_utf8(text);
    REQUIRE(latin1 != text);
    REQUIRE_FALSE(lupe::is_valid_utf8(latin1));
    const auto expected = parse_bytes(text).article;
    const auto parsed = parse_bytes(latin1);
    CHECK(parsed.article.date == expected.date);
    CHECK(parsed.article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
    CHECK(parsed.article.lead == expected.lead);
    CHECK(parsed.article.body == expected.body);
    CHECK(parsed.article.source == expected.source);
}

TEST_CASE("TextArticleParser rejects an article without text, with the line", "[article][text]") {
    struct Row {
        std::string text;
        std::size_t line;
    };
    const Row rows[] = {
        {fixture("headline-only.txt"), 5},
        {"Bäckerei in Görlitz eröffnet zweite Filiale\n", 1},
        {"8. Oktober 2024\n\nBäckerei in Görlitz eröffnet zweite Filiale\n", 3},
        {"8. Oktober 2024\n\nBäckerei in Görlitz eröffnet zweite Filiale\n\nQuelle: Kreisanzeiger\n",
         5},
        {"Das könnte Sie ebenfalls interessieren:\n\nEin anderer Artikel.\n", 1},
    };
    const TextArticleParser parser;
    for (const auto& row : rows) {
        INFO(row.text);
        try {
            const auto parsed = parser.parse(row.text);
            FAIL("parsed: title '" << parsed.article.title << "', lead '" << parsed.article.lead
                                   << "'");
        } catch (const ParseError& e) {
            CHECK(e.line() == row.line);
            CHECK(std::string(e.what()).size() > 0);
        }
    }
    CHECK_THROWS_AS(parser.parse(""), ParseError);
    CHECK_THROWS_AS(parser.parse("\n\n  \n"), ParseError);
}

TEST_CASE("TextArticleParser keeps a short article of headline and one paragraph",
          "[article][text]") {
    const TextArticleParser parser;
    const auto parsed = parser.parse("8. Oktober 2024\n\nKurz notiert\n\nDie Stadt baut eine neue Brücke.\n");
    CHECK(parsed.article.title == "Kurz notiert");
    CHECK(parsed.article.lead == "Die Stadt baut eine neue Brücke.");
}
