#pragma once
// StaticFiles: the web page's files, served from the copies compiled into the program
// (EmbeddedFiles.h); the filesystem is never read.
//
// Contract: `find_static_file` takes the decoded URL path; "/" is "/index.html"; a path
// holding "..", a backslash or a NUL byte, and any name not embedded, is not found.
// Content types follow the extension (UTF-8 for text); unknown extensions are
// application/octet-stream. The ETag is a hash of the bytes, stable across restarts.

#include <optional>
#include <string>
#include <string_view>

namespace lupe::http {

struct StaticFile {
    std::string_view bytes;
    std::string_view content_type;
    std::string etag;  // quoted, as sent in the ETag header
};

std::optional<StaticFile> find_static_file(std::string_view path);

std::string_view content_type_for(std::string_view name);

}  // namespace lupe::http
