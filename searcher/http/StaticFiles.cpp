#include "http/StaticFiles.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "http/EmbeddedFiles.h"

namespace lupe::http {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string etag_of(std::string_view bytes) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (const unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return buffer;
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [extension, type] : kTypes) {
        if (ends_with(name, extension)) return type;
    }
    return "application/octet-stream";
}

std::optional<StaticFile> find_static_file(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    if (path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos ||
        path.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view name = path == "/" ? std::string_view("index.html") : path.substr(1);
    const auto files = embedded_files();
    const auto it = std::lower_bound(files.begin(), files.end(), name,
                                     [](const EmbeddedFile& f, std::string_view n) { return f.name < n; });
    if (it == files.end() || it->name != name) return std::nullopt;
    return StaticFile{it->bytes, content_type_for(name), etag_of(it->bytes)};
}

}  // namespace lupe::http
