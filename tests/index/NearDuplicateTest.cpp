// NearDuplicate: MinHash signatures of article wording; tried on the demo corpus, which holds
// copies of agency stories (new headline, rewritten lead, changed sentences, cut or added
// paragraphs) beside different articles on the same subjects.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "article/JsonlReader.h"
#include "article/TextArticleParser.h"
#include "index/DocumentBuilder.h"
#include "index/NearDuplicate.h"
#include "index/Schema.h"
#include "support/TestSupport.h"

using lupe::Article;
using lupe::DocumentBuilder;
namespace neardup = lupe::neardup;

namespace {

std::optional<neardup::Signature> signature_of(DocumentBuilder& builder, const Article& article) {
    const Xapian::Document doc = builder.build(article);
    return neardup::decode(doc.get_value(lupe::schema::kSignatureSlot));
}

Article article(const std::string& title, const std::string& body) {
    Article a;
    a.id = title + "-test";  // (not a literal: GCC 12 -O2 warns falsely on that, -Wrestrict)
    a.title = title;
    a.body = body;
    return a;
}

// Every article of corpus/ (text files by file name, JSONL records by id).
std::map<std::string, Article> demo_corpus() {
    std::map<std::string, Article> articles;
    const auto dir = lupe::test::source_dir() / "corpus";
    const lupe::TextArticleParser parser;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "articles")) {
        Article a = parser.parse(lupe::test::read_file(entry.path())).article;
        a.id = entry.path().stem().string();
        articles[a.id] = a;
    }
    const lupe::JsonlReader reader{lupe::FieldMap()};
    std::ifstream in(dir / "articles.jsonl");
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        Article a = reader.parse_line(line, "articles.jsonl", n).article;
        articles[a.id] = a;
    }
    return articles;
}

const std::string kText =
    "Die Zahl der Förderanträge für den Einbau einer Wärmepumpe hat sich im ersten Quartal im "
    "Vergleich zum Vorjahreszeitraum mehr als verdoppelt. Das geht aus Zahlen hervor, die ein "
    "Branchenverband am Mittwoch vorgestellt hat. Besonders stark war der Zuwachs bei Eigentümern "
    "älterer Einfamilienhäuser.";

}  // namespace

TEST_CASE("Identical wording gives identical signatures and band keys", "[index][neardup]") {
    DocumentBuilder builder;
    const auto a = signature_of(builder, article("Wärmepumpen", kText));
    const auto b = signature_of(builder, article("Wärmepumpen", kText));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    CHECK(neardup::similarity(*a, *b) == 1.0);
    CHECK(neardup::band_hashes(*a) == neardup::band_hashes(*b));
}

TEST_CASE("Signatures are the same on every run and machine", "[index][neardup]") {
    // Stored in indexes: a change of seed or hash functions would silently split clusters
    // between old and new documents, so it must come with a new schema version.
    DocumentBuilder builder;
    const auto s = signature_of(builder, article("Wärmepumpen", kText));
    REQUIRE(s);
    CHECK(neardup::band_key(0, neardup::band_hashes(*s)[0]) == "006fdfba1926f3878e");
    CHECK(neardup::hex_hash("lupe") == "aa12ce1a8925c5dc");
}

TEST_CASE("Case, punctuation and inflection do not change the signature", "[index][neardup]") {
    // The signature is built from the analyzer's terms, so it sees what search sees.
    DocumentBuilder builder;
    std::string shouted = kText;
    std::transform(shouted.begin(), shouted.end(), shouted.begin(), [](char c) {
        if (c == '.') return ',';
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    const auto a = signature_of(builder, article("", kText));
    const auto b = signature_of(builder, article("", shouted));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(neardup::similarity(*a, *b) == 1.0);
}

TEST_CASE("A text too short to judge has no signature", "[index][neardup]") {
    DocumentBuilder builder;
    CHECK_FALSE(signature_of(builder, article("Kurzmeldung", "Der Landtag tagt am Mittwoch.")));
    CHECK_FALSE(signature_of(builder, article("", "")));
}

TEST_CASE("Signatures survive their binary form; other bytes are no signature", "[index][neardup]") {
    DocumentBuilder builder;
    const auto s = signature_of(builder, article("Wärmepumpen", kText));
    REQUIRE(s);
    const std::string bytes = neardup::encode(*s);
    CHECK(bytes.size() == neardup::kHashes * 4);
    CHECK(neardup::decode(bytes) == s);
    CHECK_FALSE(neardup::decode(bytes.substr(1)));
    CHECK_FALSE(neardup::decode(""));
}

TEST_CASE("Agency copies in the demo corpus are near-duplicates, all other pairs are not", "[index][neardup]") {
    // The copies (corpus/README.md): one sentence changed and a new headline; or a rewritten
    // lead, a changed sentence and the last paragraph cut; or small edits and an added sentence.
    // The first id of a group is the agency's text, the others are copies of it; two edited
    // copies need not be as close to each other (they join one cluster through the original).
    const std::vector<std::vector<std::string>> copies = {
        {"2023-04-19-waermepumpen-foerderung", "2023-04-19-waermepumpen-gefragt"},
        {"2024-03-05-lea-brandner-nominierung", "2024-03-05-brandner-nationalmannschaft"},
        {"lupe-demo-0027", "lupe-demo-0028", "lupe-demo-0029"},
    };
    const auto group_of = [&](const std::string& id) {
        for (std::size_t g = 0; g < copies.size(); ++g) {
            if (std::find(copies[g].begin(), copies[g].end(), id) != copies[g].end()) return static_cast<int>(g);
        }
        return -1;
    };
    DocumentBuilder builder;
    std::map<std::string, neardup::Signature> signatures;
    for (const auto& [id, a] : demo_corpus()) {
        const auto s = signature_of(builder, a);
        INFO(id);
        REQUIRE(s);  // every demo article is long enough
        signatures.emplace(id, *s);
    }
    REQUIRE(signatures.size() >= 78);
    for (auto a = signatures.begin(); a != signatures.end(); ++a) {
        for (auto b = std::next(a); b != signatures.end(); ++b) {
            INFO(a->first << " / " << b->first);
            const double s = neardup::similarity(a->second, b->second);
            const int group = group_of(a->first);
            const bool same = group >= 0 && group == group_of(b->first);
            const bool with_original = same && (copies[group].front() == a->first || copies[group].front() == b->first);
            if (with_original) {
                CHECK(s >= neardup::kThreshold);
            } else if (same) {
                CHECK(s >= 0.3);
            } else {
                CHECK(s < 0.2);
            }
        }
    }
}
