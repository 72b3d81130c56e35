// Ranking (search/Ranking.h through Searcher::search): field weights, the proximity bonus,
// stopwords that weigh nothing but hold their place in phrases, and options that reach the
// weighting scheme. Each index is a handful of articles built so that, without the feature
// under test, BM25 would tie or turn the order around (Xapian breaks ties by document id:
// the article that must lose is always written first).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/IndexPipeline.h"
#include "search/FixtureIndex.h"
#include "search/Ranking.h"
#include "search/Searcher.h"
#include "support/TestSupport.h"

using lupe::RankingOptions;
using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::hit_id_set;
using lupe::test::hit_ids;

namespace {

// A few articles ({id, title?, body}) indexed in file order (document ids 1, 2, ...).
class SmallIndex {
public:
    explicit SmallIndex(const std::vector<nlohmann::json>& articles) {
        std::string jsonl;
        for (const auto& a : articles) jsonl += a.dump() + "\n";
        lupe::test::write_file(dir_ / "articles.jsonl", jsonl);
        lupe::IndexPipelineOptions options;
        options.folder = (dir_ / "index").string();
        options.threads = 1;
        const auto summary = lupe::index_inputs({(dir_ / "articles.jsonl").string()}, options);
        REQUIRE(summary.rejected.empty());
        REQUIRE(summary.documents_in_index == articles.size());
    }
    std::string folder() const { return (dir_ / "index").string(); }

private:
    lupe::test::TempDir dir_;
};

lupe::SearchResult search(Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    return searcher.search(request);
}

lupe::SearcherOptions with_ranking(const lupe::RankingOptions& ranking) {
    lupe::SearcherOptions options;
    options.query.ranking = ranking;
    return options;
}

// Ten ordinary words (no stopwords, no compounds) to put distance between words.
const std::string kFiller = "Wetter Sonne Regen Wolke Wind Schnee Nebel Hagel Sturm Donner";

}  // namespace

TEST_CASE("Ranking: a title match ranks above a body-only match", "[search][ranking]") {
    // Without field weights both articles would be equally long and hold `merkel` once.
    SmallIndex index({
        {{"id", "body"}, {"title", "Bericht aus Hamburg"}, {"body", "Merkel besucht den Hafen. " + kFiller}},
        {{"id", "title"}, {"title", "Merkel in Hamburg"}, {"body", "Sie besucht den großen Hafen. " + kFiller}},
    });
    Searcher searcher(index.folder());
    CHECK(hit_ids(search(searcher, "Merkel")) == std::vector<std::string>{"title", "body"});
}

TEST_CASE("Ranking: words standing close together rank above the same words far apart", "[search][ranking]") {
    // Same words, same counts, same length: only the distance differs.
    SmallIndex index({
        {{"id", "far"}, {"body", "Leistung " + kFiller + " Rechnen"}},
        {{"id", "adjacent"}, {"body", "Wetter Sonne Regen Wolke Wind Leistung Rechnen Schnee Nebel Hagel Sturm Donner"}},
        {{"id", "stopword-between"}, {"body", "Wetter Sonne Regen Wolke Wind Leistung im Rechnen Schnee Nebel Hagel Sturm Donner"}},
    });
    SECTION("with a proximity bonus") {
        RankingOptions options;
        options.proximity_weight = 1;
        options.proximity_window = 4;
        Searcher searcher(index.folder(), with_ranking(options));
        const auto result = search(searcher, "Leistung Rechnen");
        REQUIRE(result.hits.size() == 3);
        CHECK(result.hits.back().id == "far");
        CHECK(result.hits.front().score > result.hits.back().score);
    }
    SECTION("a stopword in between still counts as close within the window") {
        RankingOptions options;
        options.proximity_weight = 1;
        options.proximity_window = 3;
        Searcher searcher(index.folder(), with_ranking(options));
        const auto result = search(searcher, "Leistung Rechnen");
        REQUIRE(result.hits.size() == 3);
        CHECK(result.hits[0].score == Approx(result.hits[1].score));
        CHECK(hit_ids(result)[2] == "far");
        options.proximity_window = 2;
        Searcher adjacent_only(index.folder(), with_ranking(options));
        CHECK(hit_ids(search(adjacent_only, "Leistung Rechnen")) ==
              std::vector<std::string>{"adjacent", "far", "stopword-between"});
    }
    SECTION("proximity_weight 0 turns the bonus off: a tie, broken by document order") {
        RankingOptions options;
        options.proximity_weight = 0;
        Searcher searcher(index.folder(), with_ranking(options));
        const auto result = search(searcher, "Leistung Rechnen");
        REQUIRE(result.hits.size() == 3);
        CHECK(hit_ids(result) == std::vector<std::string>{"far", "adjacent", "stopword-between"});
        CHECK(result.hits[0].score == Approx(result.hits[2].score));
    }
}

