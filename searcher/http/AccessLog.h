#pragma once
// AccessLog: one line per request (and the server's own messages: start, stop, error
// details) on a stream, normally stderr. Lines from worker threads never interleave.
//
// Two formats (`lupe-search serve --log-format text|json`):
//
// Line format (fields separated by one space):
//   2024-10-08T12:34:56Z 127.0.0.1 GET /api/search?q=klima 200 1834 3.2ms
// time (UTC), client address, method, target (raw path and query, cut to kMaxTargetBytes,
// control characters replaced by '?'), status, body bytes, milliseconds ("-" when unknown).
// Messages are written as they are.
//
// json: one JSON object per line (UTF-8; invalid bytes replaced by U+FFFD), always with
// "time" (UTC, ISO 8601 with milliseconds), "level" ("info" or "error") and "msg":
//   {"time":"2024-10-08T12:34:56.120Z","level":"info","msg":"request","client":"127.0.0.1",
//    "method":"GET","path":"/api/search","query":"q=klima","status":200,"bytes":1834,
//    "duration_ms":3.2}
// a request: msg "request", path and query cut like the text target ("query" only when there
// is one, "duration_ms" only when known); a message: msg is its text, plus any fields given.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lupe::http {

struct AccessEntry {
    std::chrono::system_clock::time_point time;
    std::string_view client;
    std::string_view method;
    std::string_view target;
    int status = 0;
    std::size_t bytes = 0;
    std::optional<double> milliseconds;
};

inline constexpr std::size_t kMaxTargetBytes = 200;

enum class LogFormat { Text, Json };
enum class LogLevel { Info, Error };

std::string format_access_line(const AccessEntry& entry);
std::string format_access_json(const AccessEntry& entry);
// `fields` (an object, may be null) is added after time, level and msg.
std::string format_message_json(std::chrono::system_clock::time_point time, LogLevel level, std::string_view msg,
                                 const nlohmann::ordered_json& fields = nullptr);

struct LogOptions {
    LogFormat format = LogFormat::Text;
    bool quiet = false;  // only errors: no access lines (but those of 5xx answers), no info messages
};

class LogSink {
public:
    explicit LogSink(std::ostream* out, LogOptions options = {}) : out_(out), options_(options) {}  // nullptr: discard
    void line(const std::string& text);  // as is, whatever the format
    void request(const AccessEntry& entry);
    // Text: `text` as is; JSON: an object with `text` as msg, plus `fields`.
    void message(LogLevel level, const std::string& text, const nlohmann::ordered_json& fields = nullptr);

private:
    std::ostream* out_;
    LogOptions options_;
    std::mutex mutex_;
};

}  // namespace lupe::http
