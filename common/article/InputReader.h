#pragma once
// InputReader: turns the PATH arguments of `lupe-index add` into a stream of articles.
//
// Contract:
//  - a folder is walked recursively in sorted order; `.txt` files are plain-text articles,
//    `.jsonl`/`.ndjson` files JSON Lines; other files in a folder are counted as skipped;
//  - a file named directly is JSON Lines when it ends in `.jsonl`/`.ndjson`, else plain text;
//  - `-` reads JSON Lines from standard input (name `stdin`);
//  - a text article's id is its path relative to the folder argument without extension
//    (`2024/bytedance-huawei`), or the file name without extension for a file argument, so
//    ids do not depend on the working directory;
//  - files that cannot be read (missing, unreadable, too large, not text) are rejections;
//    nothing stops the walk.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article/Article.h"
#include "article/JsonlReader.h"

namespace lupe {

struct InputOptions {
    FieldMap field_map;
    std::size_t max_text_file_bytes = 16u << 20;
    std::function<void(std::uint64_t)> on_bytes;  // bytes consumed so far (delta)
};

struct InputStats {
    std::size_t files = 0;
    std::size_t skipped_files = 0;  // in folders, with an extension that is not ours
};

// Total size in bytes of what `paths` name (for progress estimates; stdin counts 0).
std::uint64_t total_input_bytes(const std::vector<std::string>& paths);

InputStats read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                       ArticleSink& sink);

}  // namespace lupe
