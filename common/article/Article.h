#pragma once
// The article model: what every reader produces and every index stage consumes.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lupe {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    std::string iso() const;      // 2024-10-08
    std::string compact() const;  // 20241008 (sortable; the index's date value)
    std::string month_key() const;  // 2024-10
    static std::optional<Date> from_compact(std::string_view yyyymmdd);
    friend bool operator==(const Date&, const Date&) = default;
};

struct Article {
    std::string id;     // stable identity: re-adding the same id replaces the article
    std::string title;
    std::string lead;
    std::string body;   // paragraphs separated by "\n\n"
    std::string source;
    std::string topic;
    std::string url;
    std::optional<Date> date;
};

// Where something was read: `file:line` (line 0 = the whole file).
struct Location {
    std::string file;
    std::size_t line = 0;
    std::string str() const;
};

// An input that could not be used, with the reason a person can act on.
struct Rejection {
    Location where;
    std::string reason;
};

// An article read from an input, with notes about parts that could not be read
// (e.g. an unreadable date): the article is still indexed, the note is reported.
struct ArticleRecord {
    Article article;
    Location where;
    std::vector<std::string> warnings;
};

// Receives what a reader produces, in input order.
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    virtual void on_article(ArticleRecord record) = 0;
    virtual void on_rejected(Rejection rejection) = 0;
};

}  // namespace lupe
