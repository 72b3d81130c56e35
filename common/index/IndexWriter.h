#pragma once
// IndexWriter: puts built documents into an index folder, one article per id.
//
// Contract:
//  - `put` replaces the document with the same id term (never duplicates) and skips one whose
//    stored content hash is unchanged; returns what it did;
//  - commits every `batch_size` changes and in `commit()`; a crash loses at most the
//    uncommitted batch, never a committed article;
//  - gives every added or replaced document its near-duplicate cluster key (ClusterAssigner.h)
//    and thereby sets kClusterSlot and a cluster term on `doc` (a Xapian::Document is a handle);
//  - spelling counts are collected in memory and written by `commit()` (or by a batch commit
//    once `spelling_words` distinct words are waiting): a crash may lose the spelling counts
//    of committed articles, never the articles (the spelling table only feeds suggestions);
//  - holds Xapian's write lock for its lifetime (one writer per index) and the lock owner
//    file beside it (IndexFolder.h);
//  - a failed write throws IndexError (IndexFullError when the disk is full, see
//    IndexFolder.h); the index on disk keeps its last commit.
//  - a local index that is empty when the writer opens it gets a TermFilter of the id terms
//    written since: a new article's id is then not looked up in the index (a bulk build's
//    writer spends its time writing, not searching for what is not there); the outcomes are
//    the same with and without it;
//  - a local index keeps the near-duplicate bands of its documents in the writer's memory
//    (BandTable.h), saved by `commit()` in the file kBandsFile beside the database's tables
//    and mapped from it by the next writer, or rebuilt from the stored signatures when that
//    file does not belong to the committed revision; a remote shard (below) has no such table:
//    its documents carry their bands as terms, looked up there (ClusterAssigner.h);
//  - a remote shard (xapian-tcpsrv --writable) has no spelling table over Xapian 1.4's remote
//    protocol: its spelling counts are dropped (no "did you mean" from that shard's words).
//  - with `share_spellings` (ShardedWriter) the writer does not keep a spelling table of its
//    own: a contributor hands its counts to the shared SpellingCounts at every commit (and
//    batch commit); the owner writes the shared counts, with its own, into its database.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "index/BandTable.h"
#include "index/ClusterAssigner.h"

namespace lupe {

class TermFilter;

inline constexpr const char* kBandsFile = "lupe-bands";  // in a local index's database folder

struct IndexWriterOptions {
    std::size_t batch_size = 2000;  // changes per commit
    std::size_t spelling_words = 1000000;  // distinct words held before a batch commit adds them
    // ShardedWriter: look for near-duplicates across shards at each commit() (see there).
    bool cross_shard_copies = true;
};

enum class PutOutcome { Added, Replaced, Unchanged };

// SpellingCounts: the spelling counts of a sharded index's writers on their way to the one
// shard that holds the index's spelling table (ShardedWriter). Xapian 1.4 merges the fragment
// lists of several spelling tables, so a word in several tables counts several times and its
// suggestions differ from one table with the summed frequencies (issue 8): one table per index
// keeps "did you mean" on N shards equal to a single index.
// Contract: `add` and `take` may be called from any thread (a mutex guards the map).
class SpellingCounts {
public:
    using Map = std::unordered_map<std::string, Xapian::termcount>;

    // Adds `from` (then cleared) to `into`.
    static void merge(Map& into, Map& from);
    // Adds `counts` (then cleared) to the shared counts.
    void add(Map& counts);
    // The shared counts so far (then empty).
    Map take();
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    Map counts_;
};

class IndexWriter {
public:
    explicit IndexWriter(const std::string& folder, IndexWriterOptions options = {});
    // Writes to an opened (e.g. remote) database; `name` for messages.
    IndexWriter(std::string name, Xapian::WritableDatabase db, IndexWriterOptions options = {});
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // `vocabulary` (optional): the article's words for the spelling table (suggestions,
    // "did you mean"); counted only when the article is added or replaced. `order`: the
    // article's place in the input of the whole index, kept with its docid once
    // `track_written` was called (ShardedWriter).
    PutOutcome put(const std::string& id, Xapian::Document doc,
                   const std::vector<std::string>* vocabulary = nullptr, std::uint64_t order = 0);
    // true when the index holds `id` with this content hash (put would say Unchanged), so the
    // caller may skip building the document.
    bool unchanged(const std::string& id, const std::string& hash);
    bool remove(const std::string& id);  // false: no such id
    void commit();

    // Routes this writer's spelling counts through `shared`: the owner writes them (its own
    // and every contributor's) into its table, a contributor keeps no table. The owner must
    // commit after the contributors' last commit (ShardedWriter::commit does).
    void share_spellings(std::shared_ptr<SpellingCounts> shared, bool owner);

    Xapian::doccount doc_count() const { return db_.get_doccount(); }

