#include "search/RequestText.h"

namespace lupe {

SearchRequest build_request(const RequestText& text) {
    SearchRequest r;
    r.query = text.query;
    r.sources = text.sources;
    r.topics = text.topics;
    if (!text.from.empty()) r.from = parse_date_bound(text.from, false, "from");
    if (!text.to.empty()) r.to = parse_date_bound(text.to, true, "to");
    r.facets = parse_facets(text.facets);
    if (!text.sort.empty()) r.sort = parse_sort(text.sort);
    r.limit = text.limit;
    r.offset = text.offset;
    r.recency_half_life_days = text.recency;
    r.collapse = text.collapse;
    r.exact_total = text.exact_total;
    r.validate();
    return r;
}

}  // namespace lupe
