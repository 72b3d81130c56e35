#include "http/AccessLog.h"

#include <cstdio>
#include <ctime>

namespace lupe::http {

std::string format_access_line(const AccessEntry& e) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(e.time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char time[32];
    std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%SZ", &utc);

    std::string target(e.target.substr(0, kMaxTargetBytes));
    for (char& c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == ' ') c = '?';
    }
    if (e.target.size() > kMaxTargetBytes) target += "...";

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

void LogSink::line(const std::string& text) {
    if (!out_) return;
    std::lock_guard lock(mutex_);
    *out_ << text << '\n' << std::flush;
}

}  // namespace lupe::http
