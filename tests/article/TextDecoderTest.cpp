#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "article/TextDecoder.h"

using lupe::decode_text;
using lupe::DecodeError;

namespace {

// UTF-16 code units of a (BMP-only) UTF-8 text, little or big endian, with a BOM.
std::string utf16_with_bom(const std::u16string& text, bool little_endian) {
    std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (const char16_t unit : text) {
        const char low = static_cast<char>(unit & 0xFF);
        const char high = static_cast<char>(unit >> 8);
        out += little_endian ? low : high;
        out += little_endian ? high : low;
    }
    return out;
}

}  // namespace

TEST_CASE("TextDecoder takes UTF-8 as is and strips a BOM", "[article][decoder]") {
    const auto plain = decode_text("Grüße aus Nürnberg\n");
    CHECK(plain.text == "Grüße aus Nürnberg\n");
    CHECK(plain.encoding == "UTF-8");

    const auto with_bom = decode_text("\xEF\xBB\xBFGrüße aus Nürnberg");
    CHECK(with_bom.text == "Grüße aus Nürnberg");
    CHECK(with_bom.encoding == "UTF-8");
}

TEST_CASE("TextDecoder turns CRLF and lone CR into LF", "[article][decoder]") {
    struct Row {
        const char* input;
        const char* text;
    };
    const Row rows[] = {
        {"eins\r\nzwei\r\n", "eins\nzwei\n"},
        {"eins\rzwei\r", "eins\nzwei\n"},
        {"eins\r\n\r\nzwei", "eins\n\nzwei"},
        {"eins\r\rzwei", "eins\n\nzwei"},
        {"eins\n\rzwei", "eins\n\nzwei"},
        {"\xEF\xBB\xBF" "eins\r\nzwei", "eins\nzwei"},
    };
    for (const auto& row : rows) {
        INFO(row.input);
        CHECK(decode_text(row.input).text == row.text);
    }
}

TEST_CASE("TextDecoder converts Latin-1 text and says so", "[article][decoder]") {
    const std::string latin1 =
        "Gr\xFC\xDF" "e aus N\xFCrnberg, sagte der B\xFCrgermeister am Montag.\r\n"
        "Die Stra\xDF" "e war voller Menschen, und \xFC" "berall h\xF6rte man M\xE4rchen.\r\n";
    const auto decoded = decode_text(latin1);
    CHECK(decoded.text ==
          "Grüße aus Nürnberg, sagte der Bürgermeister am Montag.\n"
          "Die Straße war voller Menschen, und überall hörte man Märchen.\n");
    CHECK((decoded.encoding == "ISO-8859-1" || decoded.encoding == "windows-1252" ||
           decoded.encoding == "ISO-8859-15"));
    CHECK(decoded.encoding != "UTF-8");
}

TEST_CASE("TextDecoder converts Windows-1252 quotes and the euro sign", "[article][decoder]") {
    const std::string cp1252 =
        "Der Preis stieg auf 5 \x80 pro Kilo, sagte der H\xE4ndler auf dem Wochenmarkt.\n"
        "\x84" "Das ist zu viel\x93, meinte eine Kundin aus M\xFCnchen.\n";
    const auto decoded = decode_text(cp1252);
    CHECK(decoded.encoding == "windows-1252");
    CHECK(decoded.text ==
          "Der Preis stieg auf 5 € pro Kilo, sagte der Händler auf dem Wochenmarkt.\n"
          "„Das ist zu viel“, meinte eine Kundin aus München.\n");
}

TEST_CASE("TextDecoder converts UTF-16 with a BOM", "[article][decoder]") {
    const std::u16string text = u"Grüße\r\naus Nürnberg";
    for (const bool little_endian : {true, false}) {
        INFO("little endian: " << little_endian);
        const auto decoded = decode_text(utf16_with_bom(text, little_endian));
        CHECK(decoded.text == "Grüße\naus Nürnberg");
        CHECK(decoded.encoding == (little_endian ? "UTF-16LE" : "UTF-16BE"));
    }
}

TEST_CASE("TextDecoder rejects empty, blank and binary input", "[article][decoder]") {
    struct Row {
        std::string bytes;
        const char* reason;
    };
    std::string with_nul = "Ein Text mit einem NUL";
    with_nul += '\0';
    with_nul += "Byte darin";
    std::string controls;
    for (int i = 0; i < 200; ++i) controls += (i % 10 == 0) ? '\x01' : 'a';
    const Row rows[] = {
        {"", "empty"},
        {"\xEF\xBB\xBF", "empty"},
        {" \n\t\r\n  ", "empty"},
        {with_nul, "binary"},
        {controls, "binary"},
        {std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10), "binary"},
    };
    for (const auto& row : rows) {
        INFO("input of " << row.bytes.size() << " bytes");
        try {
            decode_text(row.bytes);
            FAIL("no DecodeError");
        } catch (const DecodeError& e) {
            CHECK_THAT(e.what(), Catch::Contains(row.reason));
        }
    }
}

TEST_CASE("TextDecoder rejects bytes that are neither UTF-8 nor Latin-1 text", "[article][decoder]") {
    std::mt19937 random(42);
    for (const std::size_t size : {64u, 300u, 4096u, 100000u}) {
        // Random bytes from the upper half: no plausible text in any single-byte encoding.
        std::string bytes;
        for (std::size_t i = 0; i < size; ++i) bytes += static_cast<char>(0x80 + random() % 0x80);
        INFO(size << " random high bytes");
        CHECK_THROWS_AS(decode_text(bytes), DecodeError);
    }
    // Mostly high bytes with a few spaces and line breaks in between.
    std::string paragraphs;
    for (int i = 0; i < 3000; ++i) {
        paragraphs += i % 500 == 499 ? "\n\n" : i % 7 == 6 ? " " : std::string(1, static_cast<char>(0x80 + random() % 0x80));
    }
    CHECK_THROWS_AS(decode_text(paragraphs), DecodeError);
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[article][decoder]") {
    CHECK(lupe::is_valid_utf8(""));
    CHECK(lupe::is_valid_utf8("Grüße 😀"));
    CHECK_FALSE(lupe::is_valid_utf8("Gr\xFC\xDF" "e"));      // Latin-1
    CHECK_FALSE(lupe::is_valid_utf8("\xC0\xAF"));           // overlong '/'
    CHECK_FALSE(lupe::is_valid_utf8("\xED\xA0\x80"));       // surrogate
    CHECK_FALSE(lupe::is_valid_utf8("\xE2\x82"));           // truncated
}
