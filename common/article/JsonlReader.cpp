#include "article/JsonlReader.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "article/TextDecoder.h"

namespace lupe {
namespace {

using nlohmann::json;

// Text of a JSON value: string, number or array of strings (paragraphs). nullopt for null.
std::optional<std::string> text_of(const json& value, std::string_view key) {
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number() || value.is_boolean()) return value.dump();
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            if (!item.is_string()) {
                throw std::invalid_argument("field '" + std::string(key) +
                                            "' is an array holding non-text values");
            }
            out += (out.empty() ? "" : "\n\n") + item.get<std::string>();
        }
        return out;
    }
    throw std::invalid_argument("field '" + std::string(key) + "' is an object, not text");
}

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

// Reads one line of at most `limit` bytes. Returns false at end of input.
// A longer line is consumed whole but only its length is kept (`too_long` set).
bool read_line(std::istream& in, std::string& line, std::size_t limit, bool& too_long,
               std::uint64_t& consumed) {
    line.clear();
    too_long = false;
    consumed = 0;
    std::streambuf* buffer = in.rdbuf();
    bool any = false;
    for (;;) {
        const int c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            return any;
        }
        any = true;
        ++consumed;
        if (c == '\n') return true;
        if (line.size() < limit) {
            line.push_back(static_cast<char>(c));
        } else {
            too_long = true;
        }
    }
}

}  // namespace

FieldMap::FieldMap() {
    for (const char* field : kFields) keys_[field] = field;
}

void FieldMap::set(std::string_view field, std::string key) {
    const auto it = keys_.find(field);
    if (it == keys_.end()) {
        throw std::invalid_argument("unknown field '" + std::string(field) +
                                    "' (fields: id, title, lead, body, source, topic, date, url)");
    }
    if (key.empty()) throw std::invalid_argument("empty key for field '" + std::string(field) + "'");
    it->second = std::move(key);
}

void FieldMap::set_from_spec(std::string_view spec) {
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos) {
        throw std::invalid_argument("--map expects FIELD=KEY, got '" + std::string(spec) + "'");
    }
    set(spec.substr(0, eq), std::string(spec.substr(eq + 1)));
}

const std::string& FieldMap::key(std::string_view field) const { return keys_.find(field)->second; }

JsonlReader::JsonlReader(FieldMap map, std::size_t max_line_bytes)
    : map_(std::move(map)), max_line_bytes_(max_line_bytes) {}

ArticleRecord JsonlReader::parse_line(std::string_view line, const std::string& name,
                                      std::size_t line_no) const {
    if (!is_valid_utf8(line)) throw std::invalid_argument("invalid UTF-8");
    const json object = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) throw std::invalid_argument("not valid JSON");
    if (!object.is_object()) throw std::invalid_argument("not a JSON object");

    auto field = [&](std::string_view f) -> std::string {
        const std::string& key = map_.key(f);
        const auto it = object.find(key);
        if (it == object.end()) return {};
        return trimmed(text_of(*it, key).value_or(""));
    };

    ArticleRecord record;
    record.where = {name, line_no};
    Article& a = record.article;
    a.title = field("title");
    a.lead = field("lead");
    a.body = field("body");
    if (a.title.empty() && a.body.empty()) {
        throw std::invalid_argument("no title and no body ('" + map_.key("title") + "', '" +
                                    map_.key("body") + "')");
    }
    a.source = field("source");
    a.topic = field("topic");
    a.url = field("url");
    a.id = field("id");
    if (a.id.empty()) a.id = !a.url.empty() ? a.url : name + ":" + std::to_string(line_no);
    if (const std::string date = field("date"); !date.empty()) {
        a.date = dates_.parse(date);
        if (!a.date) record.warnings.push_back("unreadable date '" + date.substr(0, 40) +
                                               "', indexed without a date");
    }
    return record;
}

void JsonlReader::read(std::istream& in, const std::string& name, ArticleSink& sink,
                       const std::function<void(std::uint64_t)>& on_bytes) const {
    std::string line;
    bool too_long = false;
    std::uint64_t consumed = 0;
    for (std::size_t line_no = 1; read_line(in, line, max_line_bytes_, too_long, consumed);
         ++line_no) {
        if (on_bytes) on_bytes(consumed);
        if (too_long) {
            sink.on_rejected({{name, line_no},
                              "line longer than " + std::to_string(max_line_bytes_ >> 20) +
                                  " MiB (" + std::to_string(consumed) + " bytes)"});
            continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
        try {
            sink.on_article(parse_line(line, name, line_no));
        } catch (const std::invalid_argument& e) {
            sink.on_rejected({{name, line_no}, e.what()});
        }
    }
}

}  // namespace lupe
