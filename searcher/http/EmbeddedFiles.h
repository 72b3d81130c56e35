#pragma once
// EmbeddedFiles: the files of searcher/web/, compiled into the program at build time by
// cmake/EmbedFiles.cmake (the definition is generated; see searcher/CMakeLists.txt).

#include <cstddef>
#include <span>
#include <string_view>

namespace lupe::http {

struct EmbeddedFile {
    std::string_view name;   // path below searcher/web/, '/'-separated: "index.html", "img/x.svg"
    std::string_view bytes;
};

// Sorted by name.
std::span<const EmbeddedFile> embedded_files();

}  // namespace lupe::http
