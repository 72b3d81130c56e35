// Inputs the fuzz targets (fuzz/) found breaking the article readers' contracts, kept as
// tests of the behaviour fixed for them (bytes escaped as found).
#include <catch2/catch.hpp>

#include "article/TextArticleParser.h"
#include "article/TextDecoder.h"

using lupe::DecodeError;
using lupe::decode_text;

// fuzz_text_article: a UTF-16 BOM followed by a second BOM decoded to text that started with
// U+FEFF (a UTF-8 BOM), although decoded text never holds one. A file saved twice with a BOM
// then lost its date: the date line did not start with a digit.
TEST_CASE("fuzz_text_article: a repeated BOM is not part of the decoded text", "[fuzz][article]") {
    const std::string bom = "\xEF\xBB\xBF";
    CHECK(decode_text("\xFF\xFE\xFF\xFE\x24").text.rfind(bom, 0) != 0);  // as found
    CHECK(decode_text(std::string("\xFF\xFE\xFF\xFE\x41\x00", 6)).text == "A");  // UTF-16LE
    CHECK(decode_text(std::string("\xFE\xFF\xFE\xFF\x00\x41", 6)).text == "A");  // UTF-16BE
    CHECK(decode_text(bom + bom + "Text").text == "Text");
    CHECK_THROWS_AS(decode_text(bom + bom), DecodeError);
    CHECK_THROWS_AS(decode_text("\xFF\xFE\xFF\xFE"), DecodeError);

    const std::string article = bom + bom + "19. Januar, 2022\n\nTechnologie\n\nPaketdienste warnen\n\n" +
                                "Betr\xC3\xBCger verschicken gef\xC3\xA4lschte Nachrichten.\n\n" +
                                "Die Verbraucherzentralen registrieren viele Beschwerden.\n";
    const lupe::ParsedText parsed = lupe::TextArticleParser().parse(decode_text(article).text);
    REQUIRE(parsed.article.date);
    CHECK(parsed.article.date->iso() == "2022-01-19");
    CHECK(parsed.article.title == "Paketdienste warnen");
}
