#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"

using lupe::Article;
using lupe::Date;
using lupe::DocumentBuilder;
namespace schema = lupe::schema;

namespace {

Article sample_article() {
    Article a;
    a.id = "2024/bytedance-huawei";
    a.title = "ByteDance setzt auf Huawei";
    a.lead = "Die Sanktionen wirken.";
    a.body = "Chips von NVIDIA fehlen.\n\nDer Konzern plant neue KI-Modelle.";
    a.source = "Eulerpool";
    a.topic = "Technologie";
    a.url = "https://example.org/bytedance";
    a.date = Date{2024, 10, 8};
    return a;
}

struct TermInfo {
    Xapian::termcount wdf;
    std::vector<Xapian::termpos> positions;
};

std::map<std::string, TermInfo> terms_of(const Xapian::Document& doc) {
    std::map<std::string, TermInfo> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        TermInfo info{it.get_wdf(), {}};
        for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) {
            info.positions.push_back(*pos);
        }
        out[*it] = info;
    }
    return out;
}

}  // namespace

TEST_CASE("DocumentBuilder writes the id and boolean filter terms", "[index][builder]") {
    DocumentBuilder builder;
    const auto terms = terms_of(builder.build(sample_article()));
    for (const char* term : {"Q2024/bytedance-huawei", "XSeulerpool", "XTtechnologie", "Y2024",
                             "M202410", "D20241008"}) {
        INFO(term);
        REQUIRE(terms.count(term) == 1);
        CHECK(terms.at(term).positions.empty());
    }
    // Filter values are case-folded like words, but kept whole.
    Article a = sample_article();
    a.source = "Märkische Abendzeitung";
    a.topic = "Straße & Verkehr";
    const auto folded = terms_of(builder.build(a));
    CHECK(folded.count("XSmärkische abendzeitung") == 1);
    CHECK(folded.count("XTstrasse & verkehr") == 1);
    CHECK(schema::filter_term(schema::kSourcePrefix, "EULERPOOL") == "XSeulerpool");
}

TEST_CASE("DocumentBuilder writes date, source, topic and month values", "[index][builder]") {
    DocumentBuilder builder;
    const auto doc = builder.build(sample_article());
    CHECK(doc.get_value(schema::kDateSlot) == "20241008");
    CHECK(doc.get_value(schema::kSourceSlot) == "Eulerpool");
    CHECK(doc.get_value(schema::kTopicSlot) == "Technologie");
    CHECK(doc.get_value(schema::kMonthSlot) == "2024-10");
    CHECK(doc.get_value(schema::kContentHashSlot).size() == 32);
}

TEST_CASE("DocumentBuilder leaves out what an article does not have", "[index][builder]") {
    Article a;
    a.id = "bare";
    a.body = "Nur Text.";
    DocumentBuilder builder;
    const auto doc = builder.build(a);
    const auto terms = terms_of(doc);
    CHECK(terms.count("Qbare") == 1);
    for (const auto& [term, info] : terms) {
        INFO(term);
        CHECK_FALSE(term.rfind("XS", 0) == 0);
        CHECK_FALSE(term.rfind("XT", 0) == 0);
        CHECK_FALSE(term.rfind("Y", 0) == 0);
        CHECK_FALSE(term.rfind("S", 0) == 0);
    }
    CHECK(doc.get_value(schema::kDateSlot).empty());
    CHECK(doc.get_value(schema::kSourceSlot).empty());
    CHECK(doc.get_value(schema::kTopicSlot).empty());
    CHECK(doc.get_value(schema::kMonthSlot).empty());
}

