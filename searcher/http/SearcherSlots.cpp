#include "http/SearcherSlots.h"

namespace lupe::http {

Searcher& SearcherSlots::for_this_thread() {
    const std::thread::id me = std::this_thread::get_id();
    {
        std::lock_guard lock(mutex_);
        if (const auto it = slots_.find(me); it != slots_.end()) return *it->second;
    }
    // Open outside the lock: opening reads the disk; other threads need not wait for it.
    auto searcher = std::make_unique<Searcher>(folder_, options_);
    std::lock_guard lock(mutex_);
    return *slots_.emplace(me, std::move(searcher)).first->second;
}

}  // namespace lupe::http
