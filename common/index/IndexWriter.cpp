#include "index/IndexWriter.h"

#include <optional>

#include "index/ClusterAssigner.h"
#include "index/IndexFolder.h"
#include "index/Schema.h"

namespace lupe {

IndexWriter::IndexWriter(const std::string& folder, IndexWriterOptions options)
    : folder_(folder), options_(options), db_(open_index_for_writing(folder)) {}

IndexWriter::~IndexWriter() {
    // Whatever was not committed explicitly is dropped by Xapian's destructor only if an error
    // is pending; commit here so a normal scope exit never loses work.
    try {
        if (pending_ > 0) commit();
    } catch (...) {
    }
}

PutOutcome IndexWriter::put(const std::string& id, Xapian::Document doc,
                            const std::vector<std::string>* vocabulary) {
    const std::string id_term = schema::id_term(id);
    PutOutcome outcome = PutOutcome::Added;
    std::optional<Xapian::docid> self;
    Xapian::PostingIterator existing = db_.postlist_begin(id_term);
    if (existing != db_.postlist_end(id_term)) {
        const std::string old_hash = db_.get_document(*existing).get_value(schema::kContentHashSlot);
        if (old_hash == doc.get_value(schema::kContentHashSlot)) return PutOutcome::Unchanged;
        outcome = PutOutcome::Replaced;
        self = *existing;
    }
    assign_cluster(db_, doc, id, self);
    db_.replace_document(id_term, doc);
    if (vocabulary) {
        for (const auto& word : *vocabulary) ++spelling_[word];
    }
    note_change();
    return outcome;
}

bool IndexWriter::remove(const std::string& id) {
    const std::string id_term = schema::id_term(id);
    if (!db_.term_exists(id_term)) return false;
    db_.delete_document(id_term);
    note_change();
    return true;
}

void IndexWriter::note_change() {
    if (++pending_ >= options_.batch_size) commit();
}

void IndexWriter::commit() {
    // One add_spelling per distinct word and batch: far cheaper than one per occurrence.
    for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
    spelling_.clear();
    db_.commit();
    pending_ = 0;
}

}  // namespace lupe
