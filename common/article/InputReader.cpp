#include "article/InputReader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "article/TextArticleParser.h"
#include "article/TextDecoder.h"

namespace lupe {
namespace fs = std::filesystem;
namespace {

enum class Format { Text, Jsonl, Other };

Format format_of(const fs::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".jsonl" || ext == ".ndjson") return Format::Jsonl;
    if (ext == ".txt") return Format::Text;
    return Format::Other;
}

std::string id_from_path(const fs::path& relative) {
    fs::path without_ext = relative;
    without_ext.replace_extension();
    return without_ext.generic_string();
}

class Walker {
public:
    Walker(const InputOptions& options, ArticleSink& sink)
        : options_(options), sink_(sink), jsonl_(options.field_map) {}

    void path_argument(const std::string& arg) {
        if (arg == "-") {
            ++stats_.files;
            jsonl_.read(std::cin, "stdin", sink_, options_.on_bytes);
            return;
        }
        const fs::path path(arg);
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            reject(arg, "no such file or folder");
            return;
        }
        if (fs::is_directory(status)) {
            folder(path);
            return;
        }
        file(path, format_of(path) == Format::Jsonl ? Format::Jsonl : Format::Text,
             path.filename());
    }

    InputStats stats() const { return stats_; }

private:
    void folder(const fs::path& root) {
        std::vector<fs::path> files;
        std::error_code ec;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            reject(root.string(), "cannot read folder: " + ec.message());
            return;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                reject(root.string(), "cannot read folder: " + ec.message());
                return;
            }
            if (it->is_regular_file(ec)) files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& path : files) {
            const Format format = format_of(path);
            if (format == Format::Other) {
                ++stats_.skipped_files;
                continue;
            }
            file(path, format, path.lexically_relative(root));
        }
    }

    // A whole file rejected. Built step by step: GCC 12 at -O3 warns (maybe-uninitialized,
    // a false positive) about the nested braced temporary `{{name, 0}, reason}`.
    void reject(const std::string& file, std::string reason, std::size_t line = 0) {
        Rejection rejection;
        rejection.where.file = file;
        rejection.where.line = line;
        rejection.reason = std::move(reason);
        sink_.on_rejected(rejection);
    }

    void file(const fs::path& path, Format format, const fs::path& id_path) {
        ++stats_.files;
        const std::string name = path.string();
        if (format == Format::Jsonl) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                reject(name, "cannot open file");
                return;
            }
            jsonl_.read(in, name, sink_, options_.on_bytes);
            return;
        }
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (ec) {
            reject(name, "cannot read file: " + ec.message());
            return;
        }
        if (options_.on_bytes) options_.on_bytes(size);
        if (size > options_.max_text_file_bytes) {
            reject(name, "file larger than " + std::to_string(options_.max_text_file_bytes >> 20) +
                             " MiB, not an article");
            return;
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        if (!in || !(bytes << in.rdbuf())) {
            if (size != 0) {
                reject(name, "cannot open file");
                return;
            }
        }
        try {
            DecodedText decoded = decode_text(bytes.view());
            ParsedText parsed = text_parser_.parse(decoded.text);
            ArticleRecord record{std::move(parsed.article), {name, 0}, std::move(parsed.warnings)};
            record.article.id = id_from_path(id_path);
            if (decoded.encoding != "UTF-8") {
                record.warnings.push_back("read as " + decoded.encoding + " (not UTF-8)");
            }
            sink_.on_article(std::move(record));
        } catch (const DecodeError& e) {
            reject(name, e.what());
        } catch (const ParseError& e) {
            reject(name, e.what(), e.line());
        }
    }

    const InputOptions& options_;
    ArticleSink& sink_;
    JsonlReader jsonl_;
    TextArticleParser text_parser_;
    InputStats stats_;
};

}  // namespace

std::uint64_t total_input_bytes(const std::vector<std::string>& paths) {
    std::uint64_t total = 0;
    for (const auto& arg : paths) {
        if (arg == "-") continue;
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            for (fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
                 !ec && it != end; it.increment(ec)) {
                if (it->is_regular_file(ec) && format_of(it->path()) != Format::Other) {
                    total += it->file_size(ec);
                }
            }
        } else {
            const auto size = fs::file_size(arg, ec);
            if (!ec) total += size;
        }
    }
    return total;
}

InputStats read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                       ArticleSink& sink) {
    Walker walker(options, sink);
    for (const auto& path : paths) walker.path_argument(path);
    return walker.stats();
}

}  // namespace lupe
