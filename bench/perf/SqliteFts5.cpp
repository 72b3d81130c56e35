// sqlite-fts5: the SQLite FTS5 comparison of the performance benchmark.
//
//   sqlite-fts5 index --corpus FILE.jsonl --db FILE
//       one table `articles` USING fts5(title, lead, body; id, source, topic, month, date, url
//       UNINDEXED), tokenizer unicode61 with remove_diacritics 2 (FTS5 has no German stemmer);
//       prepared INSERT, one transaction per 10 000 articles, default pragmas.
//   sqlite-fts5 optimize --db FILE
//       FTS5 'optimize' (merges all index segments) and VACUUM: the compacted size.
//   sqlite-fts5 query --db FILE --queries queries.jsonl [--limit-queries 1000] [--mixes ...]
//       each query word as an FTS5 string, OR-ed; ORDER BY rank (bm25) LIMIT 10 with the stored
//       columns; topic mix: AND topic = ?; facets mix: the top 10 plus GROUP BY source, topic
//       and month over every match.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "QueryMix.h"

namespace lupe::bench {
namespace {

class Db {
public:
    explicit Db(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            sqlite3_close(db_);
            throw std::runtime_error(path + ": " + message);
        }
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(sql + ": " + message);
        }
    }
    sqlite3* get() { return db_; }
    void check(int rc, const char* what) {
        if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
            throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
    }

private:
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(Db& db, const std::string& sql) : db_(db) {
        db.check(sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt_, nullptr), sql.c_str());
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int i, const std::string& text) {
        db_.check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT), "bind");
    }
    bool step() {
        const int rc = sqlite3_step(stmt_);
        db_.check(rc, "step");
        return rc == SQLITE_ROW;
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::string text(int column) {
        const auto* p = sqlite3_column_text(stmt_, column);
        return p ? reinterpret_cast<const char*>(p) : "";
    }
    std::int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }

private:
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

