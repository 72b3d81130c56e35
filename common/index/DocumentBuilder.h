#pragma once
// DocumentBuilder: Article -> Xapian::Document, following index/Schema.h.
//
// Contract: pure function of the article (same article, same document); terms come from the
// GermanAnalyzer; only each word's own term has a position (phrases look for nothing else;
// compound parts, unfolded spellings and joined hyphenated forms are plain terms with the same
// wdf: 22 % less indexing CPU, bench/RESULTS.md "Term layout"); stopwords get positions but no
// wdf, so phrases with them work while they weigh nothing in BM25; the near-duplicate
// signature (index/NearDuplicate.h) of title, lead and body goes into kSignatureSlot (finding
// its copies and the cluster key is the IndexWriter's job: it needs the other documents).
// NOT thread-safe (owns an analyzer): one per thread.

#include <xapian.h>

#include "analysis/GermanAnalyzer.h"
#include "article/Article.h"
#include "index/NearDuplicate.h"

namespace lupe {

class DocumentBuilder {
public:
    Xapian::Document build(const Article& article);
    // Also appends the article's spelling vocabulary (see GermanAnalyzer::analyze).
    Xapian::Document build(const Article& article, std::vector<std::string>* vocabulary);
    analysis::GermanAnalyzer& analyzer() { return analyzer_; }

private:
    Xapian::termpos add_text(Xapian::Document& doc, const std::string& text,
                             Xapian::termpos first, std::string_view field_prefix,
                             Xapian::termcount wdf, std::vector<std::string>* vocabulary);

    void add_signature(Xapian::Document& doc);

    analysis::GermanAnalyzer analyzer_;
    std::vector<analysis::Term> terms_;  // reused buffer
    neardup::SignatureBuilder signature_;
};

}  // namespace lupe
