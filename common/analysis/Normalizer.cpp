#include "analysis/Normalizer.h"

#include <stdexcept>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace lupe::analysis {

Normalizer::Normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU NFKC_Casefold: ") + u_errorName(status));
    }
}

std::string Normalizer::normalize(std::string_view word) const {
    const auto* normalizer = static_cast<const icu::Normalizer2*>(nfkc_casefold_);
    // Fast path: plain lower-case ASCII letters and digits are already normal.
    bool ascii_lower = true;
    for (const char c : word) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == ',')) {
            ascii_lower = false;
            break;
        }
    }
    if (ascii_lower) return std::string(word);

    UErrorCode status = U_ZERO_ERROR;
    const auto input = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    const icu::UnicodeString folded = normalizer->normalize(input, status);
    if (U_FAILURE(status)) return std::string(word);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

std::string Normalizer::lowercase(std::string_view word) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    text.toLower(icu::Locale::getGerman());
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) text = nfc->normalize(text, status);
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace lupe::analysis
