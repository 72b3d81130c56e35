#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "index/PositionBlob.h"

using lupe::PositionBlob;
using lupe::PositionBlobBuilder;
using lupe::PositionBlobError;

namespace {
using Positions = std::vector<Xapian::termpos>;
}  // namespace

TEST_CASE("a position blob gives back every term's positions", "[index][positions]") {
    PositionBlobBuilder builder;
    builder.add("welt", 7);
    builder.add("die", 6);
    builder.add("die", 1);
    builder.add("die", 6);  // twice at one position: kept once
    builder.add("Sdie", 1);
    builder.add("weltbank", 300);
    const std::string encoded = builder.finish();
    const auto all = PositionBlob(encoded).all();
    REQUIRE(all.size() == 4);
    CHECK(all[0] == std::pair<std::string, Positions>{"Sdie", {1}});
    CHECK(all[1] == std::pair<std::string, Positions>{"die", {1, 6}});
    CHECK(all[2] == std::pair<std::string, Positions>{"welt", {7}});
    CHECK(all[3] == std::pair<std::string, Positions>{"weltbank", {300}});

    std::vector<Positions> out;
    PositionBlob(encoded).positions({"die", "fehlt", "weltbank"}, out);
    CHECK(out == std::vector<Positions>{{1, 6}, {}, {300}});
    CHECK(builder.finish().empty());  // a new document
}

TEST_CASE("a malformed position blob is reported, not read past its end", "[index][positions]") {
    PositionBlobBuilder builder;
    builder.add("zeitung", 3);
    builder.add("zeit", 1);
    const std::string encoded = builder.finish();
    builder.add("zeit", 1);
    const std::size_t first_entry = builder.finish().size();  // a cut there leaves a whole blob
    for (std::size_t cut = 1; cut < encoded.size(); ++cut) {
        if (cut == first_entry) continue;
        INFO(cut);
        CHECK_THROWS_AS(PositionBlob(encoded.substr(0, cut)).all(), PositionBlobError);
    }
    CHECK_THROWS_AS(PositionBlob(std::string("\x05\x01x\x00", 4)).all(), PositionBlobError);  // shared > previous
}
