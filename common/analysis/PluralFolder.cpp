#include "analysis/PluralFolder.h"

namespace lupe::analysis {

void fold_loanword_plural(std::string& stem) {
    const std::size_t n = stem.size();
    if (n < 4 || stem[n - 1] != 's') return;
    const char before = stem[n - 2];
    if (before == 'p' || before == 'o' || before == 'y' || before == 'a') stem.pop_back();
}

}  // namespace lupe::analysis
