#pragma once
// What `lupe-index --version` and `lupe-search --version` print: the Lupe version and the
// versions of the libraries that decide what an index contains and how text is analysed.

#include <string>

namespace lupe::cli {

// Four lines, no trailing newline:
//   <program> <Lupe version>
//   Xapian <version of the library loaded at run time>
//   ICU <version of the library loaded at run time>
//   Snowball libstemmer (Debian package <name> <version>)
// libstemmer has no version API: the last line names the Debian package the library came
// from at build time, or says "version unknown" when the build could not tell.
std::string version_text(const std::string& program);

}  // namespace lupe::cli
