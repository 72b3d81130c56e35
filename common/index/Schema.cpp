#include "index/Schema.h"

#include "analysis/Normalizer.h"
#include "index/StoredArticle.h"

namespace lupe::schema {

namespace {

// Xapian terms hold at most 245 bytes: a longer term keeps its start (cut at a UTF-8 character
// boundary) and gets a hash of the whole value appended, so distinct values stay distinct.
std::string bounded_term(std::string term, std::string_view value) {
    if (term.size() <= kMaxTermBytes) return term;
    const std::string hash = content_hash(std::string(value));
    std::size_t keep = kMaxTermBytes - hash.size() - 1;
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;  // UTF-8
    return term.substr(0, keep) + "#" + hash;
}

}  // namespace

std::string filter_term(std::string_view prefix, std::string_view value) {
    static const analysis::Normalizer normalizer;
    const std::string folded = normalizer.normalize(value);
    return bounded_term(std::string(prefix) + folded, folded);
}

std::string id_term(std::string_view id) {
    return bounded_term(std::string(kIdPrefix) + std::string(id), id);
}

}  // namespace lupe::schema
