#pragma once
// The index schema: every term prefix, value slot and metadata key Lupe writes, in one place.
// README.md ("Index schema") documents the same table for users of xapian-delve and quest.

#include <string>
#include <string_view>

#include <xapian.h>

namespace lupe::schema {

// Bumped whenever the meaning of a term, value or the stored data changes.
inline constexpr std::string_view kSchemaVersion = "2";  // 2: near-duplicate signature, bands, cluster

// ---- Free-text terms (stems from the GermanAnalyzer) --------------------------------------
// Unprefixed terms hold all text (title, lead and body) for plain queries; title and lead
// words are counted several times (wdf), which is how BM25 weights them above body words.
// Every document. A new query each time: copying the static Xapian::Query::MatchAll changes
// its reference count, which Xapian 1.4 does not guard, so threads copying it at once corrupt
// it (a crash seen in tests/index/ReliabilityTest.cpp with two searching threads).
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

inline constexpr std::string_view kTitlePrefix = "S";   // title:  (Xapian's "subject")
inline constexpr std::string_view kLeadPrefix = "XL";   // lead:
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kLeadWdf = 2;
inline constexpr Xapian::termcount kBodyWdf = 1;
// Positions: title from 1, lead and body each start after a gap so phrases never span fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// ---- Boolean filter terms (exact, case-folded values) --------------------------------------
inline constexpr std::string_view kIdPrefix = "Q";      // unique id term
inline constexpr std::string_view kSourcePrefix = "XS";
inline constexpr std::string_view kTopicPrefix = "XT";
inline constexpr std::string_view kYearPrefix = "Y";    // Y2024
inline constexpr std::string_view kMonthPrefix = "M";   // M202410
inline constexpr std::string_view kDayPrefix = "D";     // D20241008
// Near-duplicates (index/NearDuplicate.h): the cluster key, to list the copies of an article;
// and, in a remote shard's documents only, one term per MinHash band, to find candidate
// copies while indexing (a local index keeps its bands in the writer's memory, BandTable.h;
// indexes written before that hold these terms in every document, unused).
inline constexpr std::string_view kBandPrefix = "XB";   // XB<band 2 hex><hash 16 hex>
inline constexpr std::string_view kClusterPrefix = "XC";  // XC<cluster key>

// ---- Values ---------------------------------------------------------------------------------
inline constexpr Xapian::valueno kDateSlot = 0;         // "YYYYMMDD": sorting and ranges
inline constexpr Xapian::valueno kSourceSlot = 1;       // display form, for facets
inline constexpr Xapian::valueno kTopicSlot = 2;        // display form, for facets
inline constexpr Xapian::valueno kMonthSlot = 3;        // "YYYY-MM", for facets
inline constexpr Xapian::valueno kContentHashSlot = 4;  // hex hash of the stored article
inline constexpr Xapian::valueno kSignatureSlot = 5;    // MinHash signature (binary), if any
// Cluster key (16 hex digits), the collapse key: copies of one text share it. Set by the
// IndexWriter, never empty: an article without a copy has a key of its own. The value is the
// truth; the document's `XC` term holds the key it was written with, which differs after a
// relabel (kMetaClusterAliasPrefix, cluster_members in ClusterAssigner.h).
inline constexpr Xapian::valueno kClusterSlot = 6;
// The positions of the document's words (index/PositionBlob.h), for a shard that keeps them in
// values (kMetaPositions); then Xapian's position table is empty. Not written yet.
inline constexpr Xapian::valueno kPositionsSlot = 7;

// ---- Metadata keys --------------------------------------------------------------------------
inline constexpr const char* kMetaSchema = "lupe.schema";
inline constexpr const char* kMetaAnalyzer = "lupe.analyzer";
// Where the shard keeps word positions: kPositionsInValues (kPositionsSlot), else (absent, as in
// every index Lupe writes today, or kPositionsInTable) Xapian's position table.
inline constexpr const char* kMetaPositions = "lupe.positions";
inline constexpr std::string_view kPositionsInValues = "values";
inline constexpr std::string_view kPositionsInTable = "table";
// "lupe.cluster-alias." + cluster key K: the other cluster keys (space-separated) whose `XC`
// terms documents of this database carry although their value says K: documents that
// the cross-shard pass moved to cluster K after they were written (IndexWriter::relabel).
inline constexpr std::string_view kMetaClusterAliasPrefix = "lupe.cluster-alias.";

// Xapian terms hold at most 245 bytes: an id or filter value whose term would be longer than
// kMaxTermBytes (e.g. a long URL) keeps its start and gets a hash of the whole value appended.
inline constexpr std::size_t kMaxTermBytes = 200;

// The boolean term of a filter value: prefix + case-folded value (`XSeulerpool`).
std::string filter_term(std::string_view prefix, std::string_view value);

// The unique id term `Q<id>`.
std::string id_term(std::string_view id);

}  // namespace lupe::schema
