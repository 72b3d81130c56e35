// lupe-fuzz-seeds SOURCE_DIR OUT_DIR: writes the seed corpus of every fuzz target into
// OUT_DIR/<target>/, generated from the demo corpus (corpus/) and the test fixtures
// (tests/data/), so no input is kept in the repository twice. scripts/fuzz.sh runs it.
//
//   text_article  every .txt article, as is
//   jsonl         every JSON Lines record alone, and each .jsonl file whole
//   date          the date line of every .txt article, every `date` of the records, and the
//                 shorthand forms of the request parameters (YYYY, YYYY-MM, YYYY-MM-DD)
//   query         titles, single words, phrases, field filters, date filters and ranges,
//                 operators, wildcards, all with words of the indexed articles
//   http_params   request targets of every API endpoint with the values above

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

std::vector<fs::path> files_in(const fs::path& folder, const std::string& extension) {
    std::vector<fs::path> files;
    if (!fs::is_directory(folder)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string url_encode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

// The first word of a text (letters only), for field filters and prefixes.
std::string first_word(const std::string& text) {
    std::string word;
    for (const char c : text) {
        if (c == ' ' || c == ':' || c == ',' || c == '.') {
            if (!word.empty()) break;
            continue;
        }
        word += c;
    }
    return word;
}

class Seeds {
public:
    explicit Seeds(fs::path folder) : folder_(std::move(folder)) { fs::create_directories(folder_); }
    void add(const std::string& input) {
        if (input.empty() || !seen_.insert(input).second) return;
        std::ofstream(folder_ / ("seed-" + std::to_string(seen_.size())), std::ios::binary) << input;
    }
    std::size_t size() const { return seen_.size(); }

private:
    fs::path folder_;
    std::set<std::string> seen_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: lupe-fuzz-seeds SOURCE_DIR OUT_DIR\n");
        return 2;
    }
    const fs::path source = argv[1];
    const fs::path out = argv[2];
    fs::remove_all(out);

    std::vector<fs::path> texts = files_in(source / "corpus", ".txt");
    for (const auto& p : files_in(source / "tests/data", ".txt")) texts.push_back(p);
    std::vector<fs::path> jsonls = files_in(source / "corpus", ".jsonl");
    for (const auto& p : files_in(source / "tests/data", ".jsonl")) jsonls.push_back(p);

    Seeds text_article(out / "text_article"), jsonl(out / "jsonl"), date(out / "date"), query(out / "query"),
        http(out / "http_params");

    std::vector<nlohmann::json> records;
    for (const auto& p : jsonls) {
        const std::string whole = read_file(p);
        if (whole.size() <= 64 * 1024) jsonl.add(whole);
        for (const std::string& line : lines_of(whole)) {
            jsonl.add(line);
            const auto record = nlohmann::json::parse(line, nullptr, false);
            if (record.is_object()) records.push_back(record);
        }
    }
    for (const auto& p : texts) {
        const std::string text = read_file(p);
        text_article.add(text);
        const auto lines = lines_of(text);
        if (!lines.empty()) date.add(lines.front());
    }

    const auto field = [](const nlohmann::json& record, const char* name) {
        const auto it = record.find(name);
        return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const char* shorthand : {"2024", "2024-10", "2024-10-08", "2024-02-29", "2024-10-08T12:30:00Z"}) {
        date.add(shorthand);
    }
    std::size_t n = 0;
    for (const auto& record : records) {
        const std::string title = field(record, "title"), source_name = field(record, "source"),
                          topic = field(record, "topic"), day = field(record, "date"), id = field(record, "id");
        const std::string word = first_word(title);
        date.add(day);
        // Every record gives a title query and a search request; every fourth also the other
        // query forms and endpoints (enough variety, and a seed run of a few seconds).
        query.add(title);
        http.add("/api/search?q=" + url_encode(title));
        if (n++ % 4 != 0) continue;
        query.add("\"" + title.substr(0, title.find(' ', title.find(' ') + 1)) + "\"");
        query.add("title:" + word + " OR lead:" + word);
        query.add("source:" + source_name + " " + word);
        query.add("topic:" + topic + " -" + word);
        if (day.size() >= 10) {
            query.add("date:" + day.substr(0, 4) + " " + word);
            query.add("date:" + day.substr(0, 7) + ".." + day + " " + word);
        }
        if (word.size() > 4) query.add(word.substr(0, 4) + "*");

        http.add("/api/search?q=" + url_encode(word) + "&source=" + url_encode(source_name) + "&topic=" +
                 url_encode(topic) + "&facets=source,topic,month,year&limit=5");
        if (day.size() >= 10) {
            http.add("/api/search?q=" + url_encode(word) + "&from=" + day.substr(0, 4) + "&to=" + day.substr(0, 7) +
                     "&sort=date&offset=1&recency=30");
        }
        if (word.size() > 3) http.add("/api/suggest?q=" + url_encode(word.substr(0, 3)));
        if (!id.empty()) {
            http.add("/api/articles/" + url_encode(id));
            http.add("/api/articles/" + url_encode(id) + "/related?limit=3");
        }
    }
    for (const char* q : {"Chipfabrik AND Magdeburg", "(Intel OR Heise) NOT Dresden", "Klima -Gesetz",
                          "Bundesliga OR (Halbleiter AND Dresden)", "date:..2023-06", "date:2022..", "1914..1918"}) {
        query.add(q);
    }
    for (const char* target : {"/api/health", "/", "/app.js", "/api/search", "/api/search?q=",
                               "/api/search?q=a&q=b", "/api/articles/x%2Fy", "/api/nothing"}) {
        http.add(target);
    }
    std::printf("seeds: text_article %zu, jsonl %zu, date %zu, query %zu, http_params %zu\n", text_article.size(),
                jsonl.size(), date.size(), query.size(), http.size());
    return 0;
}
