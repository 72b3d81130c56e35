#include "EvalSet.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace lupe::bench {
namespace {

void for_each_json_line(const std::string& path, const std::function<void(const nlohmann::json&)>& visit) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            visit(nlohmann::json::parse(line));
        } catch (const nlohmann::json::exception& e) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + e.what());
        }
    }
}

}  // namespace

SplitSelection::SplitSelection(const std::string& spec) : spec_(spec) {
    std::size_t start = 0;
    while (start <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', start), spec.size());
        std::string name = spec.substr(start, comma - start);
        if (name == "all") all_ = true;
        else if (!name.empty()) names_.push_back(std::move(name));
        start = comma + 1;
    }
    if (!all_ && names_.empty()) throw std::invalid_argument("no split named in '" + spec + "'");
}

bool SplitSelection::keeps(const std::vector<std::string>& query_splits) const {
    if (all_) return true;
    return std::any_of(query_splits.begin(), query_splits.end(), [&](const std::string& s) {
        return std::find(names_.begin(), names_.end(), s) != names_.end();
    });
}

EvalSet load_eval_set(const std::string& folder, const SplitSelection& splits, std::size_t queries_limit) {
    const std::filesystem::path dir(folder);
    EvalSet set;
    set.name = std::filesystem::absolute(dir).lexically_normal().filename().string();
    if (set.name.empty()) set.name = std::filesystem::absolute(dir).parent_path().filename().string();
    set.passages_path = (dir / "passages.jsonl").string();
    if (!std::filesystem::is_regular_file(set.passages_path)) {
        throw std::runtime_error("cannot read " + set.passages_path);
    }
    for_each_json_line((dir / "queries.jsonl").string(), [&](const nlohmann::json& j) {
        if (j.contains("splits")) {
            set.has_splits = true;
            if (!splits.keeps(j.at("splits").get<std::vector<std::string>>())) return;
        }
        if (queries_limit > 0 && set.queries.size() >= queries_limit) return;
        set.queries.push_back({j.at("qid").get<std::string>(), j.at("query").get<std::string>(),
                               j.at("relevant").get<std::vector<std::string>>()});
    });
    return set;
}

std::vector<Passage> load_passages(const std::string& path) {
    std::vector<Passage> passages;
    for_each_json_line(path, [&](const nlohmann::json& j) {
        passages.push_back({j.at("id").get<std::string>(), j.value("body", std::string())});
    });
    return passages;
}

}  // namespace lupe::bench
