#include "index/BandTable.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/Schema.h"

namespace lupe {
namespace {

constexpr std::size_t kInitialSlots = 4096;
constexpr std::uint64_t kMaxSlots = std::uint64_t{1} << 32;  // first_slot multiplies 32-bit checks

// At most three quarters of the slots in use; a table that grows gets half of them in use.
bool too_full(std::uint64_t used, std::uint64_t slots) { return 4 * used > 3 * slots; }

// The file: a header page, then the slots (in this machine's byte order).
constexpr std::size_t kHeaderBytes = 4096;
constexpr char kMagic[8] = {'L', 'u', 'p', 'e', 'B', 'n', 'd', '2'};
constexpr std::size_t kUuidBytes = 64;

struct Header {
    char magic[8];
    std::uint32_t slot_bytes;
    std::uint32_t reserved;
    std::uint64_t slots;
    std::uint64_t used;
    std::uint64_t revision;
    char uuid[kUuidBytes];  // NUL-padded
};
static_assert(sizeof(Header) <= kHeaderBytes);

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path);
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

void write_all(int fd, const void* data, std::size_t size, const std::string& path) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write", path);
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

Header header_for(std::size_t slots, std::size_t used, const BandStamp& stamp, std::size_t slot_bytes) {
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.slots = slots;
    h.slot_bytes = static_cast<std::uint32_t>(slot_bytes);
    h.used = used;
    h.revision = stamp.revision;
    std::memcpy(h.uuid, stamp.uuid.data(), std::min(stamp.uuid.size(), kUuidBytes - 1));
    return h;
}

}  // namespace

struct BandTable::Mapping {
    void* base = nullptr;
    std::size_t bytes = 0;
    ~Mapping() {
        if (base) ::munmap(base, bytes);
    }
    Header& header() const { return *static_cast<Header*>(base); }
    Slot* slots() const { return reinterpret_cast<Slot*>(static_cast<char*>(base) + kHeaderBytes); }
};

BandStamp BandStamp::of(const Xapian::Database& db) { return BandStamp{db.get_uuid(), db.get_revision()}; }

BandTable::BandTable() : heap_(kInitialSlots), slots_(heap_) {}
BandTable::~BandTable() = default;
BandTable::BandTable(BandTable&&) noexcept = default;  // heap_ keeps its buffer, so slots_ stays valid
BandTable& BandTable::operator=(BandTable&&) noexcept = default;

BandTable BandTable::of_index(const Xapian::Database& db) {
    BandTable table;
    table.reserve(static_cast<std::size_t>(db.get_doccount()) * neardup::kBands);
    const Xapian::valueno slot = schema::kSignatureSlot;
    for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value) {
        if (const auto signature = neardup::decode(*value)) {
            table.add(value.get_docid(), neardup::band_hashes(*signature));
        }
    }
    return table;
}

std::optional<BandTable> BandTable::load(const std::string& path, const BandStamp& stamp) {
    const Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) return std::nullopt;
    Header h{};
    if (::pread(fd.get(), &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h)) return std::nullopt;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return std::nullopt;
    h.uuid[kUuidBytes - 1] = '\0';
    const bool valid = std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.slot_bytes == sizeof(Slot) &&
                       h.slots > 0 && h.slots <= kMaxSlots && !too_full(h.used, h.slots) &&
                       static_cast<std::uint64_t>(st.st_size) == kHeaderBytes + h.slots * sizeof(Slot) &&
                       h.revision == stamp.revision && stamp.uuid == h.uuid;
    if (!valid) return std::nullopt;
    auto mapping = std::make_unique<Mapping>();
    mapping->bytes = static_cast<std::size_t>(st.st_size);
    mapping->base = ::mmap(nullptr, mapping->bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
    if (mapping->base == MAP_FAILED) {
        mapping->base = nullptr;
        return std::nullopt;
    }
    BandTable table;
    table.used_ = static_cast<std::size_t>(h.used);
    table.slots_ = std::span<Slot>(mapping->slots(), static_cast<std::size_t>(h.slots));
    table.heap_ = {};
    table.mapping_ = std::move(mapping);
    return table;
}

