#include "index/Schema.h"

#include "analysis/Normalizer.h"

namespace lupe::schema {

std::string filter_term(std::string_view prefix, std::string_view value) {
    static const analysis::Normalizer normalizer;
    return std::string(prefix) + normalizer.normalize(value);
}

}  // namespace lupe::schema