TEST_CASE("DocumentBuilder indexes title, lead and body in fields", "[index][builder]") {
    DocumentBuilder builder;
    const auto terms = terms_of(builder.build(sample_article()));
    // Title: unprefixed (weighted) and with the S prefix.
    REQUIRE(terms.count("huawei") == 1);
    REQUIRE(terms.count("Shuawei") == 1);
    CHECK(terms.at("huawei").wdf == schema::kTitleWdf);
    CHECK(terms.at("Shuawei").wdf == 1);
    CHECK(terms.at("huawei").positions == std::vector<Xapian::termpos>{4});
    CHECK(terms.at("Shuawei").positions == std::vector<Xapian::termpos>{4});
    // Lead: XL prefix, positions after the field gap.
    REQUIRE(terms.count("XLsanktion") == 1);
    CHECK(terms.at("sanktion").wdf == schema::kLeadWdf);
    const Xapian::termpos lead_start = 5 + schema::kFieldGap;
    CHECK(terms.at("XLsanktion").positions == std::vector<Xapian::termpos>{lead_start + 1});
    // Body: unprefixed only.
    REQUIRE(terms.count("nvidia") == 1);
    CHECK(terms.at("nvidia").wdf == schema::kBodyWdf);
    CHECK(terms.count("Snvidia") == 0);
    CHECK(terms.count("XLnvidia") == 0);
    const Xapian::termpos body_start = lead_start + 3 + schema::kFieldGap;
    const std::string chips = builder.analyzer().term("Chips");
    REQUIRE(terms.count(chips) == 1);
    CHECK(terms.at(chips).positions == std::vector<Xapian::termpos>{body_start});
    // Hyphenated word in the body: joined and parts.
    CHECK(terms.count("kimodell") == 1);
    CHECK(terms.count("ki") == 1);
    CHECK(terms.count("modell") == 1);
    // Title words are not lead or body words.
    CHECK(terms.count("XLhuawei") == 0);
}

TEST_CASE("DocumentBuilder gives a position only to each word's own term", "[index][builder]") {
    Article a;
    a.id = "layout";
    a.title = "Halbleiterindustrie wächst";
    a.body = "Die Panamaer bauen KI-Modelle.";
    DocumentBuilder builder;
    const auto terms = terms_of(builder.build(a));
    const std::string compound = builder.analyzer().term("Halbleiterindustrie");
    const std::vector<std::string> parts = builder.analyzer().part_terms("Halbleiterindustrie");
    REQUIRE(parts.size() >= 2);
    // The compound itself: positional, unprefixed and in the title field.
    REQUIRE(terms.count(compound) == 1);
    CHECK(terms.at(compound).positions == std::vector<Xapian::termpos>{1});
    CHECK(terms.at("S" + compound).positions == std::vector<Xapian::termpos>{1});
    // Its parts: counted like the compound, but without positions.
    for (const std::string& part : parts) {
        INFO(part);
        REQUIRE(terms.count(part) == 1);
        CHECK(terms.at(part).wdf == schema::kTitleWdf);
        CHECK(terms.at(part).positions.empty());
        REQUIRE(terms.count("S" + part) == 1);
        CHECK(terms.at("S" + part).wdf == 1);
        CHECK(terms.at("S" + part).positions.empty());
    }
    // `Panamaer`: the folded stem is the word's own term, the unfolded one is not.
    const std::string folded = builder.analyzer().term("Panamaer");
    const std::string unfolded = builder.analyzer().unfolded_term("Panamaer");
    REQUIRE_FALSE(unfolded.empty());
    REQUIRE(terms.count(folded) == 1);
    CHECK(terms.at(folded).positions.size() == 1);
    REQUIRE(terms.count(unfolded) == 1);
    CHECK(terms.at(unfolded).wdf == schema::kBodyWdf);
    CHECK(terms.at(unfolded).positions.empty());
    // `KI-Modelle`: each part is a word with its position (phrases over the parts work); the
    // joined form is a plain term.
    REQUIRE(terms.count("ki") == 1);
    REQUIRE(terms.count("modell") == 1);
    REQUIRE(terms.at("ki").positions.size() == 1);
    CHECK(terms.at("modell").positions == std::vector<Xapian::termpos>{terms.at("ki").positions[0] + 1});
    REQUIRE(terms.count("kimodell") == 1);
    CHECK(terms.at("kimodell").wdf == schema::kBodyWdf);
    CHECK(terms.at("kimodell").positions.empty());
}

TEST_CASE("DocumentBuilder gives stopwords a position but no weight", "[index][builder]") {
    Article a;
    a.id = "stop";
    a.title = "Die Welt";
    a.body = "Der Hund und die Katze";
    DocumentBuilder builder;
    const auto terms = terms_of(builder.build(a));
    REQUIRE(terms.count("die") == 1);
    CHECK(terms.at("die").wdf == 0);
    CHECK(terms.at("die").positions.size() == 2);
    REQUIRE(terms.count("Sdie") == 1);
    CHECK(terms.at("Sdie").wdf == 0);
    CHECK(terms.at("Sdie").positions == std::vector<Xapian::termpos>{1});
    REQUIRE(terms.count("und") == 1);
    CHECK(terms.at("und").wdf == 0);
    CHECK(terms.at("und").positions.size() == 1);
    CHECK(terms.at("welt").wdf == schema::kTitleWdf);
    CHECK(terms.at("hund").wdf == 1);
}

