#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "article/JsonlReader.h"
#include "support/CollectingSink.h"

using lupe::Date;
using lupe::FieldMap;
using lupe::JsonlReader;
using lupe::test::CollectingSink;

namespace {

CollectingSink read_jsonl(const std::string& input, const FieldMap& map = {},
                          std::size_t max_line_bytes = JsonlReader::kDefaultMaxLineBytes) {
    std::istringstream in(input);
    CollectingSink sink;
    JsonlReader(map, max_line_bytes).read(in, "news.jsonl", sink);
    return sink;
}

}  // namespace

TEST_CASE("JsonlReader reads every article field", "[article][jsonl]") {
    const auto sink = read_jsonl(
        R"({"id": "a-1", "title": " Huawei statt NVIDIA ", "lead": "Kurz gesagt.", "body": "Der Text.", )"
        R"("source": "Eulerpool", "topic": "Technologie", "date": "08. Oktober, 2024", "url": "https://example.org/a"})"
        "\n");
    REQUIRE(sink.rejections.empty());
    REQUIRE(sink.records.size() == 1);
    const auto& record = sink.records[0];
    const auto& a = record.article;
    CHECK(a.id == "a-1");
    CHECK(a.title == "Huawei statt NVIDIA");
    CHECK(a.lead == "Kurz gesagt.");
    CHECK(a.body == "Der Text.");
    CHECK(a.source == "Eulerpool");
    CHECK(a.topic == "Technologie");
    CHECK(a.date == Date{2024, 10, 8});
    CHECK(a.url == "https://example.org/a");
    CHECK(record.where.file == "news.jsonl");
    CHECK(record.where.line == 1);
    CHECK(record.where.str() == "news.jsonl:1");
    CHECK(record.warnings.empty());
}

TEST_CASE("JsonlReader renames keys with a FieldMap", "[article][jsonl]") {
    FieldMap map;
    map.set_from_spec("source=site");
    map.set_from_spec("date=gathered_date");
    map.set("topic", "category");
    const auto sink = read_jsonl(
        R"({"id": "z-1", "title": "T", "body": "B", "site": "www.zeit.de", "source": "ignored", )"
        R"("gathered_date": "2025-08-05", "category": "inland"})"
        "\n",
        map);
    REQUIRE(sink.records.size() == 1);
    const auto& a = sink.records[0].article;
    CHECK(a.source == "www.zeit.de");
    CHECK(a.date == Date{2025, 8, 5});
    CHECK(a.topic == "inland");
    CHECK(map.key("source") == "site");
    CHECK(map.key("title") == "title");
}

TEST_CASE("FieldMap rejects unknown fields and malformed specs", "[article][jsonl]") {
    FieldMap map;
    CHECK_THROWS_AS(map.set_from_spec("author=by"), std::invalid_argument);
    CHECK_THROWS_AS(map.set_from_spec("source"), std::invalid_argument);
    CHECK_THROWS_AS(map.set_from_spec("source="), std::invalid_argument);
    CHECK(map.key("source") == "source");
}

TEST_CASE("JsonlReader derives the id from id, url or the line", "[article][jsonl]") {
    const auto sink = read_jsonl(
        R"({"id": "given", "url": "https://example.org/1", "title": "Eins"})"
        "\n"
        R"({"url": "https://example.org/2", "title": "Zwei"})"
        "\n"
        R"({"title": "Drei"})"
        "\n"
        R"({"id": 42, "title": "Vier"})"
        "\n"
        R"({"id": "", "title": "Fünf"})"
        "\n");
    REQUIRE(sink.rejections.empty());
    CHECK(sink.ids() ==
          std::vector<std::string>{"given", "https://example.org/2", "news.jsonl:3", "42", "news.jsonl:5"});
}

TEST_CASE("JsonlReader takes numbers and arrays of strings as text", "[article][jsonl]") {
    const auto sink = read_jsonl(
        R"({"title": 2024, "body": ["Erster Absatz.", "Zweiter Absatz."]})"
        "\n"
        R"({"title": "Ohne Text", "body": null})"
        "\n");
    REQUIRE(sink.rejections.empty());
    REQUIRE(sink.records.size() == 2);
    CHECK(sink.records[0].article.title == "2024");
    CHECK(sink.records[0].article.body == "Erster Absatz.\n\nZweiter Absatz.");
    CHECK(sink.records[1].article.body.empty());
}

