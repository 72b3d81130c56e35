#include <catch2/catch.hpp>

#include <string>

#include <xapian.h>

#include "index/DocumentBuilder.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "support/TestSupport.h"

using lupe::Article;
using lupe::DocumentBuilder;
using lupe::IndexWriter;
using lupe::PutOutcome;
using lupe::test::TempDir;

namespace {

Article article(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "Artikel " + id;
    a.body = body;
    return a;
}

std::string stored_body(const Xapian::Database& db, const std::string& id) {
    const std::string term = lupe::schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return {};
    return lupe::decode_stored_article(db.get_document(*it).get_data()).body;
}

}  // namespace

TEST_CASE("IndexWriter keeps one document per id", "[index][writer]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    IndexWriter writer(folder);
    CHECK(writer.put("a", builder.build(article("a", "Erster Text."))) == PutOutcome::Added);
    CHECK(writer.put("b", builder.build(article("b", "Anderer Text."))) == PutOutcome::Added);
    CHECK(writer.put("a", builder.build(article("a", "Erster Text."))) == PutOutcome::Unchanged);
    CHECK(writer.doc_count() == 2);
    CHECK(writer.put("a", builder.build(article("a", "Geänderter Text."))) == PutOutcome::Replaced);
    CHECK(writer.doc_count() == 2);
    writer.commit();

    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 2);
    CHECK(db.get_termfreq("Qa") == 1);
    CHECK(stored_body(db, "a") == "Geänderter Text.");
    CHECK_FALSE(db.term_exists("erst"));
    CHECK(db.term_exists(builder.analyzer().term("Geänderter")));
}

TEST_CASE("IndexWriter removes documents by id", "[index][writer]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    IndexWriter writer(folder);
    writer.put("a", builder.build(article("a", "Text eins.")));
    writer.put("b", builder.build(article("b", "Text zwei.")));
    CHECK(writer.remove("a"));
    CHECK_FALSE(writer.remove("a"));
    CHECK_FALSE(writer.remove("unbekannt"));
    CHECK(writer.doc_count() == 1);
    writer.commit();
    const Xapian::Database db(folder);
    CHECK_FALSE(db.term_exists("Qa"));
    CHECK(db.term_exists("Qb"));
}

TEST_CASE("IndexWriter's work survives closing and reopening", "[index][writer]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    {
        IndexWriter writer(folder);
        writer.put("a", builder.build(article("a", "Text eins.")));
        writer.commit();
        writer.put("b", builder.build(article("b", "Text zwei.")));
        // No explicit commit: the destructor commits.
    }
    {
        IndexWriter writer(folder);
        CHECK(writer.doc_count() == 2);
        CHECK(writer.put("a", builder.build(article("a", "Text eins."))) == PutOutcome::Unchanged);
        CHECK(writer.put("b", builder.build(article("b", "Text drei."))) == PutOutcome::Replaced);
    }
    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 2);
    CHECK(stored_body(db, "b") == "Text drei.");
}

TEST_CASE("IndexWriter commits every batch_size changes", "[index][writer]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    IndexWriter writer(folder, lupe::IndexWriterOptions{2});
    writer.put("a", builder.build(article("a", "Eins.")));
    writer.put("b", builder.build(article("b", "Zwei.")));
    writer.put("c", builder.build(article("c", "Drei.")));
    // A reader sees the committed batch only.
    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 2);
}

TEST_CASE("IndexWriter handles ids of any length", "[index][writer]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    DocumentBuilder builder;
    const std::string long_id = "https://example.org/" + std::string(400, 'x');
    const std::string other_long_id = long_id + "y";
    {
        IndexWriter writer(folder);
        CHECK(writer.put(long_id, builder.build(article(long_id, "Lang."))) == PutOutcome::Added);
        CHECK(writer.put(other_long_id, builder.build(article(other_long_id, "Länger."))) ==
              PutOutcome::Added);
        CHECK(writer.put(long_id, builder.build(article(long_id, "Lang."))) == PutOutcome::Unchanged);
        CHECK(writer.put(long_id, builder.build(article(long_id, "Neu."))) == PutOutcome::Replaced);
        CHECK(writer.doc_count() == 2);
        CHECK(writer.remove(other_long_id));
        CHECK(writer.doc_count() == 1);
    }
    const Xapian::Database db(folder);
    CHECK(db.get_doccount() == 1);
    CHECK(stored_body(db, long_id) == "Neu.");
    CHECK(stored_body(db, other_long_id).empty());
}
