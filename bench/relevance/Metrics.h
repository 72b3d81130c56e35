#pragma once
// Metrics: rank-based retrieval metrics with binary relevance, per query and averaged.
//
// Contract:
//  - `ranked` is the engine's result list, best first (at most 100 ids are looked at);
//    `relevant` the judged-relevant ids (duplicates count once);
//  - RR@10 = 1 / rank of the first relevant id within the top 10, else 0;
//  - Recall@k = |relevant ∩ top k| / |relevant|;
//  - nDCG@10 = DCG@10 / ideal DCG@10, DCG = Σ rel_i / log2(i + 1) with rel_i ∈ {0, 1};
//  - a query with no relevant ids scores 0 everywhere (the eval sets have none such);
//  - the mean of a metric is over every query scored, failures included (they score 0).

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace lupe::bench {

struct QueryScore {
    double rr10 = 0;
    double recall10 = 0;
    double recall100 = 0;
    double ndcg10 = 0;
    std::size_t first_relevant_rank = 0;  // 1-based within the top 100; 0: none
};

QueryScore score_query(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant);

class MetricMeans {
public:
    void add(const QueryScore& score);
    std::size_t queries() const { return queries_; }
    double mrr10() const { return mean(rr10_); }
    double recall10() const { return mean(recall10_); }
    double recall100() const { return mean(recall100_); }
    double ndcg10() const { return mean(ndcg10_); }

private:
    double mean(double sum) const { return queries_ ? sum / static_cast<double>(queries_) : 0.0; }
    std::size_t queries_ = 0;
    double rr10_ = 0, recall10_ = 0, recall100_ = 0, ndcg10_ = 0;
};

// Checks the metrics on hand-computed cases; writes each failure to `out`. True when all pass.
bool metrics_self_test(std::ostream& out);

}  // namespace lupe::bench
