#pragma once
// IndexFolder: opening an index folder for reading or writing, with its version check.
//
// Contract: an index records the schema version and the analyzer fingerprint it was built
// with (Xapian metadata). Opening an index built with another schema or analyzer throws
// IndexVersionError ("re-index needed") instead of silently matching the wrong terms.
// A folder that is not a Lupe index, a locked index and other failures throw IndexError
// subclasses whose message names the folder and the reason (never a Xapian internal).
//
// Layout. A single index is one Xapian database in the folder itself. A sharded index
// (`lupe-index add --shards N`, N > 1) is N databases `shard-0` ... `shard-<N-1>` in the folder
// plus a Xapian stub file `XAPIANDB` listing them, so Xapian (and xapian-delve, quest) opens
// the folder as one database. An article lives in shard `shard_of(id, N)`; every shard holds
// the schema version and analyzer fingerprint. The spelling table ("did you mean",
// completions) is one per index, in the first local shard (shard-0 of `--shards N`) with the
// counts of every shard's articles: Xapian 1.4 merges several tables so that a word in several
// of them counts more than once, which changed corrections (ShardedWriter, IndexWriter.h).
//
// Remote shards. The stub file may also list shards served by `xapian-tcpsrv` elsewhere, one
// `remote HOST:PORT` line each (Xapian's stub format; `auto PATH` lines are local shards,
// PATH relative to the folder). Shard k is the k-th line, for routing as for reading. Such a
// folder is written by hand (see README, "Scaling out"); `lupe-index add` writes to its remote
// shards through `xapian-tcpsrv --writable`, and readers open every shard with explicit
// timeouts (RemoteTimeouts) instead of letting Xapian open the stub, so that a shard that does
// not answer can be named and left out (Searcher, "partial").

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace lupe {

class IndexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
class IndexNotFoundError : public IndexError {
public:
    using IndexError::IndexError;
};
class IndexLockedError : public IndexError {
public:
    using IndexError::IndexError;
};
class IndexVersionError : public IndexError {
public:
    using IndexError::IndexError;
};
// Writing failed because the disk (or the user's quota) is full. The index keeps its last
// commit; after space is freed, `lupe-index add` continues where it stopped.
class IndexFullError : public IndexError {
public:
    using IndexError::IndexError;
};
// A remote shard did not answer (connection refused, timeout); names the shard.
class ShardUnavailableError : public IndexError {
public:
    using IndexError::IndexError;
};

// One shard as the stub file lists it: a local database folder or a remote server.
struct ShardSpec {
    std::string name;  // as listed: "shard-0", or "HOST:PORT" for a remote shard
    std::string path;  // local database folder (empty for a remote shard)
    std::string host;  // remote shard only
    unsigned port = 0;  // remote shard only; 0: local
    bool remote() const { return port != 0; }
};

// Timeouts (milliseconds) for remote shards: per network operation, and for connecting.
struct RemoteTimeouts {
    unsigned timeout_ms = 10000;
    unsigned connect_timeout_ms = 5000;
};

// The fingerprint this build's analyzer writes (schema version + analyzer behaviour).
std::string current_analyzer_fingerprint();

// Creates the folder and database when missing. One database only: a sharded folder throws
// IndexError (write to it through ShardedWriter, which opens each shard with this function).
// Having taken Xapian's write lock, writes the owner file (kLockInfoFile: pid, host, start
// time) into the folder; when the lock is taken, IndexLockedError names that owner and tells
// whether its process still runs.
Xapian::WritableDatabase open_index_for_writing(const std::string& folder);

// The lock owner file in a database folder (written by open_index_for_writing, removed by
// remove_lock_info when the writer closes; a stale one after a crash is harmless: it is only
// read when the lock is really held).
inline constexpr const char* kLockInfoFile = "lupe-index.lock-info";
void remove_lock_info(const std::string& folder);
// "pid 123 on host h, since 2026-11-29 12:00:00 UTC" plus whether it runs; "" when unknown.
std::string describe_lock_owner(const std::string& folder);

// Turns an error of a write into the index at `folder` into an IndexError: IndexFullError
// when the disk or quota is full (ENOSPC, EDQUOT), otherwise IndexError naming the I/O
// failure. Call from a catch block for Xapian::Error.
[[noreturn]] void throw_write_error(const std::string& folder, const Xapian::Error& error);

// Opens a single or sharded index as one database (all shards, each version-checked; remote
// shards with `timeouts`, one that does not answer throws ShardUnavailableError).
Xapian::Database open_index_for_reading(const std::string& folder, const RemoteTimeouts& timeouts = {});

// ---- Shards ---------------------------------------------------------------------------------
inline constexpr const char* kStubFile = "XAPIANDB";

// The shard an article id belongs to: FNV-1a (64 bit) of the id's bytes, modulo `shards`.
// Stable across runs, platforms and versions: changing it would strand articles in the wrong
// shard (replace and delete would miss them), so it is part of the index format.
unsigned shard_of(std::string_view id, unsigned shards);

// `folder/shard-<k>`.
std::string shard_folder(const std::string& folder, unsigned shard);

// The shards of an index in routing order: {folder} for a single index (or none yet), the
// stub file's entries for a sharded one. Throws IndexError for a stub file it cannot parse.
std::vector<ShardSpec> index_shards(const std::string& folder);

// Opens one shard, version-checked. A remote shard that does not answer within the timeouts
// throws ShardUnavailableError naming it.
Xapian::Database open_shard_for_reading(const ShardSpec& shard, const RemoteTimeouts& timeouts = {});
Xapian::WritableDatabase open_shard_for_writing(const ShardSpec& shard, const RemoteTimeouts& timeouts = {});

// 0: no index in the folder yet (missing or empty), 1: a single index, N: a sharded index
// with N shards (from its stub file).
unsigned shard_count(const std::string& folder);

// Prepares `folder` for writing with `requested` shards (0: keep what is there, 1 for a new
// index) and returns the shard count. Throws IndexError when the folder already holds an index
// with another number of shards. Creates the shard databases and the stub file of a new
// sharded index (the stub file last, so a folder with a stub always has all its shards).
unsigned prepare_shards(const std::string& folder, unsigned requested);

// The database folders of an index: {folder} or its shard folders (local shards only).
std::vector<std::string> shard_folders(const std::string& folder);

}  // namespace lupe
