#pragma once
// IndexPipeline: PATH arguments -> articles -> documents -> index, every stage on its own
// thread(s) and all stages at the same time:
//
//   read_inputs (this thread) --batches--> DocumentBuilder per analysis thread
//     --in input order--> router --by shard_of(id)--> one IndexWriter thread per shard
//
// Contract: the articles of one id are written in input order (so the last of several
// articles with one id wins); every rejected input and every warning is in the summary with
// its location; the index is committed at the end, also when some inputs were rejected.
// Memory is bounded by the queue capacities (a few batches per stage), not by the input size.
// An article the index already holds with the same content hash is not analysed at all (the
// analysis thread looks it up; the writer confirms), so re-running an unchanged `add` costs
// reading, hashing and one lookup per article. A failed write (full disk) stops the run with
// IndexError; what was committed stays, and the next run continues from it.
// The router is the single place every article passes in input order before it reaches a
// shard's writer. A failure in any stage stops all stages and is rethrown here.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article/Article.h"
#include "article/InputReader.h"

namespace lupe {

struct IndexProgress {
    std::uint64_t articles = 0;     // done so far (written + rejected)
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0;  // 0 when unknown (stdin)
};

struct IndexPipelineOptions {
    std::string folder;
    unsigned threads = 0;           // analysis threads; 0: one per core
    unsigned shards = 0;            // 0: as the index has (1 for a new one); see IndexFolder.h
    std::size_t batch_articles = 256;
    std::size_t commit_every = 2000;  // changes per shard between commits
    bool cross_shard_copies = true;  // near-duplicates across shards (ShardedWriter, IndexWriter.h)
    FieldMap field_map;
    std::function<void(const IndexProgress&)> on_progress;  // this thread, after each batch read
};

struct Notice {
    Location where;
    std::string message;
};

struct IndexSummary {
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t unchanged = 0;
    std::vector<Rejection> rejected;
    std::vector<Notice> warnings;
    std::uint64_t files = 0;
    std::uint64_t skipped_files = 0;
    std::uint64_t bytes = 0;
    std::uint64_t documents_in_index = 0;
    double seconds = 0;
};

IndexSummary index_inputs(const std::vector<std::string>& paths, const IndexPipelineOptions& options);

}  // namespace lupe
