#include "index/IndexWriter.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>
#include <vector>

#include "index/BandTable.h"
#include "index/ClusterAssigner.h"
#include "index/IndexFolder.h"
#include "index/NearDuplicate.h"
#include "index/Schema.h"
#include "index/TermFilter.h"

namespace lupe {

IndexWriter::IndexWriter(const std::string& folder, IndexWriterOptions options)
    : folder_(folder), options_(options), db_(open_index_for_writing(folder)), local_(true) {
    bands_stamp_ = BandStamp::of(db_);
    if (db_.get_doccount() == 0) {
        written_terms_ = std::make_unique<TermFilter>();
        bands_ = std::make_unique<BandTable>();
    }
}

IndexWriter::IndexWriter(std::string name, Xapian::WritableDatabase db, IndexWriterOptions options)
    : folder_(std::move(name)), options_(options), db_(std::move(db)) {}

void SpellingCounts::merge(Map& into, Map& from) {
    if (into.empty()) {
        into.swap(from);
    } else {
        for (const auto& [word, count] : from) into[word] += count;
    }
    from.clear();
}

void SpellingCounts::add(Map& counts) {
    std::lock_guard<std::mutex> lock(mutex_);
    merge(counts_, counts);
}

SpellingCounts::Map SpellingCounts::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    Map taken;
    taken.swap(counts_);
    return taken;
}

std::size_t SpellingCounts::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return counts_.size();
}

IndexWriter::~IndexWriter() {
    // Whatever was not committed explicitly is dropped by Xapian's destructor only if an error
    // is pending; commit here so a normal scope exit never loses work.
    try {
        const bool shared_waiting = shared_spelling_ && spelling_owner_ && shared_spelling_->size() > 0;
        if (pending_ > 0 || !spelling_.empty() || shared_waiting) commit();
    } catch (...) {
    }
    try {
        db_.close();  // releases the lock; the owner file goes with it
    } catch (...) {
    }
    remove_lock_info(folder_);
}

