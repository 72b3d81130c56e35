#pragma once
// Utf8: is a byte string well-formed UTF-8? Its own unit (ICU's U8_NEXT macro only), so that
// programs that check UTF-8 but never decode files (lupe-search) do not link TextDecoder and,
// through it, ICU's charset detector in libicui18n, which every process would load at start.

#include <string_view>

namespace lupe {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

}  // namespace lupe
