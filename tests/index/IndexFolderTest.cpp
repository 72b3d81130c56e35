#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <xapian.h>

#include "index/IndexFolder.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "support/TestSupport.h"

using lupe::IndexError;
using lupe::IndexLockedError;
using lupe::IndexNotFoundError;
using lupe::IndexVersionError;
using lupe::test::TempDir;
namespace schema = lupe::schema;

TEST_CASE("IndexFolder creates an index that records schema and analyzer", "[index][folder]") {
    TempDir dir;
    const std::string folder = (dir / "new/index").string();
    {
        auto db = lupe::open_index_for_writing(folder);
        db.commit();
    }
    CHECK(std::filesystem::is_directory(folder));
    const auto db = lupe::open_index_for_reading(folder);
    CHECK(db.get_metadata(schema::kMetaSchema) == std::string(schema::kSchemaVersion));
    CHECK(db.get_metadata(schema::kMetaAnalyzer) == lupe::current_analyzer_fingerprint());
    CHECK(lupe::current_analyzer_fingerprint().rfind("german-", 0) == 0);
}

TEST_CASE("IndexFolder refuses an index built with another analyzer", "[index][folder]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    {
        auto db = lupe::open_index_for_writing(folder);
        db.add_document(Xapian::Document());
        db.set_metadata(schema::kMetaAnalyzer, "german-0123456789abcdef");
        db.commit();
    }
    CHECK_THROWS_MATCHES(lupe::open_index_for_reading(folder), IndexVersionError,
                         Catch::Matchers::Predicate<IndexVersionError>(
                             [&](const IndexVersionError& e) {
                                 const std::string what = e.what();
                                 return what.find("re-index") != std::string::npos &&
                                        what.find(folder) != std::string::npos &&
                                        what.find("german-0123456789abcdef") != std::string::npos;
                             },
                             "names the folder, the old analyzer and says re-index"));
    CHECK_THROWS_AS(lupe::open_index_for_writing(folder), IndexVersionError);
    CHECK_THROWS_AS(lupe::IndexWriter(folder), IndexVersionError);
}

TEST_CASE("IndexFolder refuses an index with another schema version", "[index][folder]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    {
        auto db = lupe::open_index_for_writing(folder);
        db.set_metadata(schema::kMetaSchema, "0");
        db.commit();
    }
    try {
        lupe::open_index_for_reading(folder);
        FAIL("no IndexVersionError");
    } catch (const IndexVersionError& e) {
        CHECK_THAT(e.what(), Catch::Contains("re-index"));
    }
}

TEST_CASE("IndexFolder refuses a Xapian database that is not a Lupe index", "[index][folder]") {
    TempDir dir;
    const std::string folder = (dir / "other").string();
    {
        Xapian::WritableDatabase db(folder, Xapian::DB_CREATE);
        db.add_document(Xapian::Document());
        db.commit();
    }
    CHECK_THROWS_AS(lupe::open_index_for_reading(folder), IndexVersionError);
    CHECK_THROWS_AS(lupe::open_index_for_writing(folder), IndexVersionError);
}

TEST_CASE("IndexFolder reports a missing index", "[index][folder]") {
    TempDir dir;
    const std::string missing = (dir / "gibt-es-nicht").string();
    CHECK_THROWS_AS(lupe::open_index_for_reading(missing), IndexNotFoundError);
    CHECK_FALSE(std::filesystem::exists(missing));
    // An empty folder is not an index either.
    std::filesystem::create_directories(dir / "leer");
    CHECK_THROWS_AS(lupe::open_index_for_reading((dir / "leer").string()), IndexNotFoundError);
}

TEST_CASE("IndexFolder allows one writer at a time", "[index][folder]") {
    TempDir dir;
    const std::string folder = (dir / "index").string();
    lupe::IndexWriter first(folder);
    try {
        lupe::IndexWriter second(folder);
        FAIL("second writer opened");
    } catch (const IndexLockedError& e) {
        CHECK_THAT(e.what(), Catch::Contains(folder) && Catch::Contains("locked"));
    }
    // Readers are not blocked by the writer.
    CHECK_NOTHROW(lupe::open_index_for_reading(folder));
}

TEST_CASE("IndexFolder reports a folder it cannot create", "[index][folder]") {
    TempDir dir;
    lupe::test::write_file(dir / "datei", "kein Ordner");
    CHECK_THROWS_AS(lupe::open_index_for_writing((dir / "datei/index").string()), IndexError);
}
