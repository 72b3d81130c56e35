#include "cli/Version.h"

#include <unicode/uversion.h>
#include <xapian.h>

#ifndef LUPE_VERSION
#error "LUPE_VERSION must be defined by the build (common/CMakeLists.txt)"
#endif
#ifndef LUPE_STEMMER_PACKAGE
#define LUPE_STEMMER_PACKAGE ""
#endif

namespace lupe::cli {
namespace {

std::string icu_version() {
    UVersionInfo info;
    u_getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    return text;
}

std::string stemmer_line() {
    const std::string package = LUPE_STEMMER_PACKAGE;
    if (package.empty()) return "Snowball libstemmer (version unknown: the library has no version API)";
    return "Snowball libstemmer (Debian package " + package + ")";
}

}  // namespace

std::string version_text(const std::string& program) {
    return program + " " LUPE_VERSION "\n"
           "Xapian " + std::string(Xapian::version_string()) + "\n"
           "ICU " + icu_version() + "\n" + stemmer_line();
}

}  // namespace lupe::cli
