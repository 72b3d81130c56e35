#include "index/IndexFolder.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
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

// The shards listed in a stub file, in order: "auto PATH" (relative to the folder) or
// "remote HOST:PORT" per line; blank lines and "#" comments are skipped.
std::vector<ShardSpec> stub_entries(const std::string& folder) {
    std::ifstream in(fs::path(folder) / kStubFile);
    if (!in) throw IndexError(folder + ": cannot read " + kStubFile);
    std::vector<ShardSpec> shards;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string type;
        std::string where;
        if (!(words >> type) || type[0] == '#') continue;
        const auto bad = [&](const std::string& why) {
            return IndexError(folder + ": " + why + " in " + kStubFile + ": " + line);
        };
        if (!(words >> where)) throw bad("unexpected line");
        ShardSpec shard;
        shard.name = where;
        if (type == "auto") {
            shard.path = fs::path(where).is_absolute() ? where : (fs::path(folder) / where).string();
        } else if (type == "remote") {
            const auto colon = where.rfind(':');
            if (colon == std::string::npos || colon == 0 || where[0] == ':') {
                throw bad("expected remote HOST:PORT (xapian-tcpsrv)");
            }
            shard.host = where.substr(0, colon);
            if (shard.host.size() > 2 && shard.host.front() == '[' && shard.host.back() == ']') {
                shard.host = shard.host.substr(1, shard.host.size() - 2);  // [IPv6]
            }
            const std::string port = where.substr(colon + 1);
            if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(port) == 0 || std::stoul(port) > 65535) {
                throw bad("bad port");
            }
            shard.port = static_cast<unsigned>(std::stoul(port));
        } else {
            throw bad("unexpected line");
        }
        shards.push_back(std::move(shard));
    }
    if (shards.empty()) throw IndexError(folder + ": " + kStubFile + " lists no shards");
    return shards;
}

// What kLockInfoFile holds: "pid <n>\nhost <name>\nsince <ISO time UTC>\n".
void write_lock_info(const std::string& folder) {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char since[32];
    std::strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S UTC", &utc);
    const fs::path path = fs::path(folder) / kLockInfoFile;
    std::ofstream out(path, std::ios::trunc);
    out << "pid " << ::getpid() << "\nhost " << host << "\nsince " << since << '\n';
    out.flush();
    // The owner file only explains a lock; a full disk is reported by the writes that matter.
}

bool same_host(const std::string& host) {
    char here[256] = {};
    if (::gethostname(here, sizeof here - 1) != 0) return false;
    return host == here;
}

std::string remote_name(const ShardSpec& shard) { return "remote shard " + shard.name; }

}  // namespace

void remove_lock_info(const std::string& folder) {
    std::error_code ec;
    fs::remove(fs::path(folder) / kLockInfoFile, ec);
}

std::string describe_lock_owner(const std::string& folder) {
    std::ifstream in(fs::path(folder) / kLockInfoFile);
    if (!in) return "";
    long pid = 0;
    std::string host;
    std::string since;
    std::string line;
    while (std::getline(in, line)) {
        const auto space = line.find(' ');
        if (space == std::string::npos) continue;
        const std::string key = line.substr(0, space);
        const std::string value = line.substr(space + 1);
        if (key == "pid") pid = std::strtol(value.c_str(), nullptr, 10);
        else if (key == "host") host = value;
        else if (key == "since") since = value;
    }
    if (pid <= 0) return "";
    std::string out = "pid " + std::to_string(pid);
    if (!host.empty()) out += " on " + host;
    if (!since.empty()) out += ", since " + since;
    if (same_host(host)) {
        const bool alive = ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
        out += alive ? " (still running)" : " (not running: the owner file is older than the lock)";
    }
    return out;
}

