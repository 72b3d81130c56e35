#include "index/BandTable.h"

#include <algorithm>
#include <bit>
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

constexpr int kInitialBits = 12;

// The file: a header page, then the slots (2^bits of them, in this machine's byte order).
constexpr std::size_t kHeaderBytes = 4096;
constexpr char kMagic[8] = {'L', 'u', 'p', 'e', 'B', 'n', 'd', '1'};
constexpr std::size_t kUuidBytes = 64;

struct Header {
    char magic[8];
    std::uint32_t bits;
    std::uint32_t slot_bytes;
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

Header header_for(int bits, std::size_t used, const BandStamp& stamp, std::size_t slot_bytes) {
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.bits = static_cast<std::uint32_t>(bits);
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

BandTable::BandTable() : heap_(std::size_t{1} << kInitialBits), slots_(heap_), bits_(kInitialBits) {}
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
    const bool valid = std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.bits >= kInitialBits &&
                       h.bits <= 32 && h.slot_bytes == sizeof(Slot) && 2 * h.used <= (std::uint64_t{1} << h.bits) &&
                       static_cast<std::uint64_t>(st.st_size) == kHeaderBytes + (std::uint64_t{1} << h.bits) * sizeof(Slot) &&
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
    table.bits_ = static_cast<int>(h.bits);
    table.used_ = static_cast<std::size_t>(h.used);
    table.slots_ = std::span<Slot>(mapping->slots(), std::size_t{1} << h.bits);
    table.heap_ = {};
    table.mapping_ = std::move(mapping);
    return table;
}

void BandTable::save(const std::string& path, const BandStamp& stamp) {
    if (mapping_) {
        // The slots first: a header that names the new revision must not reach the disk before
        // the entries it vouches for.
        if (::msync(mapping_->base, mapping_->bytes, MS_SYNC) != 0) fail("cannot sync", path);
        mapping_->header() = header_for(bits_, used_, stamp, sizeof(Slot));
        if (::msync(mapping_->base, kHeaderBytes, MS_SYNC) != 0) fail("cannot sync", path);
        return;
    }
    const std::string temporary = path + ".new";
    try {
        {
            const Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (fd.get() < 0) fail("cannot create", temporary);
            char page[kHeaderBytes] = {};
            const Header h = header_for(bits_, used_, stamp, sizeof(Slot));
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
    bits_ = std::countr_zero(slots);
    for (const Slot& slot : old) {
        if (slot.did != 0) insert(slot);
    }
    mapping_.reset();  // after the copy: `old` may point into it
}

void BandTable::reserve(std::size_t entries) {
    int bits = bits_;
    while (bits < 32 && 2 * entries > (std::size_t{1} << bits)) ++bits;
    if (bits != bits_) use_heap(std::size_t{1} << bits);
}

void BandTable::add(Xapian::docid did, const neardup::BandHashes& hashes) {
    for (const std::uint64_t hash : hashes) {
        if (2 * (used_ + 1) > slots_.size()) grow();
        insert(Slot{static_cast<std::uint32_t>(hash), did});
        ++used_;
    }
}

void BandTable::insert(Slot slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = first_slot(slot.check);
    while (slots_[i].did != 0) i = (i + 1) & mask;  // linear probing; never full (half at most)
    slots_[i] = slot;
}

void BandTable::grow() {
    if (bits_ == 32) throw std::length_error("BandTable: more than 2^31 band entries");
    use_heap(slots_.size() * 2);
}

void BandTable::candidates(std::uint64_t hash, std::vector<Xapian::docid>& out) const {
    const std::size_t first = out.size();
    const std::size_t mask = slots_.size() - 1;
    const auto check = static_cast<std::uint32_t>(hash);
    for (std::size_t i = first_slot(check); slots_[i].did != 0; i = (i + 1) & mask) {
        if (slots_[i].check == check) out.push_back(slots_[i].did);
    }
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, out.end());
    out.erase(std::unique(begin, out.end()), out.end());
}

}  // namespace lupe
