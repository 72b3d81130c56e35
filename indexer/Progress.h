#pragma once
// Progress: what `lupe-index add` shows while it runs, on stderr. A bar with rate and ETA on a
// terminal (drawn at the first update, erased by finish()); a plain log line every five
// seconds otherwise (logs, CI), so a short run logs none; nothing when quiet.

#include <chrono>

#include "index/IndexPipeline.h"

namespace lupe::indexer {

class Progress {
public:
    enum class Mode { Bar, Log, Silent };
    explicit Progress(Mode mode);
    void update(const IndexProgress& progress);
    void finish();

private:
    Mode mode_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
    bool drawn_ = false;
};

}  // namespace lupe::indexer
