#include "index/ClusterAssigner.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "index/BandTable.h"
#include "index/NearDuplicate.h"
#include "index/Schema.h"

namespace lupe {
namespace {

std::string band_term(std::size_t band, std::uint64_t hash) {
    return std::string(schema::kBandPrefix) + neardup::band_key(band, hash);
}

// The stored signatures of the documents looked at, each fetched once.
class StoredSignatures {
public:
    explicit StoredSignatures(const Xapian::Database& db) : db_(db) {}

    // nullptr: no such document (deleted since its docid was listed) or no signature.
    const neardup::Signature* of(Xapian::docid did) {
        for (const auto& [known, signature] : fetched_) {
            if (known == did) return signature ? &*signature : nullptr;
        }
        // Lazily: the values need no read of the document's termlist; a deleted document has
        // none, so its signature does not decode (a remote shard may still say it is gone).
        std::optional<neardup::Signature> signature;
        try {
            signature = neardup::decode(
                db_.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kSignatureSlot));
        } catch (const Xapian::DocNotFoundError&) {
        }
        fetched_.emplace_back(did, signature);
        return fetched_.back().second ? &*fetched_.back().second : nullptr;
    }

private:
    const Xapian::Database& db_;
    std::vector<std::pair<Xapian::docid, std::optional<neardup::Signature>>> fetched_;
};

// The documents of one band, oldest first: from the table every docid listed under the hash,
// from the index the postings of the band term (which are exactly the band's documents).
void band_candidates(const Xapian::Database& db, const BandTable* bands, std::size_t band,
                     std::uint64_t hash, std::vector<Xapian::docid>& out) {
    out.clear();
    if (bands) {
        bands->candidates(hash, out);
        return;
    }
    const std::string term = band_term(band, hash);
    for (auto post = db.postlist_begin(term); post != db.postlist_end(term) && out.size() < kMaxPerBand; ++post) {
        out.push_back(*post);
    }
}

}  // namespace

BestCopy best_copy(const Xapian::Database& db, const BandTable* bands, const neardup::Signature& signature,
                   const std::function<bool(Xapian::docid)>& eligible, const KnownCopies& known) {
    const neardup::BandHashes hashes = neardup::band_hashes(signature);
    StoredSignatures stored(db);
    std::vector<Xapian::docid> compared;
    std::vector<Xapian::docid> candidates;
    BestCopy best{neardup::kThreshold, {}};
    if (bands) {
        for (const std::uint64_t hash : hashes) bands->prefetch(hash);  // 32 cache misses at once, not in turn
    }
    for (std::size_t band = 0; band < neardup::kBands; ++band) {
        band_candidates(db, bands, band, hashes[band], candidates);
        Xapian::doccount looked_at = 0;
        for (const Xapian::docid did : candidates) {
            if (looked_at == kMaxPerBand) break;
            if (!eligible(did)) continue;
            const StoredCopy* held = known ? known(did) : nullptr;
            const neardup::Signature* other = held ? (held->signature ? &*held->signature : nullptr) : stored.of(did);
            // A listed docid is in the band only if its stored signature still is (the table
            // keeps the bands of replaced and deleted documents, and 32 bits of each hash).
            if (!other || neardup::band_hash(*other, band) != hashes[band]) continue;
            ++looked_at;
            if (std::find(compared.begin(), compared.end(), did) != compared.end()) continue;
            compared.push_back(did);
            const double s = neardup::similarity(signature, *other);
            if (s > best.similarity || (s == best.similarity && best.key.empty())) {
                std::string key =
                    held ? held->key : db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kClusterSlot);
                if (key.empty()) continue;
                best.similarity = s;
                best.key = std::move(key);
            }
        }
    }
    if (best.key.empty()) best.similarity = 0;
    return best;
}

namespace {

std::string alias_metadata_key(const std::string& key) {
    return std::string(schema::kMetaClusterAliasPrefix) + key;
}

std::vector<std::string> split_aliases(const std::string& list) {
    std::vector<std::string> keys;
    std::size_t start = 0;
    while (start < list.size()) {
        const std::size_t end = std::min(list.find(' ', start), list.size());
        if (end > start) keys.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return keys;
}

// The key of the document's cluster term: read from its termlist alone (skip_to), which needs
// no positions.
std::string cluster_term_key(const Xapian::Document& doc) {
    auto term = doc.termlist_begin();
    term.skip_to(std::string(schema::kClusterPrefix));
    if (term == doc.termlist_end() || !(*term).starts_with(schema::kClusterPrefix)) return {};
    return (*term).substr(schema::kClusterPrefix.size());
}

}  // namespace

void relabel_cluster(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key) {
    // get_document and replace_document of the same handle: Xapian then writes only what
    // changed, here one value.
    Xapian::Document doc = db.get_document(did);
    const std::string term_key = cluster_term_key(doc);
    doc.add_value(schema::kClusterSlot, key);
    db.replace_document(did, doc);
    if (term_key.empty() || term_key == key) return;
    const std::string meta = alias_metadata_key(key);
    std::string list = db.get_metadata(meta);
    const auto known = split_aliases(list);
    if (std::find(known.begin(), known.end(), term_key) != known.end()) return;
    db.set_metadata(meta, list.empty() ? term_key : list + ' ' + term_key);
}

std::vector<std::string> cluster_aliases(const Xapian::Database& db, const std::string& key) {
    return split_aliases(db.get_metadata(alias_metadata_key(key)));
}

Xapian::Query cluster_members(const std::string& key, const std::vector<std::string>& aliases) {
    std::vector<Xapian::Query> terms{Xapian::Query(std::string(schema::kClusterPrefix) + key)};
    for (const auto& alias : aliases) terms.emplace_back(std::string(schema::kClusterPrefix) + alias);
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kClusterSlot, key, key));
}

void assign_cluster(const Xapian::Database& db, Xapian::Document& doc, std::string_view id,
                    std::optional<Xapian::docid> self, const BandTable* bands) {
    std::string key;
    if (const auto signature = neardup::decode(doc.get_value(schema::kSignatureSlot))) {
        key = best_copy(db, bands, *signature, [&](Xapian::docid did) { return !self || did != *self; }).key;
    }
    if (key.empty()) {
        key = neardup::hex_hash(std::string(id) + '\0' + doc.get_value(schema::kContentHashSlot));
    }
    doc.add_value(schema::kClusterSlot, key);
    doc.add_boolean_term(std::string(schema::kClusterPrefix) + key);
}

void add_band_terms(Xapian::Document& doc) {
    const auto signature = neardup::decode(doc.get_value(schema::kSignatureSlot));
    if (!signature) return;
    const neardup::BandHashes hashes = neardup::band_hashes(*signature);
    for (std::size_t band = 0; band < neardup::kBands; ++band) doc.add_boolean_term(band_term(band, hashes[band]));
}

}  // namespace lupe