    // For ShardedWriter::link_copies, which looks for near-duplicates across shards.
    struct Written {
        std::uint64_t order;  // as given to put
        Xapian::docid did;
    };
    void track_written() { track_written_ = true; }
    // Every document added or replaced since the last call, in the order put.
    std::vector<Written> take_written();
    // The stored signature and cluster key of each of `dids` (ascending), in that order; a
    // document that is gone has neither. Read in one sweep of the two value streams (a lookup
    // per document would read B-tree blocks for each).
    std::vector<StoredCopy> stored_copies(const std::vector<Xapian::docid>& dids);
    // best_copy (ClusterAssigner.h) among this writer's documents.
    BestCopy best_copy(const neardup::Signature& signature, const std::function<bool(Xapian::docid)>& eligible,
                       const KnownCopies& known = {});
    // Moves the document to another cluster, in place (relabel_cluster, ClusterAssigner.h).
    void relabel(Xapian::docid did, const std::string& key);

private:
    PutOutcome put_document(const std::string& id, Xapian::Document& doc,
                            const std::vector<std::string>* vocabulary, std::uint64_t order);
    void note_change();
    void add_spellings();
    bool may_hold(const std::string& term) const;
    std::optional<Xapian::docid> find(const std::string& id_term);  // the document with this id
    const BandTable* bands();  // null for a remote shard; loaded or built on first use
    std::string bands_path() const;
    void save_bands();
    void note_written(const std::string& id_term, Xapian::docid did, const Xapian::Document& doc,
                      std::uint64_t order);

    std::string folder_;
    IndexWriterOptions options_;
    Xapian::WritableDatabase db_;
    bool local_ = false;  // opened from a folder: has a BandTable
    BandStamp bands_stamp_;  // what kBandsFile must be stamped with to hold this database's bands
    std::unique_ptr<TermFilter> written_terms_;  // null: every lookup goes to the index
    std::unique_ptr<BandTable> bands_;  // null until needed, always for a remote shard
    std::size_t pending_ = 0;
    std::unordered_map<std::string, Xapian::termcount> spelling_;  // added by commit()
    std::shared_ptr<SpellingCounts> shared_spelling_;  // null: this writer's own table
    bool spelling_owner_ = true;
    bool track_written_ = false;
    std::vector<Written> written_;  // since take_written, when tracked
};

}  // namespace lupe

namespace lupe {

// ShardedWriter: one IndexWriter per shard of an index folder (see IndexFolder.h for the
// layout), each id routed to its shard by shard_of. A single index is the case of one shard.
//
// Contract: `put`, `remove` and `commit` behave as IndexWriter's over the whole index.
// One spelling table per index: every shard's spelling counts go to the first local shard
// (shard 0 as `--shards N` creates it; SpellingCounts), so suggestions and corrections on N
// shards are those of one index of the same articles. When every shard is remote, no shard
// can keep a table (Xapian 1.4's remote protocol) and the counts are dropped.
// Shards listed as `remote HOST:PORT` in the stub file are written through xapian-tcpsrv
// --writable (IndexFolder.h), routed exactly like local ones.
// `shard(k)` may be used from one thread per shard at the same time (shards share nothing);
// the ShardedWriter's own methods are for one thread.
// Near-duplicates across shards: each shard's writer finds copies in its own shard only. With
// `cross_shard_copies` (the default; 2–5 % more indexing time where copies are common,
// bench/RESULTS.md), `commit()` first looks again for every document written since the last
// `commit()`, in input order (the order of `put`, or the `order` the caller gave the shards'
// `put`), in every shard, among the documents there before and those written before it, and
// gives a document whose most similar copy (the first shard's on ties) has another key that key
// (IndexWriter::relabel). The pass holds the stored signature and key of every document written
// since the last `commit()` (about 450 bytes each, read in one sweep per shard) and moves a
// document by its value alone (relabel_cluster, ClusterAssigner.h).
// This gives the clusters one writer would have given, except between equally similar copies
// in different shards and for copies of a text a later `put` of the same id replaced.
class ShardedWriter {
public:
    // `requested_shards`: 0 keeps what the folder holds (1 for a new index); another count than
    // an existing index has throws IndexError.
    explicit ShardedWriter(const std::string& folder, unsigned requested_shards = 0,
                           IndexWriterOptions options = {});

    unsigned shards() const { return static_cast<unsigned>(writers_.size()); }
    unsigned shard_for(const std::string& id) const;
    IndexWriter& shard(unsigned k) { return *writers_.at(k); }

    PutOutcome put(const std::string& id, const Xapian::Document& doc,
                   const std::vector<std::string>* vocabulary = nullptr);
    bool remove(const std::string& id);
    void commit();
    Xapian::doccount doc_count() const;

    ~ShardedWriter();
    ShardedWriter(const ShardedWriter&) = delete;
    ShardedWriter& operator=(const ShardedWriter&) = delete;

private:
    void link_copies();

    std::vector<std::unique_ptr<IndexWriter>> writers_;
    unsigned spelling_owner_ = 0;  // the shard holding the spelling table
    bool cross_shard_copies_ = false;
    std::uint64_t next_order_ = 0;  // of the next put
};

}  // namespace lupe
