#pragma once
// IndexWriter: puts built documents into an index folder, one article per id.
//
// Contract:
//  - `put` replaces the document with the same id term (never duplicates) and skips one whose
//    stored content hash is unchanged; returns what it did;
//  - commits every `batch_size` changes and in `commit()`; a crash loses at most the
//    uncommitted batch, never a committed article;
//  - gives every added or replaced document its near-duplicate cluster key (ClusterAssigner.h)
//    and thereby sets kClusterSlot and a cluster term on `doc` (a Xapian::Document is a handle);
//  - holds Xapian's write lock for its lifetime (one writer per index).

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace lupe {

struct IndexWriterOptions {
    std::size_t batch_size = 2000;  // changes per commit
};

enum class PutOutcome { Added, Replaced, Unchanged };

class IndexWriter {
public:
    explicit IndexWriter(const std::string& folder, IndexWriterOptions options = {});
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // `vocabulary` (optional): the article's words for the spelling table (suggestions,
    // "did you mean"); counted only when the article is added or replaced.
    PutOutcome put(const std::string& id, Xapian::Document doc,
                   const std::vector<std::string>* vocabulary = nullptr);
    bool remove(const std::string& id);  // false: no such id
    void commit();

    Xapian::doccount doc_count() const { return db_.get_doccount(); }

private:
    void note_change();

    std::string folder_;
    IndexWriterOptions options_;
    Xapian::WritableDatabase db_;
    std::size_t pending_ = 0;
    std::unordered_map<std::string, Xapian::termcount> spelling_;  // added at commit
};

}  // namespace lupe
