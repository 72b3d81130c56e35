#pragma once
// ClusterAssigner: gives a document about to be written the cluster key of its near-duplicates
// (the collapse key of search results), found among the documents of the index being written.
//
// Contract:
//  - candidates are the documents whose stored signature shares a MinHash band with the new
//    one (at most kMaxPerBand per band, the oldest first); a candidate is a copy when the
//    similarity of the stored signatures is >= neardup::kThreshold; the new document takes
//    the key of its most similar copy (the first one on ties), so a story keeps the key of the
//    first article of it that was indexed; copies of copies join the same cluster (single
//    link); clusters are never merged afterwards: two copies indexed before the text that
//    links them stay apart, and the linking text joins the more similar of the two;
//  - without a copy, or without a signature (text too short), the key is new: a hash of the
//    id and the content hash, so an article replaced by a different text does not stay in
//    its old cluster;
//  - `self` (the docid the same id has now, when replacing) is never its own candidate;
//  - the key is only a label: deleting an article leaves the others of its cluster together;
//  - where the candidates come from: `bands`, the writer's BandTable of every document in `db`
//    (a local index), or, when it is null, the band terms of `db` (a remote shard, whose
//    documents carry their bands as terms: add_band_terms); the outcome is the same;
//  - sets kClusterSlot and the kClusterPrefix term on `doc`; run by the single writer, in
//    input order, so the result does not depend on the number of analysis threads. A
//    WritableDatabase sees its own uncommitted documents, so copies within one batch meet;
//  - a sharded index's writers look in their own shard only; ShardedWriter then looks in
//    every shard with `best_copy` (IndexWriter.h).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "index/NearDuplicate.h"

namespace lupe {

inline constexpr Xapian::doccount kMaxPerBand = 32;

class BandTable;

// The most similar copy found: its similarity and cluster key (empty: no copy).
struct BestCopy {
    double similarity = 0;
    std::string key;
};

// A document's stored signature (none: it has none, or it is gone) and cluster key.
struct StoredCopy {
    std::optional<neardup::Signature> signature;
    std::string key;
};

// Where best_copy may find a candidate's StoredCopy without reading the index: nullptr (or an
// empty function) means "read it from the index". The caller answers for documents whose
// values it holds as the index has them (ShardedWriter's pass: the run's documents).
using KnownCopies = std::function<const StoredCopy*(Xapian::docid)>;

// The most similar copy of `signature` (similarity >= neardup::kThreshold; the first on ties)
// among the documents of `db` for which `eligible(docid)` holds, found as described above
// (`bands` or band terms). A candidate that is not eligible is passed over without counting
// towards kMaxPerBand. ShardedWriter uses it to look for copies in every shard.
BestCopy best_copy(const Xapian::Database& db, const BandTable* bands, const neardup::Signature& signature,
                   const std::function<bool(Xapian::docid)>& eligible, const KnownCopies& known = {});

// Moves document `did` of `db` to cluster `key`, in place and cheaply: only its kClusterSlot
// value changes; it keeps the kClusterPrefix term it was written with, and the metadata entry
// kMetaClusterAliasPrefix + key of `db` lists that term's key (once). Changing a term would make
// Xapian 1.4 read the positions of every term of the document first (1.5 ms a document, against
// about 0.05 ms for the value; bench/RESULTS.md, "Near-duplicates across shards").
void relabel_cluster(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key);

// The cluster keys that documents of `db` carry as kClusterPrefix terms while their value is
// `key` (relabel_cluster): the alias list of `db`'s metadata.
std::vector<std::string> cluster_aliases(const Xapian::Database& db, const std::string& key);

// The documents of cluster `key`: those with its term or one of `aliases` (from every shard,
// cluster_aliases) whose kClusterSlot value is `key`. Exact whether or not anything was relabeled.
Xapian::Query cluster_members(const std::string& key, const std::vector<std::string>& aliases);

void assign_cluster(const Xapian::Database& db, Xapian::Document& doc, std::string_view id,
                    std::optional<Xapian::docid> self, const BandTable* bands);

// Adds a term (schema::kBandPrefix) per band of `doc`'s signature, if it has one: how a remote
// shard, which has no BandTable, finds candidates.
void add_band_terms(Xapian::Document& doc);

}  // namespace lupe
