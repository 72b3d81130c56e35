#include "index/IndexStats.h"

#include <algorithm>

#include "index/Schema.h"

namespace lupe {
namespace {

std::vector<ValueCount> sorted_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::vector<ValueCount> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        out.push_back({*it, it.get_termfreq()});
    }
    std::stable_sort(out.begin(), out.end(), [](const ValueCount& a, const ValueCount& b) {
        return a.count > b.count || (a.count == b.count && a.value < b.value);
    });
    return out;
}

}  // namespace

IndexStats collect_stats(const Xapian::Database& db) {
    IndexStats stats;
    stats.documents = db.get_doccount();
    try {
        stats.revision = db.get_revision();
    } catch (const Xapian::Error&) {
    }
    if (stats.documents == 0) return stats;

    Xapian::Enquire enquire(db);
    enquire.set_query(schema::match_all());
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
    Xapian::ValueCountMatchSpy topics(schema::kTopicSlot);
    enquire.add_matchspy(&sources);
    enquire.add_matchspy(&topics);
    enquire.get_mset(0, 0, db.get_doccount());
    stats.sources = sorted_counts(sources);
    stats.topics = sorted_counts(topics);

    stats.without_date = stats.documents - db.get_value_freq(schema::kDateSlot);
    if (db.get_value_freq(schema::kDateSlot) > 0) {
        stats.first_date = Date::from_compact(db.get_value_lower_bound(schema::kDateSlot));
        stats.last_date = Date::from_compact(db.get_value_upper_bound(schema::kDateSlot));
    }
    return stats;
}

}  // namespace lupe