TEST_CASE("JsonlReader rejects bad lines with their line number and reads on", "[article][jsonl]") {
    struct Row {
        std::string line;
        const char* reason;
    };
    const Row rows[] = {
        {"this is not json", "JSON"},
        {R"({"title": "abgebrochen")", "JSON"},
        {R"(["a", "b"])", "object"},
        {R"("just a string")", "object"},
        {R"({"lead": "nur ein Vorspann"})", "no title and no body"},
        {R"({"title": "", "body": "   "})", "no title and no body"},
        {R"({"title": {"de": "Objekt"}})", "object"},
        {R"({"title": "T", "body": ["Text", 3]})", "array"},
        {"{\"title\": \"Gr\xFC\xDF" "e\"}", "UTF-8"},
        {"{\"title\": \"\xC0\xAF\"}", "UTF-8"},
    };
    for (const auto& row : rows) {
        INFO(row.line);
        const auto sink = read_jsonl(R"({"id": "first", "title": "Gut"})"
                                     "\n" +
                                     row.line +
                                     "\n"
                                     R"({"id": "third", "title": "Auch gut"})"
                                     "\n");
        CHECK(sink.ids() == std::vector<std::string>{"first", "third"});
        REQUIRE(sink.rejections.size() == 1);
        CHECK(sink.rejections[0].where.str() == "news.jsonl:2");
        CHECK_THAT(sink.rejections[0].reason, Catch::Contains(row.reason));
    }
}

TEST_CASE("JsonlReader rejects a line longer than the limit and reads the next", "[article][jsonl]") {
    const std::string long_line = R"({"title": ")" + std::string(500, 'x') + R"("})";
    const auto sink = read_jsonl(R"({"id": "a", "title": "Kurz"})"
                                 "\n" +
                                     long_line + "\n" +
                                     R"({"id": "c", "title": "Danach"})"
                                     "\n",
                                 {}, 100);
    CHECK(sink.ids() == std::vector<std::string>{"a", "c"});
    REQUIRE(sink.rejections.size() == 1);
    CHECK(sink.rejections[0].where.str() == "news.jsonl:2");
    CHECK_THAT(sink.rejections[0].reason, Catch::Contains("longer than"));
    REQUIRE(sink.records.size() == 2);
    CHECK(sink.records[1].where.line == 3);

    // Exactly at the limit is fine.
    const std::string at_limit = R"({"title": ")" + std::string(100 - 13, 'y') + R"("})";
    REQUIRE(at_limit.size() == 100);
    const auto fits = read_jsonl(at_limit + "\n", {}, 100);
    CHECK(fits.rejections.empty());
    CHECK(fits.records.size() == 1);
}

TEST_CASE("JsonlReader skips blank lines but counts them", "[article][jsonl]") {
    const auto sink = read_jsonl("\n"
                                 R"({"title": "Eins"})"
                                 "\n   \n\t\n"
                                 R"({"title": "Zwei"})");  // no final newline
    CHECK(sink.rejections.empty());
    REQUIRE(sink.records.size() == 2);
    CHECK(sink.records[0].where.line == 2);
    CHECK(sink.records[1].where.line == 5);
    CHECK(sink.ids() == std::vector<std::string>{"news.jsonl:2", "news.jsonl:5"});
}

TEST_CASE("JsonlReader reads CRLF lines", "[article][jsonl]") {
    const auto sink = read_jsonl(R"({"id": "a", "title": "Eins", "body": "Text"})"
                                 "\r\n\r\n"
                                 R"({"id": "b", "title": "Zwei"})"
                                 "\r\n");
    CHECK(sink.rejections.empty());
    CHECK(sink.ids() == std::vector<std::string>{"a", "b"});
    REQUIRE(sink.records.size() == 2);
    CHECK(sink.records[0].article.body == "Text");
    CHECK(sink.records[1].where.line == 3);
}

TEST_CASE("JsonlReader warns about an unreadable date and keeps the article", "[article][jsonl]") {
    const auto sink = read_jsonl(R"({"id": "a", "title": "Eins", "date": "gestern"})"
                                 "\n"
                                 R"({"id": "b", "title": "Zwei", "date": "31.02.2024"})"
                                 "\n"
                                 R"({"id": "c", "title": "Drei", "date": "2024-10-08T12:00:00Z"})"
                                 "\n");
    CHECK(sink.rejections.empty());
    REQUIRE(sink.records.size() == 3);
    CHECK_FALSE(sink.records[0].article.date);
    REQUIRE(sink.records[0].warnings.size() == 1);
    CHECK_THAT(sink.records[0].warnings[0], Catch::Contains("gestern"));
    CHECK_FALSE(sink.records[1].article.date);
    CHECK(sink.records[1].warnings.size() == 1);
    CHECK(sink.records[2].article.date == Date{2024, 10, 8});
    CHECK(sink.records[2].warnings.empty());
}

TEST_CASE("JsonlReader reports consumed bytes", "[article][jsonl]") {
    const std::string input = R"({"title": "Eins"})"
                              "\n\n"
                              R"({"title": "Zwei"})"
                              "\n";
    std::istringstream in(input);
    CollectingSink sink;
    std::uint64_t total = 0;
    JsonlReader(FieldMap{}).read(in, "news.jsonl", sink, [&](std::uint64_t n) { total += n; });
    CHECK(total == input.size());
    CHECK(sink.records.size() == 2);
}
