#pragma once
// IndexStats: what `lupe-index stats` reports about an index.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "article/Article.h"

namespace lupe {

struct ValueCount {
    std::string value;
    std::uint64_t count;
};

struct IndexStats {
    std::uint64_t documents = 0;
    std::uint64_t revision = 0;
    std::vector<ValueCount> sources;  // by count, descending
    std::vector<ValueCount> topics;
    std::optional<Date> first_date;
    std::optional<Date> last_date;
    std::uint64_t without_date = 0;
};

IndexStats collect_stats(const Xapian::Database& db);

}  // namespace lupe
