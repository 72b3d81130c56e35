#include <catch2/catch.hpp>

#include <string>

#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/IndexStats.h"
#include "index/IndexWriter.h"
#include "support/TestSupport.h"

using lupe::Article;
using lupe::Date;
using lupe::test::TempDir;

namespace {

Article article(const std::string& id, const std::string& source, const std::string& topic,
                std::optional<Date> date) {
    Article a;
    a.id = id;
    a.title = "Titel " + id;
    a.body = "Text.";
    a.source = source;
    a.topic = topic;
    a.date = date;
    return a;
}

}  // namespace

TEST_CASE("IndexStats counts documents, sources, topics and dates", "[index][stats]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    {
        lupe::DocumentBuilder builder;
        lupe::IndexWriter writer(folder);
        const Article articles[] = {
            article("a", "Eulerpool", "Technologie", Date{2024, 10, 8}),
            article("b", "Eulerpool", "Wirtschaft", Date{2023, 3, 1}),
            article("c", "Kreisanzeiger", "Wirtschaft", Date{2025, 1, 31}),
            article("d", "Zeit", "Wirtschaft", std::nullopt),
            article("e", "", "", std::nullopt),
        };
        for (const auto& a : articles) writer.put(a.id, builder.build(a));
        writer.commit();
    }
    const auto stats = lupe::collect_stats(lupe::open_index_for_reading(folder));
    CHECK(stats.documents == 5);
    CHECK(stats.revision >= 1);
    REQUIRE(stats.sources.size() == 3);
    CHECK(stats.sources[0].value == "Eulerpool");
    CHECK(stats.sources[0].count == 2);
    CHECK(stats.sources[1].value == "Kreisanzeiger");  // ties: alphabetical
    CHECK(stats.sources[1].count == 1);
    CHECK(stats.sources[2].value == "Zeit");
    REQUIRE(stats.topics.size() == 2);
    CHECK(stats.topics[0].value == "Wirtschaft");
    CHECK(stats.topics[0].count == 3);
    CHECK(stats.topics[1].value == "Technologie");
    CHECK(stats.first_date == Date{2023, 3, 1});
    CHECK(stats.last_date == Date{2025, 1, 31});
    CHECK(stats.without_date == 2);
}

TEST_CASE("IndexStats of an empty index", "[index][stats]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    { lupe::IndexWriter writer(folder); }
    const auto stats = lupe::collect_stats(lupe::open_index_for_reading(folder));
    CHECK(stats.documents == 0);
    CHECK(stats.sources.empty());
    CHECK(stats.topics.empty());
    CHECK_FALSE(stats.first_date);
    CHECK_FALSE(stats.last_date);
    CHECK(stats.without_date == 0);
}
