#pragma once
// Comparing the answers of two Searchers over the same articles laid out differently (one
// index vs shards, local vs remote shards): exact, but aware of ties in ranking.
//
// Why tie-aware: both layouts give every article the same weight (a combined database uses
// collection-wide statistics), but articles of EQUAL weight are ordered by docid, and docids
// differ between layouts (a combined database interleaves its shards' docids). So the check
// is: the top-k weights are equal (rounded to 1e-6); the ids above the lowest weight of the
// page are the same set per weight; the ids the first layout shows at the lowest weight are
// articles the second layout also ranks at exactly that weight (it may show others of them
// on the page). Totals and every facet count must be equal.

#include <string>

#include "search/Searcher.h"

namespace lupe::test {

// Runs `request` on both and REQUIREs the same answer as described above. `label` names the
// request in failure messages.
void require_same_answers(Searcher& expected, Searcher& actual, const SearchRequest& request,
                          const std::string& label);

}  // namespace lupe::test