TEST_CASE("Ranking: stopwords weigh nothing in articles or queries", "[search][ranking][stopwords]") {
    SmallIndex index({
        {{"id", "with-stopwords"}, {"body", "Merkel besucht die und der Hamburg und den Hafen"}},
        {{"id", "plain"}, {"body", "Merkel besucht Hamburg Hafen"}},
    });
    Searcher searcher(index.folder());
    const auto merkel = search(searcher, "Merkel");
    REQUIRE(merkel.hits.size() == 2);
    // Equal lengths once stopwords count for nothing: equal scores.
    CHECK(merkel.hits[0].score == Approx(merkel.hits[1].score).epsilon(1e-12));
    // A stopword in the query changes nothing, though only one article holds it.
    const auto die_merkel = search(searcher, "die Merkel");
    REQUIRE(die_merkel.hits.size() == 2);
    CHECK(hit_ids(die_merkel) == hit_ids(merkel));
    CHECK(die_merkel.hits[0].score == Approx(merkel.hits[0].score).epsilon(1e-12));
    CHECK(die_merkel.hits[1].score == Approx(merkel.hits[1].score).epsilon(1e-12));
}

TEST_CASE("Ranking: stopwords still work in phrases", "[search][ranking][stopwords]") {
    SmallIndex index({
        {{"id", "im"}, {"body", "Die Leistung im Rechnen ist hoch."}},
        {{"id", "und"}, {"body", "Die Leistung und Rechnen sind wichtig."}},
        {{"id", "adjacent"}, {"body", "Leistung Rechnen als Fach."}},
        {{"id", "partei"}, {"title", "Die Linke fordert mehr Geld"}, {"body", "Die Partei stellt ihr Programm vor."}},
        {{"id", "fluegel"}, {"body", "Der linke Flügel der Partei stellt ein Programm vor."}},
    });
    Searcher searcher(index.folder());
    CHECK(hit_id_set(search(searcher, "\"Leistung im Rechnen\"")) == std::set<std::string>{"im"});
    CHECK(hit_id_set(search(searcher, "\"Leistung und Rechnen\"")) == std::set<std::string>{"und"});
    CHECK(hit_id_set(search(searcher, "\"Die Linke\"")) == std::set<std::string>{"partei"});
    CHECK(hit_id_set(search(searcher, "title:\"Die Linke\"")) == std::set<std::string>{"partei"});
    // Without quotes the stopword is dropped: both articles with `linke`.
    CHECK(hit_id_set(search(searcher, "Die Linke")) == std::set<std::string>{"partei", "fluegel"});
}

