#include "analysis/Stemmer.h"

#include <stdexcept>

#include <libstemmer.h>

namespace lupe::analysis {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new(algorithm, "UTF_8")) {
    if (!stemmer_) throw std::runtime_error("libstemmer has no German stemmer");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::stem(std::string_view word) {
    const sb_symbol* out = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!out) throw std::bad_alloc();
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace lupe::analysis