void BandTable::save(const std::string& path, const BandStamp& stamp) {
    if (mapping_) {
        // The slots first: a header that names the new revision must not reach the disk before
        // the entries it vouches for.
        if (::msync(mapping_->base, mapping_->bytes, MS_SYNC) != 0) fail("cannot sync", path);
        mapping_->header() = header_for(slots_.size(), used_, stamp, sizeof(Slot));
        if (::msync(mapping_->base, kHeaderBytes, MS_SYNC) != 0) fail("cannot sync", path);
        return;
    }
    const std::string temporary = path + ".new";
    try {
        {
            const Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (fd.get() < 0) fail("cannot create", temporary);
            char page[kHeaderBytes] = {};
            const Header h = header_for(slots_.size(), used_, stamp, sizeof(Slot));
            std::memcpy(page, &h, sizeof h);
            write_all(fd.get(), page, sizeof page, temporary);
            write_all(fd.get(), slots_.data(), slots_.size_bytes(), temporary);
            if (::fdatasync(fd.get()) != 0) fail("cannot sync", temporary);
        }
        if (std::rename(temporary.c_str(), path.c_str()) != 0) fail("cannot rename", temporary);
    } catch (const std::system_error&) {
        ::unlink(temporary.c_str());  // a full disk keeps no half-written copy
        throw;
    }
}

void BandTable::restamp(const std::string& path, const BandStamp& from, const BandStamp& to) {
    if (from == to) return;
    std::optional<BandTable> table = load(path, from);
    if (!table) return;
    table->save(path, to);  // mapped: syncs nothing but the header
}

void BandTable::use_heap(std::size_t slots) {
    const std::span<Slot> old = slots_;
    std::vector<Slot> fresh(slots);
    heap_.swap(fresh);  // `fresh` now holds the old heap slots, if those were in use
    slots_ = heap_;
    for (const Slot& slot : old) {
        if (slot.did != 0) insert(slot);
    }
    mapping_.reset();  // after the copy: `old` may point into it
}

void BandTable::reserve(std::size_t entries) {
    if (too_full(entries, slots_.size())) use_heap(std::min<std::uint64_t>(2 * std::uint64_t{entries}, kMaxSlots));
}

void BandTable::add(Xapian::docid did, const neardup::BandHashes& hashes) {
    for (const std::uint64_t hash : hashes) {
        if (too_full(used_ + 1, slots_.size())) grow();
        insert(Slot{static_cast<std::uint32_t>(hash), did});
        ++used_;
    }
}

void BandTable::insert(Slot slot) {
    const std::size_t n = slots_.size();
    std::size_t i = first_slot(slot.check);
    for (std::size_t step = 0; slots_[i].did != 0; ++step) {  // linear probing
        // Only a file whose header understates its entries can fill every slot.
        if (step == n) throw std::length_error("BandTable: no free slot (a damaged bands file?)");
        i = i + 1 == n ? 0 : i + 1;
    }
    slots_[i] = slot;
}

void BandTable::grow() {
    const std::uint64_t wanted = 2 * (std::uint64_t{used_} + 1);
    if (wanted > kMaxSlots) throw std::length_error("BandTable: more than 2^31 band entries");
    use_heap(static_cast<std::size_t>(wanted));
}

void BandTable::candidates(std::uint64_t hash, std::vector<Xapian::docid>& out) const {
    const std::size_t first = out.size();
    const std::size_t n = slots_.size();
    const auto check = static_cast<std::uint32_t>(hash);
    std::size_t i = first_slot(check);
    for (std::size_t step = 0; step < n && slots_[i].did != 0; ++step, i = i + 1 == n ? 0 : i + 1) {
        if (slots_[i].check == check) out.push_back(slots_[i].did);
    }
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, out.end());
    out.erase(std::unique(begin, out.end()), out.end());
}

}  // namespace lupe
