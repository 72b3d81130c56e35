#pragma once
// Helpers shared by the tests: temporary folders, paths to fixtures and shared data, and
// running the built programs as a user would.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lupe::test {

// A fresh empty folder, removed with everything in it when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::filesystem::path source_dir();     // the checkout
std::filesystem::path shared_dir();     // ../shared (format/, data/)
std::filesystem::path test_data_dir();  // tests/data
std::string index_bin();                // the built lupe-index
std::string search_bin();               // the built lupe-search

// Calls `visit(file name, key, text)` for every string field of every record of the shared
// news corpora (shared_dir()/data/corpus/*.jsonl). False, without a call, when that folder
// is missing.
using CorpusTextVisitor = std::function<void(const std::string& file, const std::string& key, const std::string& text)>;
bool for_each_corpus_text(const CorpusTextVisitor& visit);

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

// The same text in ISO-8859-1 (for generating Latin-1 inputs at test time). Throws
// std::invalid_argument for characters beyond U+00FF.
std::string latin1_from_utf8(const std::string& utf8);

struct CommandResult {
    int status = -1;       // exit status (or -1 when killed by a signal)
    std::string out;       // stdout (empty when it went to the terminal)
    std::string err;       // stderr (empty when it went to the terminal)
    std::string terminal;  // what the pseudo-terminal received (RunOptions::*_terminal)
};

struct RunOptions {
    std::string input;              // stdin
    std::vector<std::string> env;   // in the child only: "NAME=value" sets, "NAME" unsets
    bool stdout_terminal = false;   // stdout on a pseudo-terminal (raw: no \n -> \r\n)
    bool stderr_terminal = false;   // stderr on the same pseudo-terminal
};

// Runs a program (no shell) with arguments; stdin from `input` when given.
CommandResult run(const std::vector<std::string>& argv, const std::string& input = {});
CommandResult run(const std::vector<std::string>& argv, const RunOptions& options);

}  // namespace lupe::test