std::string field(const nlohmann::json& article, const char* name) {
    const auto it = article.find(name);
    return it != article.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int run_index(const std::string& corpus, const std::string& path) {
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(corpus);
    if (!in) throw std::runtime_error("cannot read " + corpus);
    std::remove(path.c_str());
    Db db(path);
    db.exec("CREATE VIRTUAL TABLE articles USING fts5(title, lead, body, id UNINDEXED, source UNINDEXED, "
            "topic UNINDEXED, month UNINDEXED, date UNINDEXED, url UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')");
    Statement insert(db, "INSERT INTO articles(title, lead, body, id, source, topic, month, date, url) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::string line;
    std::size_t docs = 0;
    db.exec("BEGIN");
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const nlohmann::json article = nlohmann::json::parse(line);
        const std::string date = field(article, "date");
        insert.bind(1, field(article, "title"));
        insert.bind(2, field(article, "lead"));
        insert.bind(3, field(article, "body"));
        insert.bind(4, field(article, "id"));
        insert.bind(5, field(article, "source"));
        insert.bind(6, field(article, "topic"));
        insert.bind(7, date.substr(0, 7));
        insert.bind(8, date);
        insert.bind(9, field(article, "url"));
        insert.step();
        insert.reset();
        if (++docs % 10000 == 0) db.exec("COMMIT; BEGIN");
    }
    db.exec("COMMIT");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << nlohmann::json{{"engine", "sqlite"}, {"docs", docs}, {"seconds", seconds}}.dump() << std::endl;
    return 0;
}

int run_optimize(const std::string& path) {
    Db db(path);
    db.exec("INSERT INTO articles(articles) VALUES ('optimize')");
    db.exec("VACUUM");
    return 0;
}

// The query's words as FTS5 strings ("word", quotes doubled), OR-ed; empty when none.
std::string match_expression(const std::string& text) {
    std::istringstream words(text);
    std::string word, expression;
    while (words >> word) {
        std::string quoted = "\"";
        for (const char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += '"';
        if (quoted == "\"\"") continue;
        expression += (expression.empty() ? "" : " OR ") + quoted;
    }
    return expression;
}

int run_query(const std::string& path, const std::string& queries_path, std::size_t limit,
              const std::string& mixes) {
    const std::vector<std::string> queries = load_queries(queries_path, limit);
    Db db(path);
    std::vector<std::string> topics;
    {
        Statement all(db, "SELECT DISTINCT topic FROM articles ORDER BY topic");
        while (all.step())
            if (!all.text(0).empty()) topics.push_back(all.text(0));
    }
    const std::string columns = "SELECT id, title, source, topic, date, url FROM articles WHERE articles MATCH ?";
    Statement top(db, columns + " ORDER BY rank LIMIT 10");
    Statement top_topic(db, columns + " AND topic = ? ORDER BY rank LIMIT 10");
    Statement by_source(db, "SELECT source, count(*) FROM articles WHERE articles MATCH ? GROUP BY source");
    Statement by_topic(db, "SELECT topic, count(*) FROM articles WHERE articles MATCH ? GROUP BY topic");
    Statement by_month(db, "SELECT month, count(*) FROM articles WHERE articles MATCH ? GROUP BY month");

    for (const Mix mix : parse_mixes(mixes)) {
        const RunQuery run = [&](const std::string& text, const std::string& topic) {
            QueryOutcome outcome;
            const std::string expression = match_expression(text);
            if (expression.empty()) return outcome;
            Statement& hits = topic.empty() ? top : top_topic;
            hits.bind(1, expression);
            if (!topic.empty()) hits.bind(2, topic);
            while (hits.step()) {
                (void)hits.text(0), (void)hits.text(1);
                ++outcome.hits;
            }
            hits.reset();
            if (mix == Mix::Facets) {
                for (Statement* facet : {&by_source, &by_topic, &by_month}) {
                    facet->bind(1, expression);
                    std::uint64_t total = 0;
                    while (facet->step()) {
                        (void)facet->text(0);
                        total += static_cast<std::uint64_t>(facet->integer(1));
                    }
                    facet->reset();
                    outcome.matches = total;
                }
            }
            return outcome;
        };
        std::cout << run_mix("sqlite", mix, queries, topics, run).json() << std::endl;
    }
    return 0;
}

}  // namespace
}  // namespace lupe::bench

int main(int argc, char** argv) try {
    CLI::App app{"sqlite-fts5: the SQLite FTS5 comparison (indexing and query latency)", "sqlite-fts5"};
    app.require_subcommand(1);
    std::string corpus, db, queries, mixes = "free,topic,facets";
    std::size_t limit = 1000;
    CLI::App* index_cmd = app.add_subcommand("index", "Index a JSONL corpus into a new database file");
    index_cmd->add_option("--corpus", corpus, "JSON Lines articles (gen_corpus.py)")->required();
    index_cmd->add_option("--db", db, "Database file (replaced)")->required();
    CLI::App* optimize_cmd = app.add_subcommand("optimize", "Merge the FTS5 index and VACUUM (in place)");
    optimize_cmd->add_option("--db", db, "Database file")->required();
    CLI::App* query_cmd = app.add_subcommand("query", "Time the query mixes, one JSON line per mix");
    query_cmd->add_option("--db", db, "Database file")->required();
    query_cmd->add_option("--queries", queries, "queries.jsonl")->required();
    query_cmd->add_option("--limit-queries", limit, "Use the first N queries")->capture_default_str();
    query_cmd->add_option("--mixes", mixes, "Comma list of free, topic, facets")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    if (*index_cmd) return lupe::bench::run_index(corpus, db);
    if (*optimize_cmd) return lupe::bench::run_optimize(db);
    return lupe::bench::run_query(db, queries, limit, mixes);
} catch (const std::exception& e) {
    std::cerr << "sqlite-fts5: " << e.what() << '\n';
    return 1;
}
