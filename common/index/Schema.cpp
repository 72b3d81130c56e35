#include "index/Schema.h"

#include "analysis/Normalizer.h"
#include "index/StoredArticle.h"

namespace lupe::schema {

std::string filter_term(std::string_view prefix, std::string_view value) {
    static const analysis::Normalizer normalizer;
    return std::string(prefix) + normalizer.normalize(value);
}

}  // namespace lupe::schema

namespace lupe::schema {

std::string id_term(std::string_view id) {
    std::string term = std::string(kIdPrefix) + std::string(id);
    if (term.size() <= kMaxIdTermBytes) return term;
    const std::string hash = content_hash(std::string(id));
    std::size_t keep = kMaxIdTermBytes - hash.size() - 1;
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;  // UTF-8
    return term.substr(0, keep) + "#" + hash;
}

}  // namespace lupe::schema
