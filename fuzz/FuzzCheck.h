#pragma once
// What the fuzz targets share: how an input reaches a target and how a broken promise is
// reported. A target catches exactly the typed exceptions its unit documents for bad input;
// any other exception, a failed check or a sanitizer report is a bug, and aborting makes
// libFuzzer save the input as a reproducer (crash-<sha1>).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

namespace lupe::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "lupe fuzz: %s: %s\n", what, detail.c_str());
    std::abort();
}

// Call inside `catch (const std::exception& e)`: an exception the unit does not document.
[[noreturn]] inline void unexpected(const std::exception& e) {
    fail("unexpected exception", std::string(typeid(e).name()) + ": " + e.what());
}

}  // namespace lupe::fuzz

// A promise of the unit's contract that must hold for every input.
#define LUPE_FUZZ_CHECK(condition, detail)                                                    \
    do {                                                                                      \
        if (!(condition)) ::lupe::fuzz::fail("check failed: " #condition, std::string(detail)); \
    } while (false)
