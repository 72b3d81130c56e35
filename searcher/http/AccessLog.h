#pragma once
// AccessLog: one line per request (and the server's own error details) on a stream,
// normally stderr. Lines from worker threads never interleave.
//
// Line format (fields separated by one space):
//   2024-10-08T12:34:56Z 127.0.0.1 GET /api/search?q=klima 200 1834 3.2ms
// time (UTC), client address, method, target (raw path and query, cut to kMaxTargetBytes,
// control characters replaced by '?'), status, body bytes, milliseconds ("-" when unknown).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

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

std::string format_access_line(const AccessEntry& entry);

class LogSink {
public:
    explicit LogSink(std::ostream* out) : out_(out) {}  // nullptr: discard
    void line(const std::string& text);

private:
    std::ostream* out_;
    std::mutex mutex_;
};

}  // namespace lupe::http
