#pragma once
// Normalizer: one word in, its comparable form out.
//
// Contract:
//  - input: one word as produced by the Tokenizer (UTF-8, original spelling);
//  - output: Unicode NFKC with full case folding and default-ignorable code points removed
//    (ICU's NFKC_Casefold): `Straße` -> `strasse`, `Ｈｕａｗｅｉ` -> `huawei`,
//    `Bundes\u00ADkanzler` (soft hyphen) -> `bundeskanzler`, `ﬁ` -> `fi`.
//  - stateless and thread-safe (ICU's normalizer instances are immutable singletons).

#include <string>
#include <string_view>

namespace lupe::analysis {

class Normalizer {
public:
    Normalizer();
    std::string normalize(std::string_view word) const;

    // The word as a reader writes it in lower case (NFC, German lower-casing; keeps `ß`):
    // the form kept in the spelling vocabulary for suggestions.
    std::string lowercase(std::string_view word) const;

private:
    const void* nfkc_casefold_;  // const icu::Normalizer2*, kept opaque to spare includes
};

}  // namespace lupe::analysis
