#pragma once
// The search fixture (tests/data/search/fixture.jsonl) twice: as a temporary Lupe index, and
// in memory for brute-force expectations computed from the articles' own fields.

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/SearchResult.h"
#include "support/TestSupport.h"

namespace lupe::test {

// One fixture line, read with nlohmann::json (not with the JsonlReader under test).
struct FixtureArticle {
    std::string id;
    std::string title;
    std::string lead;
    std::string body;
    std::string source;  // empty when the line has none
    std::string topic;   // empty when the line has none
    std::string date;    // ISO YYYY-MM-DD, empty when the line has none
    std::set<std::string> terms;  // every index term of title, lead and body (GermanAnalyzer)
};

std::filesystem::path search_fixture_path();

// The search fixture indexed once per test run by the built `lupe-index add` (as a user does),
// for tests of the programs; the folder lives until the test run ends.
const std::string& search_fixture_cli_index();

// Every line of a JSONL file; `with_terms` also analyses title, lead and body.
std::vector<FixtureArticle> load_fixture(const std::filesystem::path& jsonl, bool with_terms = true);

// A temporary index built from a JSONL file with lupe::index_inputs, plus the same articles
// in memory. Removed with its folder when the object goes away.
class FixtureIndex {
public:
    explicit FixtureIndex(const std::filesystem::path& jsonl);

    std::string folder() const { return dir_.str(); }
    const std::vector<FixtureArticle>& articles() const { return articles_; }

    // Ids of the articles for which `keep` holds.
    std::set<std::string> ids_where(const std::function<bool(const FixtureArticle&)>& keep) const;
    // Ids of the articles one query word finds: those holding its index term (any inflected
    // form of it) and, for a compound, those holding all of its first-level parts.
    std::set<std::string> ids_with_word(std::string_view word) const;
    std::set<std::string> all_ids() const;

private:
    TempDir dir_;
    std::vector<FixtureArticle> articles_;
};

// The index of fixture.jsonl, built once per test process.
const FixtureIndex& search_fixture();

std::vector<std::string> hit_ids(const SearchResult& result);
std::set<std::string> hit_id_set(const SearchResult& result);

}  // namespace lupe::test
