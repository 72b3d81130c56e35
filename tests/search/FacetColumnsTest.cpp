// FacetColumns + FacetCounter (through Searcher and directly) against Xapian's own
// ValueCountMatchSpy, run over the same query with that facet's own filter left out.
#include <catch2/catch.hpp>

#include <map>
#include <optional>

#include "analysis/GermanAnalyzer.h"
#include "index/IndexPipeline.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "search/FacetColumns.h"
#include "search/FacetCounter.h"
#include "search/MatchSet.h"
#include "search/FixtureIndex.h"
#include "search/QueryBuilder.h"
#include "search/Searcher.h"

using lupe::Facet;
using lupe::SearchRequest;
using lupe::Searcher;
using lupe::test::search_fixture;

namespace {

using Counts = std::map<std::string, std::uint64_t>;

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(lupe::schema::filter_term(prefix, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The request's filters, without those `facet` ignores (nullopt: all of them).
Xapian::Query filters(const SearchRequest& r, std::optional<Facet> facet) {
    std::vector<Xapian::Query> parts{Xapian::Query::MatchAll};
    if (!r.sources.empty() && facet != Facet::Source) parts.push_back(any_of(lupe::schema::kSourcePrefix, r.sources));
    if (!r.topics.empty() && facet != Facet::Topic) parts.push_back(any_of(lupe::schema::kTopicPrefix, r.topics));
    if ((r.from || r.to) && facet != Facet::Month && facet != Facet::Year) {
        parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, lupe::schema::kDateSlot,
                           r.from ? r.from->compact() : "00000000", r.to ? r.to->compact() : "99999999");
    }
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// Xapian's reference: BM25, every match checked, ValueCountMatchSpy on the facet's slot.
struct Reference {
    std::uint64_t total = 0;
    std::map<Facet, Counts> facets;
};

Reference reference(const Xapian::Database& db, const SearchRequest& r) {
    lupe::analysis::GermanAnalyzer analyzer;
    lupe::QueryBuilder builder(db, analyzer);
    const Xapian::Query text = builder.build(r.query);
    const Xapian::doccount all = std::max<Xapian::doccount>(1, db.get_doccount());
    Reference ref;
    {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, filters(r, std::nullopt)));
        ref.total = enquire.get_mset(0, 10, all).get_matches_estimated();
    }
    for (const Facet facet : r.facets) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, filters(r, facet)));
        Xapian::ValueCountMatchSpy spy(facet == Facet::Source  ? lupe::schema::kSourceSlot
                                       : facet == Facet::Topic ? lupe::schema::kTopicSlot
                                                               : lupe::schema::kMonthSlot);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 10, all);
        Counts counts;
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
            counts[facet == Facet::Year ? (*it).substr(0, 4) : *it] += it.get_termfreq();
        }
        ref.facets[facet] = counts;
    }
    return ref;
}

Counts as_map(const std::vector<lupe::FacetCount>& counts) {
    Counts out;
    for (const auto& c : counts) out[c.value] = c.count;
    return out;
}

void check_against_reference(Searcher& searcher, const SearchRequest& request) {
    const Reference ref = reference(searcher.database(), request);
    const auto result = searcher.search(request);
    CHECK(result.total == ref.total);
    CHECK(result.total_exact);
    REQUIRE(result.facets.size() == request.facets.size());
    for (const auto& facet : result.facets) {
        INFO("facet " << lupe::facet_name(facet.facet));
        CHECK(as_map(facet.counts) == ref.facets.at(facet.facet));
    }
}

struct Row {
    const char* query;
    std::vector<std::string> sources;
    std::vector<std::string> topics;
    const char* from;
    const char* to;
    std::vector<Facet> facets;
};

const std::vector<Row>& rows() {
    static const std::vector<Row> kRows = {
        {"", {}, {}, nullptr, nullptr, {Facet::Source, Facet::Topic, Facet::Month, Facet::Year}},
        {"Analysten", {}, {}, nullptr, nullptr, {Facet::Source, Facet::Topic, Facet::Month}},
        {"Chipfabrik OR Sanktionen", {"Heise", "zeit"}, {}, nullptr, nullptr, {Facet::Source, Facet::Month}},
        {"", {"Spiegel"}, {"Wirtschaft", "Technik"}, "2023", "2024-06", {Facet::Topic, Facet::Year}},
        {"Analysten -Intel", {}, {"Politik"}, "2024", nullptr, {Facet::Source, Facet::Topic, Facet::Month, Facet::Year}},
        {"", {"Tagesschau"}, {"Politik"}, nullptr, "2024-03-15", {Facet::Month}},
        {"Regierung", {}, {}, nullptr, nullptr, {Facet::Year, Facet::Source}},
        {"", {"NoSuchSource"}, {}, nullptr, nullptr, {Facet::Topic}},  // nothing matches
    };
    return kRows;
}

SearchRequest request_of(const Row& row) {
    SearchRequest r;
    r.query = row.query;
    r.sources = row.sources;
    r.topics = row.topics;
    if (row.from) r.from = lupe::parse_date_bound(row.from, false, "from");
    if (row.to) r.to = lupe::parse_date_bound(row.to, true, "to");
    r.facets = row.facets;
    return r;
}

std::string describe(const Row& row) {
    return std::string("query '") + row.query + "', " + std::to_string(row.sources.size()) + " sources, " +
           std::to_string(row.topics.size()) + " topics, from " + (row.from ? row.from : "-") + " to " +
           (row.to ? row.to : "-");
}

}  // namespace

