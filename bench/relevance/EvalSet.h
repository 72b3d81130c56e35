#pragma once
// EvalSet: one retrieval evaluation folder of the shared data (README section 2):
// `passages.jsonl` ({"id", "body", ...}) and `queries.jsonl` ({"qid", "query", "relevant", "splits"?}).
//
// Contract:
//  - the set's name is the folder's name (`xglue_qam_de`);
//  - a query with a "splits" list is kept when one of its splits is selected (or all are);
//    a query without "splits" (xquad_de, mlqa_de_dev) is always kept;
//  - `queries_limit` > 0 keeps only the first that many selected queries (quick runs);
//  - a missing file or a line that is not a query throws std::runtime_error naming file:line.

#include <cstddef>
#include <string>
#include <vector>

namespace lupe::bench {

struct EvalQuery {
    std::string qid;
    std::string query;
    std::vector<std::string> relevant;
};

struct EvalSet {
    std::string name;
    std::string passages_path;
    std::vector<EvalQuery> queries;
    bool has_splits = false;  // its queries carry "splits" (the selection applied)
};

// Which "splits" to keep: a comma list of split names (`dev,test`), or `all`.
class SplitSelection {
public:
    explicit SplitSelection(const std::string& spec);
    bool keeps(const std::vector<std::string>& query_splits) const;
    const std::string& spec() const { return spec_; }

private:
    std::string spec_;
    bool all_ = false;
    std::vector<std::string> names_;
};

EvalSet load_eval_set(const std::string& folder, const SplitSelection& splits, std::size_t queries_limit);

// Reads the "id" and "body" of every passage, in file order.
struct Passage {
    std::string id;
    std::string body;
};
std::vector<Passage> load_passages(const std::string& path);

}  // namespace lupe::bench
