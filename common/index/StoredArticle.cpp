#include "index/StoredArticle.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace lupe {

nlohmann::ordered_json stored_article_json(const Article& a) {
    return {{"id", a.id},         {"title", a.title},   {"lead", a.lead},
            {"body", a.body},     {"source", a.source}, {"topic", a.topic},
            {"date", a.date ? a.date->iso() : ""}, {"url", a.url}};
}

std::string encode_stored_article(const Article& a) {
    return stored_article_json(a).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article decode_stored_article(const std::string& data) {
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
    if (const std::string iso = text("date"); iso.size() == 10) {
        a.date = Date::from_compact(iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2));
    }
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
