#include "index/StoredArticle.h"

#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace lupe {

nlohmann::ordered_json stored_article_json(const Article& a) {
    return {{"id", a.id},         {"title", a.title},   {"lead", a.lead},
            {"body", a.body},     {"source", a.source}, {"topic", a.topic},
            {"date", a.date ? a.date->iso() : ""}, {"url", a.url}};
}

std::string encode_stored_article(const Article& a) {
    return stored_article_json(a).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

std::optional<Date> date_of(std::string_view iso) {
    if (iso.size() != 10) return std::nullopt;
    return Date::from_compact(std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) +
                              std::string(iso.substr(8, 2)));
}

// Lupe's own stored form, an object of strings, read by simdjson's On-Demand parser: a search
// decodes ten articles, and nlohmann's parser took about 17 us for each, simdjson 1.5 us.
// False for anything else, which the general reader below then reads.
bool decode_strings(const std::string& data, Article& a) {
    static thread_local simdjson::ondemand::parser parser;  // reused: it keeps its buffers
    const simdjson::padded_string json(data);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (parser.iterate(json).get(doc) || doc.get_object().get(object)) return false;
    for (auto item : object) {
        simdjson::ondemand::field field;
        std::string_view key, value;
        if (std::move(item).get(field) || field.unescaped_key().get(key) || field.value().get_string().get(value)) return false;
        if (key == "id") a.id = value;
        else if (key == "title") a.title = value;
        else if (key == "lead") a.lead = value;
        else if (key == "body") a.body = value;
        else if (key == "source") a.source = value;
        else if (key == "topic") a.topic = value;
        else if (key == "url") a.url = value;
        else if (key == "date") a.date = date_of(value);
    }
    const char* rest = nullptr;  // nothing may follow the object: past the end is an error
    return doc.current_location().get(rest) == simdjson::OUT_OF_BOUNDS;
}

}  // namespace

Article decode_stored_article(const std::string& data) {
    if (Article fast; decode_strings(data, fast)) return fast;
    auto j = nlohmann::json::parse(data, nullptr, false);
    Article a;
    if (!j.is_object()) return a;
    // Moved out of the parsed object, which is dropped afterwards (the body is most of it).
    auto text = [&](const char* key) {
        const auto field = j.find(key);
        return field == j.end() ? std::string() : std::move(field->get_ref<std::string&>());
    };
    a.id = text("id");
    a.title = text("title");
    a.lead = text("lead");
    a.body = text("body");
    a.source = text("source");
    a.topic = text("topic");
    a.url = text("url");
    a.date = date_of(text("date"));
    return a;
}

std::string content_hash(const std::string& data) {
    // Two independent FNV-1a 64-bit lanes: 128 bits, ample to tell edits apart.
    std::uint64_t a = 1469598103934665603ULL;
    std::uint64_t b = 0x9E3779B97F4A7C15ULL;
    for (const unsigned char c : data) {
        a = (a ^ c) * 1099511628211ULL;
        b = (b ^ c) * 0x100000001B3ULL + 0x7F4A7C15ULL;
    }
    char buffer[33];
    std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return buffer;
}

}  // namespace lupe