TEST_CASE("DocumentBuilder stores the article for display", "[index][builder]") {
    DocumentBuilder builder;
    const Article a = sample_article();
    const auto doc = builder.build(a);
    const Article stored = lupe::decode_stored_article(doc.get_data());
    CHECK(stored.id == a.id);
    CHECK(stored.title == a.title);
    CHECK(stored.lead == a.lead);
    CHECK(stored.body == a.body);
    CHECK(stored.source == a.source);
    CHECK(stored.topic == a.topic);
    CHECK(stored.url == a.url);
    CHECK(stored.date == a.date);
    CHECK(doc.get_value(schema::kContentHashSlot) == lupe::content_hash(doc.get_data()));

    Article undated = a;
    undated.date.reset();
    CHECK_FALSE(lupe::decode_stored_article(builder.build(undated).get_data()).date);
    CHECK(lupe::decode_stored_article("not json").id.empty());
}

TEST_CASE("Stored articles decode escapes, and what is not Lupe's form as before", "[index][builder]") {
    Article a = sample_article();
    a.title = "Zitat: \"Nein\" \\ Pfad\n\tneue Zeile, Steuerzeichen \x01, Emoji \xF0\x9F\x98\x80, Umlaut \xC3\xA4";
    a.body = std::string(5000, 'x') + "\xE2\x80\x94" "Ende";  // long, with a multi-byte character
    const Article stored = lupe::decode_stored_article(lupe::encode_stored_article(a));
    CHECK(stored.title == a.title);
    CHECK(stored.body == a.body);
    CHECK(stored.date == a.date);
    // JSON escapes Lupe never writes, a duplicate key (the last one counts), unknown keys.
    const Article escaped = lupe::decode_stored_article(
        R"({"id":"a","id":"b","title":"\u00e4\ud83d\ude00\/","extra":"x","date":"2024-10-08"})");
    CHECK(escaped.id == "b");
    CHECK(escaped.title == "\xC3\xA4\xF0\x9F\x98\x80/");
    CHECK(escaped.date == lupe::Date::from_compact("20241008"));
    // Anything else is read by the general JSON reader, as before: fields of other types are
    // an error; trailing text, a cut-off object or an array decode as no article.
    CHECK(lupe::decode_stored_article(R"({"id":"a","views":5})").id == "a");
    CHECK_THROWS(lupe::decode_stored_article(R"({"id":5})"));
    CHECK(lupe::decode_stored_article(R"({"id":"a"} x)").id.empty());
    CHECK(lupe::decode_stored_article(R"({"id":"a")").id.empty());
    CHECK(lupe::decode_stored_article(R"(["a"])").id.empty());
}

TEST_CASE("DocumentBuilder is a pure function of the article", "[index][builder]") {
    DocumentBuilder first;
    DocumentBuilder second;
    const Article a = sample_article();
    const auto doc1 = first.build(a);
    first.build(Article{});
    const auto doc2 = first.build(a);
    const auto doc3 = second.build(a);
    CHECK(doc1.serialise() == doc2.serialise());
    CHECK(doc1.serialise() == doc3.serialise());

    Article changed = a;
    changed.body += " Neu.";
    CHECK(first.build(changed).get_value(schema::kContentHashSlot) !=
          doc1.get_value(schema::kContentHashSlot));
}

TEST_CASE("DocumentBuilder keeps long ids and filter values within Xapian's term limit",
          "[index][builder]") {
    Article a = sample_article();
    a.id = "https://example.org/" + std::string(300, 'x');
    a.source = "Ä" + std::string(300, 's');
    a.topic = std::string(300, 't');
    DocumentBuilder builder;
    const auto terms = terms_of(builder.build(a));
    for (const auto& [term, info] : terms) {
        INFO(term);
        CHECK(term.size() <= schema::kMaxTermBytes);
    }
    CHECK(terms.count(schema::id_term(a.id)) == 1);
    CHECK(terms.count(schema::filter_term(schema::kSourcePrefix, a.source)) == 1);
    CHECK(terms.count(schema::filter_term(schema::kTopicPrefix, a.topic)) == 1);
    // Distinct long values keep distinct terms; the display value stays whole.
    CHECK(schema::id_term(a.id) != schema::id_term(a.id + "y"));
    CHECK(schema::filter_term(schema::kSourcePrefix, a.source) !=
          schema::filter_term(schema::kSourcePrefix, a.source + "s"));
    CHECK(builder.build(a).get_value(schema::kSourceSlot) == a.source);
}
