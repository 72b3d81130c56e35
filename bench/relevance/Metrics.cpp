#include "Metrics.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace lupe::bench {

QueryScore score_query(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant) {
    const std::unordered_set<std::string> wanted(relevant.begin(), relevant.end());
    QueryScore score;
    if (wanted.empty()) return score;
    std::size_t found10 = 0, found100 = 0;
    double dcg = 0;
    const std::size_t depth = std::min<std::size_t>(ranked.size(), 100);
    for (std::size_t i = 0; i < depth; ++i) {
        if (!wanted.contains(ranked[i])) continue;
        const std::size_t rank = i + 1;
        if (score.first_relevant_rank == 0) score.first_relevant_rank = rank;
        ++found100;
        if (rank <= 10) {
            ++found10;
            dcg += 1.0 / std::log2(static_cast<double>(rank) + 1.0);
        }
    }
    double ideal = 0;
    for (std::size_t rank = 1; rank <= std::min<std::size_t>(wanted.size(), 10); ++rank) {
        ideal += 1.0 / std::log2(static_cast<double>(rank) + 1.0);
    }
    const auto n = static_cast<double>(wanted.size());
    if (score.first_relevant_rank >= 1 && score.first_relevant_rank <= 10) {
        score.rr10 = 1.0 / static_cast<double>(score.first_relevant_rank);
    }
    score.recall10 = static_cast<double>(found10) / n;
    score.recall100 = static_cast<double>(found100) / n;
    score.ndcg10 = dcg / ideal;
    return score;
}

void MetricMeans::add(const QueryScore& score) {
    ++queries_;
    rr10_ += score.rr10;
    recall10_ += score.recall10;
    recall100_ += score.recall100;
    ndcg10_ += score.ndcg10;
}

namespace {

std::vector<std::string> ranking_with_hits_at(std::initializer_list<std::size_t> ranks, std::size_t length) {
    std::vector<std::string> ranked;
    for (std::size_t i = 1; i <= length; ++i) {
        const bool hit = std::find(ranks.begin(), ranks.end(), i) != ranks.end();
        std::string id(hit ? "r" : "n");
        id += std::to_string(i);
        ranked.push_back(std::move(id));
    }
    return ranked;
}

}  // namespace

bool metrics_self_test(std::ostream& out) {
    struct Case {
        const char* name;
        std::vector<std::string> ranked;
        std::vector<std::string> relevant;
        QueryScore expected;
    };
    const double l3 = 1.0 / std::log2(3.0), l4 = 1.0 / std::log2(4.0);
    const std::vector<Case> cases = {
        {"first hit at rank 1", ranking_with_hits_at({1}, 20), {"r1"}, {1.0, 1.0, 1.0, 1.0, 1}},
        {"first hit at rank 3", ranking_with_hits_at({3}, 20), {"r3"}, {1.0 / 3, 1.0, 1.0, 0.5, 3}},
        {"hit at rank 11 only counts for R@100", ranking_with_hits_at({11}, 20), {"r11"}, {0, 0, 1.0, 0, 11}},
        {"no hit", ranking_with_hits_at({}, 20), {"r5"}, {0, 0, 0, 0, 0}},
        {"empty result", {}, {"r1"}, {0, 0, 0, 0, 0}},
        {"two relevant, one found at 2", ranking_with_hits_at({2}, 20), {"r2", "x"}, {0.5, 0.5, 0.5, l3 / (1 + l3), 2}},
        {"two relevant at 2 and 3", ranking_with_hits_at({2, 3}, 20), {"r2", "r3"}, {0.5, 1.0, 1.0, (l3 + l4) / (1 + l3), 2}},
        {"relevant listed twice counts once", ranking_with_hits_at({1}, 5), {"r1", "r1"}, {1.0, 1.0, 1.0, 1.0, 1}},
        {"rank 101 is beyond R@100", ranking_with_hits_at({101}, 120), {"r101"}, {0, 0, 0, 0, 0}},
        {"hits at 1 and 11", ranking_with_hits_at({1, 11}, 20), {"r1", "r11"}, {1.0, 0.5, 1.0, 1.0 / (1 + l3), 1}},
    };
    bool ok = true;
    auto check = [&](const char* name, const char* metric, double got, double want) {
        if (std::fabs(got - want) > 1e-9) {
            out << "metrics self-test: " << name << ": " << metric << " = " << got << ", expected " << want << '\n';
            ok = false;
        }
    };
    for (const auto& c : cases) {
        const QueryScore s = score_query(c.ranked, c.relevant);
        check(c.name, "RR@10", s.rr10, c.expected.rr10);
        check(c.name, "R@10", s.recall10, c.expected.recall10);
        check(c.name, "R@100", s.recall100, c.expected.recall100);
        check(c.name, "nDCG@10", s.ndcg10, c.expected.ndcg10);
        check(c.name, "first rank", static_cast<double>(s.first_relevant_rank),
              static_cast<double>(c.expected.first_relevant_rank));
    }
    MetricMeans means;
    means.add(score_query(ranking_with_hits_at({1}, 5), {"r1"}));
    means.add(score_query(ranking_with_hits_at({2}, 5), {"r2"}));
    means.add(score_query({}, {"r1"}));
    check("means over 3 queries", "MRR@10", means.mrr10(), 0.5);
    check("means over 3 queries", "R@10", means.recall10(), 2.0 / 3);
    check("means over 3 queries", "queries", static_cast<double>(means.queries()), 3);
    return ok;
}

}  // namespace lupe::bench