[[noreturn]] void throw_write_error(const std::string& folder, const Xapian::Error& error) {
    const char* reason = error.get_error_string();
    const auto is = [&](int code) { return reason && std::strcmp(reason, std::strerror(code)) == 0; };
    if (is(ENOSPC) || is(EDQUOT)) {
        throw IndexFullError(folder + ": disk full (" + reason +
                             "); the index keeps its last commit: free space and run lupe-index add "
                             "again to continue");
    }
    throw IndexError(folder + ": cannot write index: " + error.get_msg() + (reason ? std::string(" (") + reason + ")" : ""));
}

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
    std::vector<std::string> out;
    for (const auto& shard : index_shards(folder)) {
        if (!shard.remote()) out.push_back(shard.path);
    }
    return out;
}

std::vector<ShardSpec> index_shards(const std::string& folder) {
    if (is_sharded(folder)) return stub_entries(folder);
    ShardSpec single;
    single.name = folder;
    single.path = folder;
    return {single};
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
        write_lock_info(folder);
        return db;
    } catch (const Xapian::DatabaseLockError&) {
        const std::string owner = describe_lock_owner(folder);
        throw IndexLockedError(folder + ": index is locked by another writer (" +
                               (owner.empty() ? "another lupe-index" : "lupe-index " + owner) +
                               "); try again when it has finished");
    } catch (const Xapian::DatabaseError& e) {
        if (e.get_error_string()) throw_write_error(folder, e);
        throw IndexError(folder + ": cannot open index for writing: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError(folder + ": cannot open index for writing: " + e.get_msg());
    } catch (const std::filesystem::filesystem_error& e) {
        throw IndexError(folder + ": cannot create index folder: " + e.code().message());
    }
}

Xapian::Database open_shard_for_reading(const ShardSpec& shard, const RemoteTimeouts& timeouts) {
    if (!shard.remote()) {
        Xapian::Database db(shard.path);
        check_versions(db, shard.path);
        return db;
    }
    try {
        Xapian::Database db = Xapian::Remote::open(shard.host, shard.port, timeouts.timeout_ms,
                                                   timeouts.connect_timeout_ms);
        check_versions(db, remote_name(shard));
        return db;
    } catch (const Xapian::NetworkError& e) {
        throw ShardUnavailableError(remote_name(shard) + " did not answer: " + e.get_msg());
    }
}

Xapian::WritableDatabase open_shard_for_writing(const ShardSpec& shard, const RemoteTimeouts& timeouts) {
    if (!shard.remote()) return open_index_for_writing(shard.path);
    try {
        // No timeout on operations (Xapian's default for writers): a commit may take long.
        Xapian::WritableDatabase db = Xapian::Remote::open_writable(shard.host, shard.port, 0,
                                                                    timeouts.connect_timeout_ms);
        check_versions(db, remote_name(shard));
        if (db.get_metadata(schema::kMetaSchema).empty()) {
            db.set_metadata(schema::kMetaSchema, std::string(schema::kSchemaVersion));
            db.set_metadata(schema::kMetaAnalyzer, current_analyzer_fingerprint());
        }
        return db;
    } catch (const Xapian::NetworkError& e) {
        throw ShardUnavailableError(remote_name(shard) + " did not answer (is it served with "
                                    "xapian-tcpsrv --writable?): " + e.get_msg());
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLockedError(remote_name(shard) + ": locked by another writer");
    } catch (const Xapian::Error& e) {
        throw IndexError(remote_name(shard) + ": cannot open for writing: " + e.get_msg());
    }
}

Xapian::Database open_index_for_reading(const std::string& folder, const RemoteTimeouts& timeouts) {
    try {
        if (!is_sharded(folder)) {
            Xapian::Database db(folder);
            check_versions(db, folder);
            return db;
        }
        // Every shard opened (and checked) on its own, remote ones with explicit timeouts;
        // combined they are the same database Xapian opens from the stub file.
        Xapian::Database db;
        for (const auto& shard : stub_entries(folder)) db.add_database(open_shard_for_reading(shard, timeouts));
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
