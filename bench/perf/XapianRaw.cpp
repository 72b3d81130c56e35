// xapian-raw: the raw Xapian baseline of the performance benchmark, written as an application
// would write it from Xapian's documentation, with the fields and facet values Lupe stores.
//
//   xapian-raw index --corpus FILE.jsonl --index DIR
//       one thread, one TermGenerator: Snowball "german", STEM_SOME, positions; title also as
//       S-terms, lead as XL-terms (Xapian's prefix convention); boolean terms Q (id), XS/XT
//       (source/topic, lower case), Y/M/D (year/month/day); values 0 date YYYYMMDD, 1 source,
//       2 topic, 3 month YYYY-MM (Lupe's slots); the JSON line as document data; every
//       article through replace_document(Q-term) (adding twice replaces, as in Lupe); Xapian's
//       default flush threshold, one commit at the end.
//   xapian-raw query --index DIR --queries queries.jsonl [--limit-queries 1000] [--mixes ...]
//       QueryParser with the same stemmer, STEM_SOME, default OP_OR, FLAG_DEFAULT (plain words
//       again on a parse error); BM25Weight defaults; top 10 with their document data read.
//       topic mix: OP_FILTER with the XT-term; facets mix: a ValueCountMatchSpy per slot 1, 2
//       and 3 with check_at_least = document count (exact counts over every match).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "QueryMix.h"

namespace lupe::bench {
namespace {

std::string field(const nlohmann::json& article, const char* name) {
    const auto it = article.find(name);
    return it != article.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int run_index(const std::string& corpus, const std::string& folder) {
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(corpus);
    if (!in) throw std::runtime_error("cannot read " + corpus);
    Xapian::WritableDatabase db(folder, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("german"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::string line;
    std::size_t docs = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const nlohmann::json article = nlohmann::json::parse(line);
        const std::string id = field(article, "id"), title = field(article, "title"),
                          lead = field(article, "lead"), body = field(article, "body"),
                          source = field(article, "source"), topic = field(article, "topic"),
                          date = field(article, "date");  // YYYY-MM-DD
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(title, 1, "S");
        generator.index_text(lead, 1, "XL");
        generator.index_text(title);
        generator.increase_termpos();
        generator.index_text(lead);
        generator.increase_termpos();
        generator.index_text(body);

        const std::string id_term = "Q" + id;
        doc.add_boolean_term(id_term);
        if (!source.empty()) doc.add_boolean_term("XS" + Xapian::Unicode::tolower(source));
        if (!topic.empty()) doc.add_boolean_term("XT" + Xapian::Unicode::tolower(topic));
        if (date.size() == 10) {
            const std::string compact = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
            doc.add_boolean_term("Y" + compact.substr(0, 4));
            doc.add_boolean_term("M" + compact.substr(0, 6));
            doc.add_boolean_term("D" + compact);
            doc.add_value(0, compact);
            doc.add_value(3, date.substr(0, 7));
        }
        doc.add_value(1, source);
        doc.add_value(2, topic);
        doc.set_data(line);
        db.replace_document(id_term, doc);
        ++docs;
    }
    db.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << nlohmann::json{{"engine", "xapian"}, {"docs", docs}, {"seconds", seconds}}.dump() << std::endl;
    return 0;
}

// Every topic of the index (value slot 2 over all documents), sorted.
std::vector<std::string> index_topics(const Xapian::Database& db) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy spy(2);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    std::vector<std::string> topics;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        if (!(*it).empty()) topics.push_back(*it);
    std::sort(topics.begin(), topics.end());
    return topics;
}

int run_query(const std::string& folder, const std::string& queries_path, std::size_t limit,
              const std::string& mixes) {
    const std::vector<std::string> queries = load_queries(queries_path, limit);
    Xapian::Database db(folder);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("german"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    const std::vector<std::string> topics = index_topics(db);

    for (const Mix mix : parse_mixes(mixes)) {
        const RunQuery run = [&](const std::string& text, const std::string& topic) {
            Xapian::Query query;
            try {
                query = parser.parse_query(text);  // FLAG_DEFAULT
            } catch (const Xapian::QueryParserError&) {
                query = parser.parse_query(text, 0);
            }
            if (!topic.empty())
                query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query("XT" + Xapian::Unicode::tolower(topic)));
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            QueryOutcome outcome;
            if (mix == Mix::Facets) {
                Xapian::ValueCountMatchSpy sources(1), topics_spy(2), months(3);
                enquire.add_matchspy(&sources);
                enquire.add_matchspy(&topics_spy);
                enquire.add_matchspy(&months);
                const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
                for (const Xapian::ValueCountMatchSpy* spy : {&sources, &topics_spy, &months}) {
                    std::vector<std::pair<std::string, Xapian::doccount>> counts;
                    for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
                        counts.emplace_back(*it, it.get_termfreq());
                }
                for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
                outcome = {mset.get_matches_estimated(), mset.size()};
            } else {
                const Xapian::MSet mset = enquire.get_mset(0, 10);
                for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
                outcome = {mset.get_matches_estimated(), mset.size()};
            }
            return outcome;
        };
        std::cout << run_mix("xapian", mix, queries, topics, run).json() << std::endl;
    }
    return 0;
}

}  // namespace
}  // namespace lupe::bench

int main(int argc, char** argv) try {
    CLI::App app{"xapian-raw: the raw Xapian + Snowball baseline (indexing and query latency)", "xapian-raw"};
    app.require_subcommand(1);
    std::string corpus, index, queries, mixes = "free,topic,facets";
    std::size_t limit = 1000;
    CLI::App* index_cmd = app.add_subcommand("index", "Index a JSONL corpus into a new database");
    index_cmd->add_option("--corpus", corpus, "JSON Lines articles (gen_corpus.py)")->required();
    index_cmd->add_option("--index", index, "Database folder (overwritten)")->required();
    CLI::App* query_cmd = app.add_subcommand("query", "Time the query mixes, one JSON line per mix");
    query_cmd->add_option("--index", index, "Database folder")->required();
    query_cmd->add_option("--queries", queries, "queries.jsonl")->required();
    query_cmd->add_option("--limit-queries", limit, "Use the first N queries")->capture_default_str();
    query_cmd->add_option("--mixes", mixes, "Comma list of free, topic, facets")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    if (*index_cmd) return lupe::bench::run_index(corpus, index);
    return lupe::bench::run_query(index, queries, limit, mixes);
} catch (const Xapian::Error& e) {
    std::cerr << "xapian-raw: " << e.get_description() << '\n';
    return 1;
} catch (const std::exception& e) {
    std::cerr << "xapian-raw: " << e.what() << '\n';
    return 1;
}
