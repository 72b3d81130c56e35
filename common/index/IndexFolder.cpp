#include "index/IndexFolder.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

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

namespace fs = std::filesystem;

bool is_sharded(const std::string& folder) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(folder) / kStubFile, ec);
}

// The shard names listed in a stub file ("auto shard-0" per line), in order.
std::vector<std::string> stub_entries(const std::string& folder) {
    std::ifstream in(fs::path(folder) / kStubFile);
    if (!in) throw IndexError(folder + ": cannot read " + kStubFile);
    std::vector<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string type;
        std::string name;
        if (!(words >> type)) continue;
        if (type == "#") continue;
        if (!(words >> name) || type != "auto") {
            throw IndexError(folder + ": unexpected line in " + kStubFile + ": " + line);
        }
        names.push_back(name);
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (names[k] != "shard-" + std::to_string(k)) {
            throw IndexError(folder + ": " + kStubFile + " does not list shard-0 ... shard-" +
                             std::to_string(names.size() - 1) + " in order");
        }
    }
    if (names.empty()) throw IndexError(folder + ": " + kStubFile + " lists no shards");
    return names;
}

}  // namespace

unsigned shard_of(std::string_view id, unsigned shards) {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a offset basis
    for (const unsigned char c : id) {
        hash ^= c;
        hash *= 1099511628211ULL;  // FNV prime
    }
    return shards <= 1 ? 0 : static_cast<unsigned>(hash % shards);
}

std::string shard_folder(const std::string& folder, unsigned shard) {
    return (fs::path(folder) / ("shard-" + std::to_string(shard))).string();
}

unsigned shard_count(const std::string& folder) {
    if (is_sharded(folder)) return static_cast<unsigned>(stub_entries(folder).size());
    std::error_code ec;
    if (fs::exists(fs::path(folder) / "iamglass", ec) || fs::exists(fs::path(folder) / "iamchert", ec)) {
        return 1;
    }
    return 0;
}

std::vector<std::string> shard_folders(const std::string& folder) {
    const unsigned n = shard_count(folder);
    if (n <= 1) return {folder};
    std::vector<std::string> out;
    for (unsigned k = 0; k < n; ++k) out.push_back(shard_folder(folder, k));
    return out;
}

unsigned prepare_shards(const std::string& folder, unsigned requested) {
    const unsigned existing = shard_count(folder);
    if (existing > 0) {
        if (requested != 0 && requested != existing) {
            throw IndexError(folder + ": the index has " + std::to_string(existing) +
                             (existing == 1 ? " shard" : " shards") + ", not " + std::to_string(requested) +
                             " (leave out --shards to add to it, or index into a new folder)");
        }
        return existing;
    }
    const unsigned shards = requested == 0 ? 1 : requested;
    if (shards == 1) return 1;
    for (unsigned k = 0; k < shards; ++k) open_index_for_writing(shard_folder(folder, k));
    const fs::path stub = fs::path(folder) / kStubFile;
    const fs::path temporary = fs::path(folder) / (std::string(kStubFile) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (unsigned k = 0; k < shards; ++k) out << "auto shard-" << k << '\n';
        if (!out.flush()) throw IndexError(folder + ": cannot write " + kStubFile);
    }
    std::error_code ec;
    fs::rename(temporary, stub, ec);
    if (ec) throw IndexError(folder + ": cannot write " + kStubFile + ": " + ec.message());
    return shards;
}

std::string current_analyzer_fingerprint() {
    static const std::string fingerprint = [] {
        analysis::GermanAnalyzer analyzer;
        return analyzer.fingerprint();
    }();
    return fingerprint;
}

Xapian::WritableDatabase open_index_for_writing(const std::string& folder) {
    if (is_sharded(folder)) {
        throw IndexError(folder + ": index is sharded; open its shards one by one for writing");
    }
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
        if (!is_sharded(folder)) {
            Xapian::Database db(folder);
            check_versions(db, folder);
            return db;
        }
        // Check every shard, then open the folder through its stub file, so reopen() and
        // Xapian's own tools see the same database.
        const auto names = stub_entries(folder);
        for (unsigned k = 0; k < names.size(); ++k) {
            const std::string shard = shard_folder(folder, k);
            check_versions(Xapian::Database(shard), shard);
        }
        Xapian::Database db(folder);
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
