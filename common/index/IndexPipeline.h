#pragma once
// IndexPipeline: PATH arguments -> articles -> documents -> index, with analysis on a pool of
// threads and one writer.
//
//   read_inputs (this thread) --batch--> DocumentBuilder per worker thread --> IndexWriter
//
// Contract: articles are written in input order (so the last of several articles with one id
// wins); every rejected input and every warning is in the summary with its location; the
// index is committed at the end, also when some inputs were rejected.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article/Article.h"
#include "article/InputReader.h"

namespace lupe {

struct IndexProgress {
    std::uint64_t articles = 0;     // read so far (indexed + rejected)
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0;  // 0 when unknown (stdin)
};

struct IndexPipelineOptions {
    std::string folder;
    unsigned threads = 0;           // 0: one per core
    std::size_t batch_articles = 256;
    std::size_t commit_every = 2000;
    FieldMap field_map;
    std::function<void(const IndexProgress&)> on_progress;  // called after each batch
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
