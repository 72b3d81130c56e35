// Fuzz target: a JSON Lines input as `lupe-index add x.jsonl` reads it (JsonlReader::read
// over the whole input). The reader turns every bad line into a rejection itself, so no
// exception at all may escape.

#include <cstdint>
#include <sstream>
#include <string>

#include "FuzzCheck.h"
#include "article/JsonlReader.h"
#include "article/TextDecoder.h"

namespace {

class CheckingSink : public lupe::ArticleSink {
public:
    void on_article(lupe::ArticleRecord record) override {
        const lupe::Article& a = record.article;
        LUPE_FUZZ_CHECK(!a.id.empty(), "article without id at " + record.where.str());
        LUPE_FUZZ_CHECK(!a.title.empty() || !a.body.empty(), "article without title and body");
        for (const std::string* value : {&a.id, &a.title, &a.lead, &a.body, &a.source, &a.topic, &a.url}) {
            LUPE_FUZZ_CHECK(lupe::is_valid_utf8(*value), "field is not valid UTF-8");
        }
        if (a.date) {
            LUPE_FUZZ_CHECK(a.date->month >= 1 && a.date->month <= 12 && a.date->day >= 1 && a.date->day <= 31,
                            "impossible date " + a.date->iso());
        }
        LUPE_FUZZ_CHECK(record.where.line >= 1, "record without line number");
    }
    void on_rejected(lupe::Rejection rejection) override {
        LUPE_FUZZ_CHECK(!rejection.reason.empty(), "rejection without reason at " + rejection.where.str());
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The default reader and one with a tiny line limit, so over-long lines are exercised too.
    static const lupe::JsonlReader reader{lupe::FieldMap{}};
    static const lupe::JsonlReader short_lines{lupe::FieldMap{}, 64};
    const std::string input(lupe::fuzz::as_text(data, size));
    try {
        for (const lupe::JsonlReader* r : {&reader, &short_lines}) {
            std::istringstream in(input);
            CheckingSink sink;
            std::uint64_t consumed = 0;
            r->read(in, "fuzz.jsonl", sink, [&](std::uint64_t n) { consumed += n; });
            LUPE_FUZZ_CHECK(consumed <= input.size() + 1, "more bytes consumed than read");
        }
    } catch (const std::exception& e) {
        lupe::fuzz::unexpected(e);
    }
    return 0;
}