PutOutcome IndexWriter::put(const std::string& id, Xapian::Document doc,
                            const std::vector<std::string>* vocabulary, std::uint64_t order) {
    try {
        return put_document(id, doc, vocabulary, order);
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

bool IndexWriter::may_hold(const std::string& term) const {
    return !written_terms_ || written_terms_->may_contain(term);
}

std::string IndexWriter::bands_path() const { return (std::filesystem::path(folder_) / kBandsFile).string(); }

const BandTable* IndexWriter::bands() {
    if (!local_) return nullptr;
    if (!bands_) {
        auto saved = BandTable::load(bands_path(), bands_stamp_);
        bands_ = std::make_unique<BandTable>(saved ? std::move(*saved) : BandTable::of_index(db_));
    }
    return bands_.get();
}

void IndexWriter::save_bands() {
    if (!local_) return;
    try {
        const BandStamp now = BandStamp::of(db_);
        if (bands_) {
            bands_->save(bands_path(), now);
        } else {
            BandTable::restamp(bands_path(), bands_stamp_, now);
        }
        bands_stamp_ = now;
    } catch (const std::system_error&) {
        // The file is a cache: the next writer rebuilds the table from the index.
    }
}

void IndexWriter::note_written(const std::string& id_term, Xapian::docid did, const Xapian::Document& doc,
                               std::uint64_t order) {
    if (track_written_) written_.push_back({order, did});
    if (written_terms_) written_terms_->add(id_term);
    if (!bands_) return;
    if (const auto signature = neardup::decode(doc.get_value(schema::kSignatureSlot))) {
        bands_->add(did, neardup::band_hashes(*signature));
    }
}

std::optional<Xapian::docid> IndexWriter::find(const std::string& id_term) {
    if (!may_hold(id_term)) return std::nullopt;
    Xapian::PostingIterator existing = db_.postlist_begin(id_term);
    if (existing == db_.postlist_end(id_term)) return std::nullopt;
    return *existing;
}

bool IndexWriter::unchanged(const std::string& id, const std::string& hash) {
    const auto existing = find(schema::id_term(id));
    return existing && db_.get_document(*existing).get_value(schema::kContentHashSlot) == hash;
}

PutOutcome IndexWriter::put_document(const std::string& id, Xapian::Document& doc,
                                     const std::vector<std::string>* vocabulary, std::uint64_t order) {
    const std::string id_term = schema::id_term(id);
    const std::optional<Xapian::docid> self = find(id_term);
    if (self) {
        const std::string old_hash = db_.get_document(*self).get_value(schema::kContentHashSlot);
        if (old_hash == doc.get_value(schema::kContentHashSlot)) return PutOutcome::Unchanged;
    }
    const PutOutcome outcome = self ? PutOutcome::Replaced : PutOutcome::Added;
    const BandTable* table = bands();
    if (!table) add_band_terms(doc);
    assign_cluster(db_, doc, id, self, table);
    // The lookup above already tells whether the id is there; replace_document(term) would
    // look it up again in the postlist table (one B-tree search per article).
    Xapian::docid did = 0;
    if (self) {
        did = *self;
        db_.replace_document(did, doc);
    } else {
        did = db_.add_document(doc);
    }
    note_written(id_term, did, doc, order);
    if (vocabulary) {
        for (const auto& word : *vocabulary) ++spelling_[word];
    }
    note_change();
    return outcome;
}

std::vector<IndexWriter::Written> IndexWriter::take_written() {
    std::vector<Written> taken;
    taken.swap(written_);
    return taken;
}

std::vector<StoredCopy> IndexWriter::stored_copies(const std::vector<Xapian::docid>& dids) {
    std::vector<StoredCopy> copies(dids.size());
    try {
        const auto sweep = [&](Xapian::valueno slot, const auto& take) {
            auto value = db_.valuestream_begin(slot);
            for (std::size_t i = 0; i < dids.size(); ++i) {
                value.skip_to(dids[i]);
                if (value == db_.valuestream_end(slot)) return;
                if (value.get_docid() == dids[i]) take(copies[i], *value);
            }
        };
        sweep(schema::kSignatureSlot, [](StoredCopy& copy, const std::string& v) { copy.signature = neardup::decode(v); });
        sweep(schema::kClusterSlot, [](StoredCopy& copy, const std::string& v) { copy.key = v; });
        return copies;
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

BestCopy IndexWriter::best_copy(const neardup::Signature& signature,
                                const std::function<bool(Xapian::docid)>& eligible, const KnownCopies& known) {
    try {
        return lupe::best_copy(db_, bands(), signature, eligible, known);
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

void IndexWriter::relabel(Xapian::docid did, const std::string& key) {
    try {
        relabel_cluster(db_, did, key);
        note_change();
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

bool IndexWriter::remove(const std::string& id) {
    try {
        const std::string id_term = schema::id_term(id);
        if (!may_hold(id_term) || !db_.term_exists(id_term)) return false;
        db_.delete_document(id_term);
        note_change();
        return true;
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

void IndexWriter::note_change() {
    if (++pending_ < options_.batch_size) return;
    // Spelling counts wait for commit() or a full table: every add_spelling of a word costs a
    // merge of its fragment lists, so adding a word once per run instead of once per batch
    // saves a third of the indexing time (bench/RESULTS.md, "Indexing").
    const bool owner_full = shared_spelling_ && spelling_owner_ && shared_spelling_->size() >= options_.spelling_words;
    if (spelling_.size() >= options_.spelling_words || owner_full) add_spellings();
    db_.commit();
    pending_ = 0;
}

void IndexWriter::share_spellings(std::shared_ptr<SpellingCounts> shared, bool owner) {
    shared_spelling_ = std::move(shared);
    spelling_owner_ = owner;
}

void IndexWriter::add_spellings() {
    if (shared_spelling_) {
        if (!spelling_owner_) {
            shared_spelling_->add(spelling_);
            return;
        }
        SpellingCounts::Map others = shared_spelling_->take();
        SpellingCounts::merge(spelling_, others);
    }
    try {
        for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
    } catch (const Xapian::UnimplementedError&) {
        // A remote shard: Xapian 1.4's remote protocol has no spelling table updates.
    }
    spelling_.clear();
}

void IndexWriter::commit() {
    try {
        add_spellings();
        db_.commit();
        pending_ = 0;
        save_bands();
    } catch (const Xapian::DatabaseError& e) {
        throw_write_error(folder_, e);
    }
}

}  // namespace lupe

namespace lupe {

ShardedWriter::ShardedWriter(const std::string& folder, unsigned requested_shards,
                             IndexWriterOptions options)
    : cross_shard_copies_(options.cross_shard_copies) {
    const unsigned shards = prepare_shards(folder, requested_shards);
    if (shards == 1) {
        writers_.push_back(std::make_unique<IndexWriter>(folder, options));
        return;
    }
    std::optional<unsigned> owner;  // the first local shard: remote ones have no table
    for (const ShardSpec& shard : index_shards(folder)) {
        if (shard.remote()) {
            writers_.push_back(std::make_unique<IndexWriter>(shard.name, open_shard_for_writing(shard), options));
        } else {
            if (!owner) owner = static_cast<unsigned>(writers_.size());
            writers_.push_back(std::make_unique<IndexWriter>(shard.path, options));
        }
    }
    spelling_owner_ = owner.value_or(0);
    auto shared = std::make_shared<SpellingCounts>();
    for (unsigned k = 0; k < writers_.size(); ++k) {
        writers_[k]->share_spellings(shared, k == spelling_owner_);
        if (options.cross_shard_copies) writers_[k]->track_written();
    }
}

ShardedWriter::~ShardedWriter() {
    // The contributors hand their last counts over (their destructors commit) before the owner
    // writes them.
    for (unsigned k = 0; k < writers_.size(); ++k) {
        if (k != spelling_owner_) writers_[k].reset();
    }
    writers_.clear();
}

unsigned ShardedWriter::shard_for(const std::string& id) const { return shard_of(id, shards()); }

PutOutcome ShardedWriter::put(const std::string& id, const Xapian::Document& doc,
                              const std::vector<std::string>* vocabulary) {
    return writers_[shard_for(id)]->put(id, doc, vocabulary, next_order_++);
}

bool ShardedWriter::remove(const std::string& id) { return writers_[shard_for(id)]->remove(id); }

namespace {

// The documents written in this run, per shard: where each stands in the input, (shard, docid)
// -> order (the last order for a docid written twice: an id given twice, whose document holds
// the last text), and its stored signature and cluster key, held so that the pass reads the
// index once per shard instead of once per candidate (kept up to date by `relabel`).
class RunDocs {
public:
    explicit RunDocs(std::size_t shards) : by_shard_(shards) {}

    void add(unsigned shard, Xapian::docid did, std::uint64_t order) { by_shard_[shard].written.push_back({did, order}); }

    // After the last add: one entry per docid, and the stored values of each (`read`: the
    // shard's writer's stored_copies).
    void seal(unsigned shard, const std::function<std::vector<StoredCopy>(const std::vector<Xapian::docid>&)>& read) {
        Shard& docs = by_shard_[shard];
        std::sort(docs.written.begin(), docs.written.end());
        // Keep each docid's last (largest) order: the last of its run of equal docids.
        for (std::size_t i = 0; i < docs.written.size(); ++i) {
            if (i + 1 < docs.written.size() && docs.written[i + 1].first == docs.written[i].first) continue;
            docs.dids.push_back(docs.written[i].first);
            docs.orders.push_back(docs.written[i].second);
        }
        docs.written = {};
        docs.copies = read(docs.dids);
        last_ = {};
    }

    // Where a sealed document is: the pass visits them in input order.
    struct Place {
        std::uint64_t order;
        unsigned shard;
        Xapian::docid did;
        std::size_t index;  // in its shard's columns (copy_at)
    };
    std::vector<Place> in_input_order() const {
        std::vector<Place> places;
        for (unsigned k = 0; k < by_shard_.size(); ++k) {
            const Shard& docs = by_shard_[k];
            for (std::size_t i = 0; i < docs.dids.size(); ++i) places.push_back({docs.orders[i], k, docs.dids[i], i});
        }
        std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) { return a.order < b.order; });
        return places;
    }
    StoredCopy& copy_at(unsigned shard, std::size_t index) { return by_shard_[shard].copies[index]; }

    // nullopt: not written in this run (an older document).
    std::optional<std::uint64_t> order(unsigned shard, Xapian::docid did) const {
        const auto i = index(shard, did);
        return i ? std::optional(by_shard_[shard].orders[*i]) : std::nullopt;
    }
    // null: not written in this run.
    StoredCopy* copy(unsigned shard, Xapian::docid did) {
        const auto i = index(shard, did);
        return i ? &by_shard_[shard].copies[*i] : nullptr;
    }

private:
    // Columns, so that the binary search over the docids stays in a few cache lines.
    struct Shard {
        std::vector<std::pair<Xapian::docid, std::uint64_t>> written;  // until seal
        std::vector<Xapian::docid> dids;  // ascending
        std::vector<std::uint64_t> orders;
        std::vector<StoredCopy> copies;
    };
    std::optional<std::size_t> index(unsigned shard, Xapian::docid did) const {
        // The pass asks for a candidate's order and then its values: the last answer is kept.
        if (shard == last_.shard && did == last_.did) return last_.index;
        const auto& dids = by_shard_[shard].dids;
        const auto it = std::lower_bound(dids.begin(), dids.end(), did);
        std::optional<std::size_t> found;
        if (it != dids.end() && *it == did) found = static_cast<std::size_t>(it - dids.begin());
        last_ = {shard, did, found};
        return found;
    }
    std::vector<Shard> by_shard_;
    struct Lookup {
        unsigned shard = 0;
        Xapian::docid did = 0;  // 0: none yet (Xapian's docids start at 1)
        std::optional<std::size_t> index;
    };
    mutable Lookup last_;
};

}  // namespace

void ShardedWriter::link_copies() {
    RunDocs run(writers_.size());
    bool written = false;
    for (unsigned k = 0; k < writers_.size(); ++k) {
        for (const auto& doc : writers_[k]->take_written()) {
            run.add(k, doc.did, doc.order);
            written = true;
        }
    }
    if (!written) return;
    for (unsigned k = 0; k < writers_.size(); ++k) {
        run.seal(k, [&](const std::vector<Xapian::docid>& dids) { return writers_[k]->stored_copies(dids); });
    }
    // Each document once, at the place of its last text (a docid written twice holds that one).
    for (const RunDocs::Place& item : run.in_input_order()) {
        StoredCopy& self = run.copy_at(item.shard, item.index);
        if (!self.signature) continue;
        const neardup::Signature& signature = *self.signature;
        // As if one writer had put everything in input order: the documents there before this
        // run, and those of this run put before this one. Every article is looked up again in
        // every shard, its own included (one of its candidates may have been moved): with the
        // run's values held in memory that costs no more than first testing whether another
        // shard lists a candidate at all (bench/RESULTS.md, "Near-duplicates across shards").
        const auto earlier = [&](unsigned k, Xapian::docid did) {
            if (k == item.shard && did == item.did) return false;
            const auto order = run.order(k, did);
            return !order || *order < item.order;
        };
        BestCopy best;
        for (unsigned k = 0; k < writers_.size(); ++k) {
            BestCopy found = writers_[k]->best_copy(
                signature, [&](Xapian::docid did) { return earlier(k, did); },
                [&](Xapian::docid did) -> const StoredCopy* { return run.copy(k, did); });
            if (!found.key.empty() && (best.key.empty() || found.similarity > best.similarity)) best = std::move(found);
        }
        if (!best.key.empty() && best.key != self.key) {
            writers_[item.shard]->relabel(item.did, best.key);
            self.key = best.key;
        }
    }
}

void ShardedWriter::commit() {
    if (cross_shard_copies_ && writers_.size() > 1) link_copies();
    // The owner of the spelling table last, so that it writes every shard's counts.
    for (unsigned k = 0; k < writers_.size(); ++k) {
        if (k != spelling_owner_) writers_[k]->commit();
    }
    writers_[spelling_owner_]->commit();
}

Xapian::doccount ShardedWriter::doc_count() const {
    Xapian::doccount total = 0;
    for (const auto& writer : writers_) total += writer->doc_count();
    return total;
}

}  // namespace lupe