TEST_CASE("Facet counts equal ValueCountMatchSpy's, with loaded and with lazily read columns", "[search][facets]") {
    const bool keep = GENERATE(true, false);
    Searcher searcher(search_fixture().folder());
    searcher.set_facet_columns(keep);
    for (const Row& row : rows()) {
        INFO(describe(row) << (keep ? ", loaded columns" : ", lazy columns"));
        check_against_reference(searcher, request_of(row));
    }
}

TEST_CASE("Facet columns follow a reopen to new, replaced and deleted articles", "[search][facets]") {
    lupe::test::TempDir dir;
    const auto index = [&](const std::string& jsonl) {
        lupe::IndexPipelineOptions options;
        options.folder = (dir / "index").string();
        options.threads = 1;
        lupe::index_inputs({jsonl}, options);
    };
    index(lupe::test::search_fixture_path().string());
    Searcher searcher((dir / "index").string());
    const SearchRequest all = request_of(rows()[0]);
    check_against_reference(searcher, all);  // loads the columns
    const auto before = searcher.search(all);

    // A new source, a new month, and an article moved to another source.
    const auto& first = search_fixture().articles().front();
    lupe::test::write_file(dir / "more.jsonl",
                           R"({"id": "neu-1", "title": "Analysten loben Neuquelle", "body": "Analysten sind zufrieden.", )"
                           R"("source": "Neuquelle", "topic": "Technik", "date": "2026-11-02"})"
                           "\n"
                           R"({"id": "neu-2", "title": "Zweiter Artikel", "body": "Noch mehr Analysten.", )"
                           R"("source": "Neuquelle", "topic": "Kultur", "date": "2026-11-03"})"
                           "\n"
                           R"({"id": ")" + first.id + R"(", "title": "Ersetzt", "body": "Analysten ersetzt.", )"
                           R"("source": "Neuquelle", "topic": "Sport", "date": "2026-10-01"})"
                           "\n");
    index((dir / "more.jsonl").string());
    {
        lupe::IndexWriter writer((dir / "index").string());
        REQUIRE(writer.remove(search_fixture().articles().back().id));
        writer.commit();
    }
    REQUIRE(searcher.reopen());
    const auto after = searcher.search(all);
    CHECK(after.total == before.total + 1);  // two added, one deleted, one replaced
    for (const Row& row : rows()) {
        INFO(describe(row));
        check_against_reference(searcher, request_of(row));
    }
    const auto sources = as_map(after.facets.at(0).counts);
    CHECK(sources.at("Neuquelle") == 3);
    CHECK_FALSE(searcher.reopen());  // nothing new: the columns stay
}

TEST_CASE("Facets over a combined database count right (columns read per match)", "[search][facets]") {
    // The fixture twice, as one Database: docids 1, 3, 5, ... are the first copy's.
    Xapian::Database combined(search_fixture().folder());
    combined.add_database(Xapian::Database(search_fixture().folder()));
    lupe::FacetColumns columns = lupe::FacetColumns::load(combined);
    CHECK_FALSE(columns.loaded());  // several shards: lazy
    for (const Row& row : rows()) {
        INFO(describe(row));
        const SearchRequest request = request_of(row);
        const Reference ref = reference(combined, request);
        const lupe::FacetPass pass = lupe::plan_facet_pass(request);

        lupe::analysis::GermanAnalyzer analyzer;
        lupe::QueryBuilder builder(combined, analyzer);
        Xapian::Enquire enquire(combined);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, builder.build(request.query),
                                        filters(pass.pushed, std::nullopt)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        lupe::FacetCounter counter(columns, pass.checks, request.facets);
        enquire.add_matchspy(&counter);
        enquire.get_mset(0, 0, combined.get_doccount());
        CHECK(counter.total() == ref.total);
        for (const Facet facet : request.facets) {
            INFO("facet " << lupe::facet_name(facet));
            CHECK(as_map(counter.counts(facet)) == ref.facets.at(facet));
        }
    }
}

TEST_CASE("Columns read for a match set hold the set's rows of the fields asked, nothing else", "[search][facets]") {
    const Xapian::Database db(search_fixture().folder());
    lupe::FacetColumns all = lupe::FacetColumns::load(db);
    REQUIRE(all.loaded());
    lupe::DocSet set(db.get_lastdocid());
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); id += 3) set.insert(id);
    const std::array<bool, lupe::kFacetFields> fields = {true, false, true, false};  // source, month
    lupe::FacetColumns part = lupe::FacetColumns::load(db, set, fields);
    REQUIRE(part.loaded());
    int with_source = 0;
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
        INFO("docid " << id);
        const lupe::FacetRow want = all.row(db, id), got = part.row(db, id);
        for (std::size_t f = 0; f < lupe::kFacetFields; ++f) {
            const auto field = static_cast<lupe::FacetField>(f);
            const std::string expected = set.contains(id) && fields[f] ? all.value(field, want.ordinal[f]) : "";
            CHECK(part.value(field, got.ordinal[f]) == expected);
        }
        with_source += set.contains(id) && got.ordinal[0] != 0;
    }
    CHECK(with_source > 3);
}

TEST_CASE("Without facets the total is exact for few matches, and on request", "[search][facets]") {
    Searcher searcher(search_fixture().folder());
    SearchRequest request;
    request.query = "Analysten";
    request.limit = 1;
    const auto estimated = searcher.search(request);
    CHECK(estimated.total == search_fixture().ids_with_word("Analysten").size());  // < kExactTotalBelow
    CHECK(estimated.total_exact);
    request.exact_total = true;
    const auto exact = searcher.search(request);
    CHECK(exact.total == estimated.total);
    CHECK(exact.total_exact);
}
