// StaticFiles: the embedded web files, their content types and what is never served.
#include <catch2/catch.hpp>

#include <filesystem>

#include "http/EmbeddedFiles.h"
#include "http/StaticFiles.h"
#include "support/TestSupport.h"

using namespace lupe::http;
namespace fs = std::filesystem;

TEST_CASE("every file of searcher/web is embedded byte for byte", "[http]") {
    const fs::path web = lupe::test::source_dir() / "searcher/web";
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(web)) {
        const std::string name = fs::relative(entry.path(), web).generic_string();
        if (!entry.is_regular_file() || name.front() == '.' || name.back() == '~') continue;
        INFO(name);
        const auto file = find_static_file("/" + name);
        REQUIRE(file);
        CHECK(file->bytes == lupe::test::read_file(entry.path()));
        ++files;
    }
    CHECK(files == embedded_files().size());
}

TEST_CASE("/ is index.html", "[http]") {
    const auto root = find_static_file("/");
    const auto index = find_static_file("/index.html");
    REQUIRE(root);
    REQUIRE(index);
    CHECK(root->bytes == index->bytes);
    CHECK(root->content_type == "text/html; charset=utf-8");
    CHECK(root->etag.size() == 18);
    CHECK(root->etag.front() == '"');
}

TEST_CASE("paths outside the embedded files are not found", "[http]") {
    for (const char* path : {"", "index.html", "/nope.html", "/../index.html", "/web/../index.html", "/..",
                             "/.%2e/index.html", "/index.html/..", "/a\\index.html", "//index.html",
                             "/%2e%2e/index.html"}) {
        INFO(path);
        CHECK_FALSE(find_static_file(path));
    }
    CHECK_FALSE(find_static_file(std::string("/index.html\0", 12)));
}

TEST_CASE("content types follow the extension", "[http]") {
    struct Row {
        const char* name;
        const char* type;
    };
    const Row rows[] = {
        {"index.html", "text/html; charset=utf-8"},   {"app.js", "text/javascript; charset=utf-8"},
        {"style.css", "text/css; charset=utf-8"},      {"favicon.svg", "image/svg+xml"},
        {"data.json", "application/json; charset=utf-8"}, {"logo.png", "image/png"},
        {"font.woff2", "font/woff2"},                 {"README", "application/octet-stream"},
        {"archive.tar.gz", "application/octet-stream"},
    };
    for (const Row& row : rows) CHECK(content_type_for(row.name) == row.type);
}
