// xapian-baseline: the raw "Xapian + Snowball" baseline on the eval sets, as an application
// would write it from Xapian's documentation: TermGenerator and QueryParser with
// Xapian::Stem("german"), STEM_SOME, positions, OR of the query words, BM25Weight defaults.
// No stopwords, no normalisation beyond Xapian's own, no field weights.
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "EvalSet.h"
#include "Evaluation.h"

namespace lupe::bench {
namespace {

class XapianEngine : public Engine {
public:
    std::string name() const override { return "Xapian+Snowball"; }

    std::size_t build_index(const std::string& passages_path, const std::string& folder) override {
        {
            Xapian::WritableDatabase db(folder, Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator generator;
            generator.set_stemmer(stem_);
            generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
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
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
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
    return lupe::bench::run_program(app, options, argc, argv,
                                    [] { return std::make_unique<lupe::bench::XapianEngine>(); });
}
