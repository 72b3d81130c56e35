// xapian-baseline: the raw "Xapian + Snowball" baseline on the eval sets, as an application
// would write it from Xapian's documentation: TermGenerator and QueryParser with
// Xapian::Stem("german"), STEM_SOME, positions, OR of the query words, BM25Weight defaults.
// No stopwords, no normalisation beyond Xapian's own, no field weights.
// `--stemming all` measures the other term layout issue 6 asks about: stemmed terms only, with
// positions (no unstemmed terms), indexed and searched with STEM_ALL.
#include <map>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "EvalSet.h"
#include "Evaluation.h"

namespace lupe::bench {
namespace {

// The layouts compared: STEM_SOME (Xapian's default for applications: every word unstemmed
// with positions, plus a Z-prefixed stem without positions) or STEM_ALL (the stem only, with
// positions; queries stemmed the same way).
enum class Stemming { Some, All };

class XapianEngine : public Engine {
public:
    explicit XapianEngine(Stemming stemming) : stemming_(stemming) {}

    std::string name() const override {
        return stemming_ == Stemming::Some ? "Xapian+Snowball" : "Xapian+Snowball (STEM_ALL)";
    }

    std::size_t build_index(const std::string& passages_path, const std::string& folder) override {
        {
            Xapian::WritableDatabase db(folder, Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator generator;
            generator.set_stemmer(stem_);
            generator.set_stemming_strategy(stemming_ == Stemming::Some ? Xapian::TermGenerator::STEM_SOME
                                                                        : Xapian::TermGenerator::STEM_ALL);
            for (const Passage& passage : load_passages(passages_path)) {
                Xapian::Document doc;
                generator.set_document(doc);
                generator.index_text(passage.body);
                doc.set_data(passage.id);
                doc.add_boolean_term("Q" + passage.id);
                db.replace_document("Q" + passage.id, doc);
            }
            db.commit();
        }
        db_.emplace(folder);
        parser_.set_database(*db_);
        parser_.set_stemmer(stem_);
        parser_.set_stemming_strategy(stemming_ == Stemming::Some ? Xapian::QueryParser::STEM_SOME
                                                                  : Xapian::QueryParser::STEM_ALL);
        parser_.set_default_op(Xapian::Query::OP_OR);
        return db_->get_doccount();
    }

    std::vector<std::string> search(const std::string& text) override {
        Xapian::Query query;
        try {
            query = parser_.parse_query(text);  // FLAG_DEFAULT
        } catch (const Xapian::QueryParserError&) {
            query = parser_.parse_query(text, 0);  // what an application would retry with
        }
        Xapian::Enquire enquire(*db_);
        enquire.set_query(query);  // BM25Weight with its default parameters
        const Xapian::MSet mset = enquire.get_mset(0, 100);
        std::vector<std::string> ids;
        for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
        return ids;
    }

    void close() override { db_.reset(); }

private:
    Stemming stemming_;
    Xapian::Stem stem_{"german"};
    std::optional<Xapian::Database> db_;
    Xapian::QueryParser parser_;
};

}  // namespace
}  // namespace lupe::bench

int main(int argc, char** argv) {
    CLI::App app{"xapian-baseline: MRR@10, Recall@10/100 and nDCG@10 of raw Xapian + Snowball on eval sets",
                 "xapian-baseline"};
    lupe::bench::BenchOptions options;
    lupe::bench::add_bench_options(app, options);
    lupe::bench::Stemming stemming = lupe::bench::Stemming::Some;
    app.add_option("--stemming", stemming,
                   "Term layout: some (STEM_SOME: unstemmed words with positions plus stems) or all "
                   "(STEM_ALL: stems only, with positions)")
        ->transform(CLI::CheckedTransformer(std::map<std::string, lupe::bench::Stemming>{
            {"some", lupe::bench::Stemming::Some}, {"all", lupe::bench::Stemming::All}}))
        ->capture_default_str();
    return lupe::bench::run_program(app, options, argc, argv,
                                    [&] { return std::make_unique<lupe::bench::XapianEngine>(stemming); });
}
