#include "index/IndexFolder.h"

#include <filesystem>

#include "analysis/GermanAnalyzer.h"
#include "index/Schema.h"

namespace lupe {
namespace {

void check_versions(const Xapian::Database& db, const std::string& folder) {
    const std::string schema_version = db.get_metadata(schema::kMetaSchema);
    const std::string analyzer = db.get_metadata(schema::kMetaAnalyzer);
    if (schema_version.empty() && db.get_doccount() == 0) return;  // fresh index
    if (schema_version.empty()) {
        throw IndexVersionError(folder + ": not a Lupe index (no schema version recorded)");
    }
    if (schema_version != schema::kSchemaVersion) {
        throw IndexVersionError(folder + ": index schema " + schema_version + ", this program uses " +
                                std::string(schema::kSchemaVersion) +
                                ": re-index needed (remove the folder and run lupe-index add)");
    }
    if (analyzer != current_analyzer_fingerprint()) {
        throw IndexVersionError(folder + ": index built with analyzer '" + analyzer +
                                "', this program uses '" + current_analyzer_fingerprint() +
                                "': re-index needed (remove the folder and run lupe-index add)");
    }
}

}  // namespace

std::string current_analyzer_fingerprint() {
    static const std::string fingerprint = [] {
        analysis::GermanAnalyzer analyzer;
        return analyzer.fingerprint();
    }();
    return fingerprint;
}

Xapian::WritableDatabase open_index_for_writing(const std::string& folder) {
    try {
        std::filesystem::create_directories(folder);
        Xapian::WritableDatabase db(folder, Xapian::DB_CREATE_OR_OPEN);
        check_versions(db, folder);
        if (db.get_metadata(schema::kMetaSchema).empty()) {
            db.set_metadata(schema::kMetaSchema, std::string(schema::kSchemaVersion));
            db.set_metadata(schema::kMetaAnalyzer, current_analyzer_fingerprint());
        }
        return db;
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLockedError(folder + ": index is locked by another writer (another "
                               "lupe-index is running on it); try again when it has finished");
    } catch (const Xapian::Error& e) {
        throw IndexError(folder + ": cannot open index for writing: " + e.get_msg());
    } catch (const std::filesystem::filesystem_error& e) {
        throw IndexError(folder + ": cannot create index folder: " + e.code().message());
    }
}

Xapian::Database open_index_for_reading(const std::string& folder) {
    try {
        Xapian::Database db(folder);
        check_versions(db, folder);
        return db;
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw IndexNotFoundError(folder + ": no index here (create one with lupe-index add)");
    } catch (const Xapian::DatabaseOpeningError&) {
        throw IndexNotFoundError(folder + ": no index here (create one with lupe-index add)");
    } catch (const Xapian::Error& e) {
        throw IndexError(folder + ": cannot open index: " + e.get_msg());
    }
}

}  // namespace lupe
