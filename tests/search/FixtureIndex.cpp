#include "search/FixtureIndex.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "analysis/GermanAnalyzer.h"
#include "cli/CommandLine.h"
#include "index/IndexPipeline.h"

namespace lupe::test {

std::filesystem::path search_fixture_path() { return test_data_dir() / "search/fixture.jsonl"; }

const std::string& search_fixture_cli_index() {
    static const TempDir dir;
    static const std::string folder = [] {
        const std::string path = (dir / "index").string();
        const auto r = run({index_bin(), "add", "--index", path, "--quiet", search_fixture_path().string()});
        if (r.status != lupe::cli::kOk) throw std::runtime_error("lupe-index add failed: " + r.err);
        return path;
    }();
    return folder;
}

std::vector<FixtureArticle> load_fixture(const std::filesystem::path& jsonl, bool with_terms) {
    std::ifstream in(jsonl);
    if (!in) throw std::runtime_error("cannot read " + jsonl.string());
    analysis::GermanAnalyzer analyzer;
    std::vector<analysis::Term> terms;
    std::vector<FixtureArticle> articles;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const auto json = nlohmann::json::parse(line);
        FixtureArticle a;
        a.id = json.value("id", "");
        a.title = json.value("title", "");
        a.lead = json.value("lead", "");
        a.body = json.value("body", "");
        a.source = json.value("source", "");
        a.topic = json.value("topic", "");
        a.date = json.value("date", "");
        if (with_terms) {
            terms.clear();
            for (const std::string* text : {&a.title, &a.lead, &a.body}) analyzer.analyze(*text, 1, terms);
            for (const auto& term : terms) a.terms.insert(term.text);
        }
        articles.push_back(std::move(a));
    }
    return articles;
}

FixtureIndex::FixtureIndex(const std::filesystem::path& jsonl) : articles_(load_fixture(jsonl)) {
    IndexPipelineOptions options;
    options.folder = dir_.str();
    options.threads = 2;
    const IndexSummary summary = index_inputs({jsonl.string()}, options);
    if (!summary.rejected.empty() || summary.documents_in_index != articles_.size()) {
        throw std::runtime_error("fixture " + jsonl.string() + " did not index cleanly");
    }
}

std::set<std::string> FixtureIndex::ids_where(const std::function<bool(const FixtureArticle&)>& keep) const {
    std::set<std::string> ids;
    for (const auto& a : articles_) {
        if (keep(a)) ids.insert(a.id);
    }
    return ids;
}

std::set<std::string> FixtureIndex::ids_with_word(std::string_view word) const {
    analysis::GermanAnalyzer analyzer;
    const std::string term = analyzer.term(word);
    if (term.empty()) throw std::invalid_argument("no index term for '" + std::string(word) + "'");
    const auto parts = analyzer.top_part_terms(word);
    const auto has_all_parts = [&](const FixtureArticle& a) {
        if (parts.size() < 2) return false;
        return std::all_of(parts.begin(), parts.end(), [&](const std::vector<std::string>& forms) {
            return std::any_of(forms.begin(), forms.end(), [&](const std::string& f) { return a.terms.count(f) > 0; });
        });
    };
    return ids_where([&](const FixtureArticle& a) { return a.terms.count(term) > 0 || has_all_parts(a); });
}

std::set<std::string> FixtureIndex::all_ids() const {
    return ids_where([](const FixtureArticle&) { return true; });
}

const FixtureIndex& search_fixture() {
    static const FixtureIndex index(search_fixture_path());
    return index;
}

std::vector<std::string> hit_ids(const SearchResult& result) {
    std::vector<std::string> ids;
    for (const auto& hit : result.hits) ids.push_back(hit.id);
    return ids;
}

std::set<std::string> hit_id_set(const SearchResult& result) {
    const auto ids = hit_ids(result);
    return {ids.begin(), ids.end()};
}

}  // namespace lupe::test
