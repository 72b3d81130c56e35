#pragma once
// ClusterAssigner: gives a document about to be written the cluster key of its near-duplicates
// (the collapse key of search results), looking them up in the index being written.
//
// Contract:
//  - candidates are the documents sharing a MinHash band term with the new one (at most
//    kMaxPerBand per band, the oldest first); a candidate is a copy when the similarity of
//    the stored signatures is >= neardup::kThreshold; the new document takes the key of its
//    most similar copy (the first one on ties), so a story keeps the key of the first
//    article of it that was indexed; copies of copies join the same cluster (single link);
//    clusters are never merged afterwards: two copies indexed before the text that links
//    them stay apart, and the linking text joins the more similar of the two;
//  - without a copy, or without a signature (text too short), the key is new: a hash of the
//    id and the content hash, so an article replaced by a different text does not stay in
//    its old cluster;
//  - `self` (the docid the same id has now, when replacing) is never its own candidate;
//  - the key is only a label: deleting an article leaves the others of its cluster together;
//  - `written` (optional): a filter that every band term in `db` has passed (TermFilter.h); a
//    band term it rules out is not looked up, with the same result;
//  - sets kClusterSlot and the kClusterPrefix term on `doc`; run by the single writer, in
//    input order, so the result does not depend on the number of analysis threads. A
//    WritableDatabase sees its own uncommitted documents, so copies within one batch meet.

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "index/Schema.h"

namespace lupe {

inline constexpr Xapian::doccount kMaxPerBand = 32;

class TermFilter;

void assign_cluster(const Xapian::Database& db, Xapian::Document& doc, std::string_view id,
                    std::optional<Xapian::docid> self, const TermFilter* written = nullptr);

// Calls `f(term)` for each near-duplicate band term of `doc` (schema::kBandPrefix), in order.
template <typename F>
void for_each_band_term(const Xapian::Document& doc, F&& f) {
    auto term = doc.termlist_begin();
    for (term.skip_to(std::string(schema::kBandPrefix)); term != doc.termlist_end(); ++term) {
        const std::string name = *term;
        if (name.compare(0, schema::kBandPrefix.size(), schema::kBandPrefix) != 0) break;
        f(name);
    }
}

}  // namespace lupe
