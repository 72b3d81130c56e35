#include "Progress.h"

#include <cstdio>

namespace lupe::indexer {
namespace {

std::string duration_text(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    return buffer;
}

}  // namespace

Progress::Progress(Mode mode)
    : mode_(mode), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::update(const IndexProgress& p) {
    if (mode_ == Mode::Silent) return;
    const auto now = std::chrono::steady_clock::now();
    const double since_last = std::chrono::duration<double>(now - last_).count();
    // The bar shows at once, then redraws at most five times a second; the log every 5 s.
    if (mode_ == Mode::Log ? since_last < 5.0 : drawn_ && since_last < 0.2) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(p.articles) / elapsed : 0;
    const double megabytes_per_second = elapsed > 0 ? static_cast<double>(p.bytes_done) / 1e6 / elapsed : 0;
    const double fraction =
        p.bytes_total > 0 ? std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)) : 0;
    const std::string eta = fraction > 0.001 ? duration_text(elapsed / fraction - elapsed) : "?";
    if (mode_ == Mode::Log) {
        std::fprintf(stderr, "lupe-index: %llu articles, %.0f articles/s, %.1f MB/s, %.0f%% of input, ETA %s\n",
                     static_cast<unsigned long long>(p.articles), rate, megabytes_per_second,
                     fraction * 100, eta.c_str());
        return;
    }
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r[%s] %3.0f%%  %llu articles  %.0f/s  %.1f MB/s  ETA %s   ", bar.c_str(),
                 fraction * 100, static_cast<unsigned long long>(p.articles), rate, megabytes_per_second,
                 eta.c_str());
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) std::fprintf(stderr, "\r%100s\r", "");
}

}  // namespace lupe::indexer
