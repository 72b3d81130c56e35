#include "index/ClusterAssigner.h"

#include <algorithm>
#include <vector>

#include "index/NearDuplicate.h"
#include "index/Schema.h"
#include "index/TermFilter.h"

namespace lupe {
namespace {

// The key of the most similar earlier copy of `signature`; empty when there is none.
std::string key_of_best_copy(const Xapian::Database& db, const Xapian::Document& doc,
                             const neardup::Signature& signature, std::optional<Xapian::docid> self,
                             const TermFilter* written) {
    std::vector<Xapian::docid> seen;
    std::string best_key;
    double best = neardup::kThreshold;
    for_each_band_term(doc, [&](const std::string& term) {
        if (written && !written->may_contain(term)) return;
        Xapian::doccount looked_at = 0;
        for (auto post = db.postlist_begin(term); post != db.postlist_end(term) && looked_at < kMaxPerBand;
             ++post, ++looked_at) {
            const Xapian::docid did = *post;
            if ((self && did == *self) || std::find(seen.begin(), seen.end(), did) != seen.end()) continue;
            seen.push_back(did);
            const Xapian::Document other = db.get_document(did, Xapian::DOC_ASSUME_VALID);
            const auto other_signature = neardup::decode(other.get_value(schema::kSignatureSlot));
            if (!other_signature) continue;
            const double s = neardup::similarity(signature, *other_signature);
            if (s > best || (s == best && best_key.empty())) {
                const std::string key = other.get_value(schema::kClusterSlot);
                if (key.empty()) continue;
                best = s;
                best_key = key;
            }
        }
    });
    return best_key;
}

}  // namespace

void assign_cluster(const Xapian::Database& db, Xapian::Document& doc, std::string_view id,
                    std::optional<Xapian::docid> self, const TermFilter* written) {
    std::string key;
    if (const auto signature = neardup::decode(doc.get_value(schema::kSignatureSlot))) {
        key = key_of_best_copy(db, doc, *signature, self, written);
    }
    if (key.empty()) {
        key = neardup::hex_hash(std::string(id) + '\0' + doc.get_value(schema::kContentHashSlot));
    }
    doc.add_value(schema::kClusterSlot, key);
    doc.add_boolean_term(std::string(schema::kClusterPrefix) + key);
}

}  // namespace lupe
