#pragma once
// JsonlReader: articles as JSON Lines, one object per line.
//
// Contract:
//  - fields `id, title, lead, body, source, topic, date, url`; any may be missing, but a
//    line needs a title or a body; FieldMap renames keys (`--map source=site`);
//  - a string is taken as is, a number as its text, an array of strings as paragraphs;
//  - the id is the `id` field, else the `url`, else `<input name>:<line>`;
//  - a line that is not a JSON object, not valid UTF-8, longer than `max_line_bytes`, or has
//    neither title nor body is rejected with `name:line` and the reason; reading goes on;
//  - an unreadable date is a warning: the article is indexed without a date.
// NOT thread-safe (owns a DateParser): one per thread.

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <string_view>

#include "article/Article.h"
#include "article/DateParser.h"

namespace lupe {

// Which JSON key holds each article field. Throws std::invalid_argument for unknown fields.
class FieldMap {
public:
    FieldMap();
    void set(std::string_view field, std::string key);
    void set_from_spec(std::string_view spec);  // "FIELD=KEY"
    const std::string& key(std::string_view field) const;

    static constexpr const char* kFields[] = {"id",     "title", "lead", "body",
                                              "source", "topic", "date", "url"};

private:
    std::map<std::string, std::string, std::less<>> keys_;
};

class JsonlReader {
public:
    static constexpr std::size_t kDefaultMaxLineBytes = 16u << 20;  // 16 MiB

    explicit JsonlReader(FieldMap map, std::size_t max_line_bytes = kDefaultMaxLineBytes);

    // Reads every line of `in`; `name` is used in locations and derived ids.
    // `on_bytes` (optional) is told how many bytes were consumed, line by line.
    void read(std::istream& in, const std::string& name, ArticleSink& sink,
              const std::function<void(std::uint64_t)>& on_bytes = {}) const;

    // Parses one line (exposed for tests and fuzzing). Throws std::invalid_argument.
    ArticleRecord parse_line(std::string_view line, const std::string& name,
                             std::size_t line_no) const;

private:
    FieldMap map_;
    std::size_t max_line_bytes_;
    DateParser dates_;
};

}  // namespace lupe
