#include <catch2/catch.hpp>

#include <string>

#include "index/TermFilter.h"

using lupe::TermFilter;

namespace {

std::string band_like(int i) { return "XB" + std::to_string(i % 32) + ":" + std::to_string(i * 7919); }

}  // namespace

TEST_CASE("TermFilter never rules out a term it was given", "[index][writer]") {
    TermFilter filter(std::size_t{1} << 20);
    for (int i = 0; i < 50000; ++i) filter.add(band_like(i));
    filter.add("");
    filter.add("Qhttps://example.org/" + std::string(400, 'x'));
    int missing = 0;
    for (int i = 0; i < 50000; ++i) missing += filter.may_contain(band_like(i)) ? 0 : 1;
    CHECK(missing == 0);
    CHECK(filter.may_contain(""));
    CHECK(filter.may_contain("Qhttps://example.org/" + std::string(400, 'x')));
}

TEST_CASE("TermFilter rules out almost every term it was not given", "[index][writer]") {
    // 2^20 bits, 50 000 terms, 3 probes: about 0.2 % false positives expected.
    TermFilter filter(std::size_t{1} << 20);
    for (int i = 0; i < 50000; ++i) filter.add(band_like(i));
    int false_positives = 0;
    for (int i = 50000; i < 150000; ++i) false_positives += filter.may_contain(band_like(i)) ? 1 : 0;
    CHECK(false_positives < 1000);  // under 1 % of 100 000
    const TermFilter empty(64);
    CHECK_FALSE(empty.may_contain("Qa"));
    CHECK_FALSE(empty.may_contain(""));
}
