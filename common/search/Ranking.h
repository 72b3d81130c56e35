#pragma once
// Ranking: every knob of Lupe's relevance ranking in one struct, with defaults chosen on the
// train split of xglue_qam_de (bench/RESULTS.md, section "Ranking": the grid, the figures,
// why), and the two pieces built from it: the BM25 weighting scheme and the proximity bonus.
// Searcher (CLI, HTTP, lupe-relevance) ranks with exactly these; only lupe-relevance
// overrides them, from its command line, to measure.
//
// Contract:
//  - RankingOptions{} are the tuned defaults;
//  - weighting(): Xapian::BM25Weight(k1, 0, 1, b, 0.5), or BM25PlusWeight with the same
//    parameters when `bm25_plus_delta` > 0;
//  - proximity_bonus(parsed): for each two neighbouring words of a parsed query (same field,
//    not negated, not the same term; the QueryParser has already dropped stopwords outside
//    phrases), an OP_NEAR of the two within `proximity_window` positions; all OR-ed and
//    scaled by `proximity_weight`. Empty (Xapian::Query()) for fewer than two words or a
//    weight of 0. Meant as the right side of OP_AND_MAYBE: it adds weight, matches nothing
//    new;
//  - field weights (title, lead, body wdf) are chosen at index time: index/Schema.h.
//
// Stopwords cost nothing: the indexer gives them wdf 0 (no BM25 weight, no document length)
// but keeps their positions, so "Leistung beim Rechnen" still works as a phrase and a
// proximity window counts the stopwords between two words.

#include <memory>

#include <xapian.h>

namespace lupe {

struct RankingOptions {
    // BM25 term frequency saturation (k1) and document length normalisation (b, 0..1).
    // Chosen on xglue_qam_de train together with mlqa_de_dev (a dev set): k1 0.6 gains 0.0025
    // MRR@10 on xglue train but loses 0.005 on mlqa dev, so k1 stays at 1.0 (Xapian's
    // default); b 0.5 is best on train (0.75, 0.3 lower) and level on mlqa dev.
    double bm25_k1 = 1.0;
    double bm25_b = 0.5;
    // > 0: BM25+ (a floor of `delta` for every matching term, whatever the length).
    double bm25_plus_delta = 0.0;
    // Extra weight factor for articles that hold every query word, so that they rank above
    // articles that hold only some (BM25 term weights vary by a factor of ~7 at most).
    double all_words_boost = 8.0;
    // Bonus for two neighbouring query words standing within `proximity_window` positions
    // of each other (stopwords in between count); 0 turns it off. Off: on train every
    // weight tried lowered MRR@10 (1: -0.022, 2: -0.031), so it is kept only as an option.
    double proximity_weight = 0.0;
    Xapian::termcount proximity_window = 4;
};

std::unique_ptr<Xapian::Weight> weighting(const RankingOptions& options);

Xapian::Query proximity_bonus(const Xapian::Query& parsed, const RankingOptions& options);

}  // namespace lupe
