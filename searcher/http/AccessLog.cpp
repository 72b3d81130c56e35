#include "http/AccessLog.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace lupe::http {
namespace {

// "2024-10-08T12:34:56Z", or with milliseconds "2024-10-08T12:34:56.120Z".
std::string utc_text(std::chrono::system_clock::time_point time, bool milliseconds) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    if (milliseconds) {
        const auto since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
        const long ms = static_cast<long>(since_epoch.count() % 1000);
        std::snprintf(text + n, sizeof text - n, ".%03ldZ", ms < 0 ? ms + 1000 : ms);
    } else {
        std::snprintf(text + n, sizeof text - n, "Z");
    }
    return text;
}

// At most kMaxTargetBytes (then "..."), control characters and spaces as '?'.
std::string defused(std::string_view raw) {
    std::string text(raw.substr(0, kMaxTargetBytes));
    for (char& c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == ' ') c = '?';
    }
    if (raw.size() > kMaxTargetBytes) text += "...";
    return text;
}

std::string dump_line(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json json_head(std::chrono::system_clock::time_point time, LogLevel level, std::string_view msg) {
    nlohmann::ordered_json j;
    j["time"] = utc_text(time, true);
    j["level"] = level == LogLevel::Error ? "error" : "info";
    j["msg"] = msg;
    return j;
}

}  // namespace

std::string format_access_line(const AccessEntry& e) {
    const std::string time = utc_text(e.time, false);
    const std::string target = defused(e.target);

    char ms[32] = "-";
    if (e.milliseconds) std::snprintf(ms, sizeof ms, "%.1fms", *e.milliseconds);
    std::string line = time;
    line += ' ';
    line += e.client.empty() ? "-" : e.client;
    line += ' ';
    line += e.method.empty() ? "-" : e.method;
    line += ' ';
    line += target.empty() ? "-" : target;
    line += ' ' + std::to_string(e.status) + ' ' + std::to_string(e.bytes) + ' ' + ms;
    return line;
}

std::string format_access_json(const AccessEntry& e) {
    nlohmann::ordered_json j = json_head(e.time, e.status >= 500 ? LogLevel::Error : LogLevel::Info, "request");
    j["client"] = e.client;
    j["method"] = defused(e.method);
    const std::size_t question = e.target.find('?');
    j["path"] = defused(e.target.substr(0, question));
    if (question != std::string_view::npos && question + 1 < e.target.size()) {
        j["query"] = defused(e.target.substr(question + 1));
    }
    j["status"] = e.status;
    j["bytes"] = e.bytes;
    if (e.milliseconds) j["duration_ms"] = std::round(*e.milliseconds * 1000) / 1000;
    return dump_line(j);
}

std::string format_message_json(std::chrono::system_clock::time_point time, LogLevel level, std::string_view msg,
                                 const nlohmann::ordered_json& fields) {
    nlohmann::ordered_json j = json_head(time, level, msg);
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) j[key] = value;
    }
    return dump_line(j);
}

void LogSink::line(const std::string& text) {
    if (!out_) return;
    std::lock_guard lock(mutex_);
    *out_ << text << '\n' << std::flush;
}

void LogSink::request(const AccessEntry& entry) {
    if (!out_ || (options_.quiet && entry.status < 500)) return;
    line(options_.format == LogFormat::Json ? format_access_json(entry) : format_access_line(entry));
}

void LogSink::message(LogLevel level, const std::string& text, const nlohmann::ordered_json& fields) {
    if (!out_ || (options_.quiet && level != LogLevel::Error)) return;
    line(options_.format == LogFormat::Json ? format_message_json(std::chrono::system_clock::now(), level, text, fields)
                                            : text);
}

}  // namespace lupe::http
