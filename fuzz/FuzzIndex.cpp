#include "FuzzIndex.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include "index/IndexPipeline.h"

namespace lupe::fuzz {
namespace {

namespace fs = std::filesystem;

std::string& folder() {
    static std::string path;
    return path;
}

void remove_index() {
    std::error_code ec;
    if (!folder().empty()) fs::remove_all(folder(), ec);
}

std::string build() {
    std::string pattern = (fs::temp_directory_path() / "lupe-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::perror("lupe fuzz: mkdtemp");
        std::abort();
    }
    folder() = pattern;
    std::atexit(remove_index);
    const fs::path source = LUPE_SOURCE_DIR;
    IndexPipelineOptions options;
    options.folder = (fs::path(pattern) / "index").string();
    options.threads = 1;
    try {
        const IndexSummary summary = index_inputs(
            {(source / "corpus").string(), (source / "tests/data/search/fixture.jsonl").string()}, options);
        if (summary.added == 0) throw std::runtime_error("no article indexed");
        std::fprintf(stderr, "lupe fuzz: index of %llu articles in %s\n",
                     static_cast<unsigned long long>(summary.documents_in_index), options.folder.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lupe fuzz: cannot build the index: %s\n", e.what());
        std::abort();
    }
    return options.folder;
}

}  // namespace

const std::string& fuzz_index_folder() {
    static const std::string index = build();
    return index;
}

}  // namespace lupe::fuzz
