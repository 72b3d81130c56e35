#include "index/PositionBlob.h"

#include <algorithm>

namespace lupe {
namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool done() const { return at_ == in_.size(); }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            if (at_ == in_.size()) throw PositionBlobError("position blob: truncated number");
            const auto byte = static_cast<unsigned char>(in_[at_++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        throw PositionBlobError("position blob: number too long");
    }

    std::string_view bytes(std::uint64_t n) {
        if (n > in_.size() - at_) throw PositionBlobError("position blob: truncated entry");
        const std::string_view out = in_.substr(at_, n);
        at_ += n;
        return out;
    }

private:
    std::string_view in_;
    std::size_t at_ = 0;
};

// Reads the next entry's term into `term` (prefix-coded against the previous one) and returns
// the bytes of its positions.
std::string_view next_entry(Reader& in, std::string& term) {
    const std::uint64_t shared = in.varint();
    const std::uint64_t suffix = in.varint();
    if (shared > term.size()) throw PositionBlobError("position blob: bad shared prefix");
    term.resize(shared);
    term += in.bytes(suffix);
    return in.bytes(in.varint());
}

void decode_positions(std::string_view bytes, std::vector<Xapian::termpos>& out) {
    out.clear();
    Reader in(bytes);
    std::uint64_t position = 0;
    while (!in.done()) {
        position += in.varint();
        out.push_back(static_cast<Xapian::termpos>(position));
    }
}

}  // namespace

void PositionBlobBuilder::add(std::string_view term, Xapian::termpos position) {
    entries_.push_back({static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(term.size()), position});
    arena_ += term;
}

std::string PositionBlobBuilder::finish() {
    const auto term_of = [this](const Entry& e) { return std::string_view(arena_).substr(e.offset, e.length); };
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
        const int order = term_of(a).compare(term_of(b));
        return order != 0 ? order < 0 : a.position < b.position;
    });
    std::string out;
    std::string positions;
    std::string_view previous;
    std::size_t i = 0;
    while (i < entries_.size()) {
        const std::string_view term = term_of(entries_[i]);
        const auto shared = static_cast<std::size_t>(
            std::mismatch(term.begin(), term.end(), previous.begin(), previous.end()).first - term.begin());
        positions.clear();
        Xapian::termpos last = 0;
        for (; i < entries_.size() && term_of(entries_[i]) == term; ++i) {
            const Xapian::termpos p = entries_[i].position;
            if (!positions.empty() && p == last) continue;  // the same word twice
            put_varint(positions, p - last);
            last = p;
        }
        put_varint(out, shared);
        put_varint(out, term.size() - shared);
        out += term.substr(shared);
        put_varint(out, positions.size());
        out += positions;
        previous = term;
    }
    clear();
    return out;
}

void PositionBlobBuilder::clear() {
    entries_.clear();
    arena_.clear();
}

void PositionBlob::positions(const std::vector<std::string>& terms,
                             std::vector<std::vector<Xapian::termpos>>& out) const {
    out.resize(terms.size());
    for (auto& list : out) list.clear();
    Reader in(encoded_);
    std::string term;
    std::size_t wanted = 0;
    while (wanted < terms.size() && !in.done()) {
        const std::string_view bytes = next_entry(in, term);
        while (wanted < terms.size() && terms[wanted] < term) ++wanted;
        if (wanted < terms.size() && terms[wanted] == term) decode_positions(bytes, out[wanted++]);
    }
}

std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> PositionBlob::all() const {
    std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> out;
    Reader in(encoded_);
    std::string term;
    while (!in.done()) {
        const std::string_view bytes = next_entry(in, term);
        out.emplace_back(term, std::vector<Xapian::termpos>{});
        decode_positions(bytes, out.back().second);
    }
    return out;
}

}  // namespace lupe