TEST_CASE("Ranking: phrases match words, not parts of compounds", "[search][ranking][phrase]") {
    // Only a word's own term has positions (index/DocumentBuilder.h): phrases over words and
    // over the parts of hyphenated words work in every field; a compound's parts are words
    // of the article for plain queries, but not for phrases.
    SmallIndex index({
        {{"id", "compound"}, {"body", "Die Halbleiterindustrie Deutschlands wächst."}},
        {{"id", "words"}, {"title", "Die Industrie Deutschlands wächst"}, {"body", "Ein Bericht."}},
        {{"id", "hyphen"}, {"body", "Neue KI-Modelle kommen aus China."}},
    });
    Searcher searcher(index.folder());
    CHECK(hit_id_set(search(searcher, "\"Industrie Deutschlands\"")) == std::set<std::string>{"words"});
    CHECK(hit_id_set(search(searcher, "title:\"Industrie Deutschlands\"")) == std::set<std::string>{"words"});
    CHECK(hit_id_set(search(searcher, "Industrie Deutschlands")) == std::set<std::string>{"compound", "words"});
    CHECK(hit_id_set(search(searcher, "\"Halbleiterindustrie Deutschlands\"")) == std::set<std::string>{"compound"});
    // The parts of a hyphenated word keep their places: as a phrase, in either spelling.
    CHECK(hit_id_set(search(searcher, "\"KI Modelle kommen\"")) == std::set<std::string>{"hyphen"});
    CHECK(hit_id_set(search(searcher, "\"KI-Modelle kommen\"")) == std::set<std::string>{"hyphen"});
    CHECK(hit_id_set(search(searcher, "\"Modelle KI\"")).empty());
}

TEST_CASE("Ranking: the BM25 options reach the weighting scheme", "[search][ranking]") {
    // `long` holds the word twice in many words, `short` once in two.
    SmallIndex index({
        {{"id", "short"}, {"body", "Merkel Wetter"}},
        {{"id", "long"}, {"body", "Merkel Merkel " + kFiller + " " + kFiller + " " + kFiller + " " + kFiller}},
        {{"id", "other"}, {"body", kFiller}},
    });
    RankingOptions options;
    options.bm25_k1 = 1.2;
    options.bm25_b = 0;  // no length normalisation: two mentions win
    Searcher unnormalised(index.folder(), with_ranking(options));
    CHECK(hit_ids(search(unnormalised, "Merkel")) == std::vector<std::string>{"long", "short"});
    options.bm25_b = 1;  // full length normalisation: the short article wins
    Searcher normalised(index.folder(), with_ranking(options));
    CHECK(hit_ids(search(normalised, "Merkel")) == std::vector<std::string>{"short", "long"});

    const double plain = search(normalised, "Merkel").hits.at(0).score;
    options.bm25_plus_delta = 1;
    Searcher plus(index.folder(), with_ranking(options));
    CHECK(search(plus, "Merkel").hits.at(0).score > plain);
    CHECK(lupe::weighting(options)->name() == "Xapian::BM25PlusWeight");
    CHECK(lupe::weighting(RankingOptions{})->name() == "Xapian::BM25Weight");
}

TEST_CASE("Ranking: the proximity bonus pairs neighbouring words of one field only", "[search][ranking]") {
    RankingOptions options;
    options.proximity_weight = 2;
    options.proximity_window = 5;
    using Q = Xapian::Query;
    const Q leistung("leistung"), rechnen("rechnen"), hafen("hafen");

    CHECK(lupe::proximity_bonus(leistung, options).empty());
    const Q two(Q::OP_OR, leistung, rechnen);
    const Q bonus = lupe::proximity_bonus(two, options);
    REQUIRE(bonus.get_type() == Q::OP_SCALE_WEIGHT);
    CHECK(bonus.get_description().find("leistung NEAR 5 rechnen") != std::string::npos);

    // A negated word pairs with nothing; a title word not with a body word.
    const Q negated(Q::OP_AND_NOT, Q(Q::OP_OR, leistung, rechnen), hafen);
    CHECK(lupe::proximity_bonus(negated, options).get_description().find("hafen") == std::string::npos);
    CHECK(lupe::proximity_bonus(Q(Q::OP_OR, Q("Sleistung"), rechnen), options).empty());
    CHECK_FALSE(lupe::proximity_bonus(Q(Q::OP_OR, Q("Sleistung"), Q("Srechnen")), options).empty());
    // Boolean filter terms are no words.
    CHECK(lupe::proximity_bonus(Q(Q::OP_FILTER, leistung, Q("XSspiegel")), options).empty());

    options.proximity_weight = 0;
    CHECK(lupe::proximity_bonus(two, options).empty());
}
