// Fuzz target: a plain-text article file as `lupe-index add` reads it: raw bytes ->
// TextDecoder -> TextArticleParser. Bad input may only raise DecodeError or ParseError.

#include <cstdint>
#include <string>

#include "FuzzCheck.h"
#include "article/TextArticleParser.h"
#include "article/TextDecoder.h"

namespace {

void check_text(const std::string& field, const std::string& value) {
    LUPE_FUZZ_CHECK(lupe::is_valid_utf8(value), field + " is not valid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const lupe::TextArticleParser parser;
    try {
        const lupe::DecodedText decoded = lupe::decode_text(lupe::fuzz::as_text(data, size));
        check_text("decoded text", decoded.text);
        LUPE_FUZZ_CHECK(decoded.text.find('\r') == std::string::npos, "CR left in decoded text");
        LUPE_FUZZ_CHECK(decoded.text.rfind("\xEF\xBB\xBF", 0) != 0, "BOM left in decoded text");
        LUPE_FUZZ_CHECK(!decoded.encoding.empty(), "no encoding named");

        const lupe::ParsedText parsed = parser.parse(decoded.text);
        const lupe::Article& a = parsed.article;
        LUPE_FUZZ_CHECK(!a.body.empty() || !a.lead.empty(), "article without text");
        for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"title", a.title},
                                           {"lead", a.lead}, {"body", a.body}, {"source", a.source},
                                           {"topic", a.topic}}) {
            check_text(field, value);
        }
        if (a.date) {
            LUPE_FUZZ_CHECK(a.date->month >= 1 && a.date->month <= 12 && a.date->day >= 1 && a.date->day <= 31,
                            "impossible date " + a.date->iso());
        }
    } catch (const lupe::DecodeError&) {
    } catch (const lupe::ParseError&) {
    } catch (const std::exception& e) {
        lupe::fuzz::unexpected(e);
    }
    return 0;
}
