#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "article/InputReader.h"
#include "support/CollectingSink.h"
#include "support/TestSupport.h"

using lupe::InputOptions;
using lupe::read_inputs;
using lupe::test::CollectingSink;
using lupe::test::TempDir;
namespace test = lupe::test;

namespace {

std::string article_text() {
    return test::read_file(test::test_data_dir() / "articles/full-layout.txt");
}

}  // namespace

TEST_CASE("InputReader walks a folder recursively in sorted order", "[article][input]") {
    TempDir dir;
    const std::string text = article_text();
    test::write_file(dir / "news/b.txt", text);
    test::write_file(dir / "news/a.txt", text);
    test::write_file(dir / "news/2024/10/bytedance-huawei.txt", text);
    test::write_file(dir / "news/2024/feed.jsonl",
                     R"({"id": "j1", "title": "Eins"})"
                     "\n"
                     R"({"title": "Zwei"})"
                     "\n");
    test::write_file(dir / "news/z.ndjson", R"({"id": "n1", "title": "Drei"})");
    test::write_file(dir / "news/notes.md", "# keine Artikel");
    test::write_file(dir / "news/2024/bild.png", "\x89PNG");
    test::write_file(dir / "news/README", "kein Artikel");

    CollectingSink sink;
    const auto stats = read_inputs({(dir / "news").string()}, InputOptions{}, sink);
    CHECK(sink.rejections.empty());
    const std::string feed = (dir / "news/2024/feed.jsonl").string();
    CHECK(sink.ids() == std::vector<std::string>{"2024/10/bytedance-huawei", "j1", feed + ":2",
                                                 "a", "b", "n1"});
    CHECK(stats.files == 5);
    CHECK(stats.skipped_files == 3);
    // Locations name the file; text articles have no line.
    REQUIRE(sink.records.size() == 6);
    CHECK(sink.records[0].where.str() == (dir / "news/2024/10/bytedance-huawei.txt").string());
    CHECK(sink.records[2].where.str() == feed + ":2");
    CHECK(sink.records[3].article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
}

TEST_CASE("InputReader ids do not depend on how the folder is named", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "news/2024/a.txt", article_text());
    for (const std::string& arg : {(dir / "news").string(), (dir / "news/").string(),
                                  (dir / "news/../news").string()}) {
        INFO(arg);
        CollectingSink sink;
        read_inputs({arg}, InputOptions{}, sink);
        CHECK(sink.ids() == std::vector<std::string>{"2024/a"});
    }
}

TEST_CASE("InputReader names a file argument's article after the file", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "sub/bytedance-huawei.txt", article_text());
    test::write_file(dir / "sub/artikel.text", article_text());  // not .txt: still plain text
    test::write_file(dir / "sub/feed.jsonl", R"({"title": "Eins"})");
    CollectingSink sink;
    const auto stats = read_inputs({(dir / "sub/bytedance-huawei.txt").string(),
                                    (dir / "sub/artikel.text").string(),
                                    (dir / "sub/feed.jsonl").string()},
                                   InputOptions{}, sink);
    CHECK(sink.rejections.empty());
    CHECK(sink.ids() == std::vector<std::string>{"bytedance-huawei", "artikel",
                                                 (dir / "sub/feed.jsonl").string() + ":1"});
    CHECK(stats.files == 3);
    CHECK(stats.skipped_files == 0);
}

TEST_CASE("InputReader rejects a missing path and goes on", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "a.txt", article_text());
    CollectingSink sink;
    const std::string missing = (dir / "gibt-es-nicht").string();
    read_inputs({missing, (dir / "a.txt").string()}, InputOptions{}, sink);
    REQUIRE(sink.rejections.size() == 1);
    CHECK(sink.rejections[0].where.str() == missing);
    CHECK_THAT(sink.rejections[0].reason, Catch::Contains("no such file"));
    CHECK(sink.ids() == std::vector<std::string>{"a"});
}

TEST_CASE("InputReader rejects unreadable text files with the file name", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "in/empty.txt", "");
    test::write_file(dir / "in/binary.txt", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0", 12));
    test::write_file(dir / "in/headline-only.txt",
                     test::read_file(test::test_data_dir() / "articles/headline-only.txt"));
    test::write_file(dir / "in/good.txt", article_text());
    test::write_file(dir / "in/latin1.txt", test::latin1_from_utf8(article_text()));
    CollectingSink sink;
    read_inputs({(dir / "in").string()}, InputOptions{}, sink);
    CHECK(sink.ids() == std::vector<std::string>{"good", "latin1"});
    REQUIRE(sink.rejections.size() == 3);
    CHECK(sink.rejections[0].where.str() == (dir / "in/binary.txt").string());
    CHECK_THAT(sink.rejections[0].reason, Catch::Contains("binary"));
    CHECK(sink.rejections[1].where.str() == (dir / "in/empty.txt").string());
    CHECK_THAT(sink.rejections[1].reason, Catch::Contains("empty"));
    CHECK(sink.rejections[2].where.str() == (dir / "in/headline-only.txt").string() + ":5");
    // A converted file says how it was read.
    REQUIRE(sink.records.size() == 2);
    CHECK(sink.records[0].warnings.empty());
    REQUIRE(sink.records[1].warnings.size() == 1);
    CHECK_THAT(sink.records[1].warnings[0], Catch::Contains("not UTF-8"));
    CHECK(sink.records[1].article.title == "Bäckerei in Görlitz eröffnet zweite Filiale");
}

TEST_CASE("InputReader rejects a text file above the size limit", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "big.txt", article_text() + std::string(2000, 'x'));
    test::write_file(dir / "small.txt", article_text());
    InputOptions options;
    options.max_text_file_bytes = article_text().size() + 1000;
    CollectingSink sink;
    read_inputs({dir.str()}, options, sink);
    CHECK(sink.ids() == std::vector<std::string>{"small"});
    REQUIRE(sink.rejections.size() == 1);
    CHECK(sink.rejections[0].where.str() == (dir / "big.txt").string());
    CHECK_THAT(sink.rejections[0].reason, Catch::Contains("larger than"));
}

TEST_CASE("InputReader applies the field map to JSONL files", "[article][input]") {
    TempDir dir;
    test::write_file(dir / "feed.jsonl",
                     R"({"id": "z1", "title": "T", "site": "www.zeit.de", "gathered_date": "2025-08-05"})"
                     "\n");
    InputOptions options;
    options.field_map.set_from_spec("source=site");
    options.field_map.set_from_spec("date=gathered_date");
    CollectingSink sink;
    read_inputs({(dir / "feed.jsonl").string()}, options, sink);
    REQUIRE(sink.records.size() == 1);
    CHECK(sink.records[0].article.source == "www.zeit.de");
    CHECK(sink.records[0].article.date == lupe::Date{2025, 8, 5});
}

TEST_CASE("InputReader counts the bytes it reads", "[article][input]") {
    TempDir dir;
    const std::string text = article_text();
    const std::string jsonl = R"({"title": "Eins"})"
                              "\n";
    test::write_file(dir / "a.txt", text);
    test::write_file(dir / "b.jsonl", jsonl);
    test::write_file(dir / "c.md", "ignored");
    std::uint64_t seen = 0;
    InputOptions options;
    options.on_bytes = [&](std::uint64_t n) { seen += n; };
    CollectingSink sink;
    read_inputs({dir.str()}, options, sink);
    CHECK(seen == text.size() + jsonl.size());
    CHECK(lupe::total_input_bytes({dir.str()}) == text.size() + jsonl.size());
}
