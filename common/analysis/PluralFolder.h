#pragma once
// PluralFolder: the English-style plural `-s` of loanwords, which Snowball's German stemmer
// keeps (`Chips`, `Laptops`, `Autos`, `Handys`, `Kameras`).
//
// Contract: input is a Snowball stem; a stem of at least 4 bytes ending in `s` after `p`, `o`,
// `y` or `a` loses that `s` (`chips` -> `chip`, `autos` -> `auto`). Snowball already removes
// `-s` after b, d, f, g, h, k, l, m, n, r, t; `u` and `i` are left alone on purpose (`haus`,
// `preis` must not become `hau`, `prei`). Applied after stemming, so every inflected form of
// one word still meets on one term. Stateless.

#include <string>

namespace lupe::analysis {

void fold_loanword_plural(std::string& stem);

}  // namespace lupe::analysis
