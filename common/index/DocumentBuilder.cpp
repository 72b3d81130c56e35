#include "index/DocumentBuilder.h"

#include "index/Schema.h"
#include "index/StoredArticle.h"

namespace lupe {
namespace {

void add(Xapian::Document& doc, const std::string& text, const analysis::Term& term, Xapian::termcount wdf) {
    if (term.own) doc.add_posting(text, term.position, wdf);
    else doc.add_term(text, wdf);
}

}  // namespace

Xapian::termpos DocumentBuilder::add_text(Xapian::Document& doc, const std::string& text,
                                          Xapian::termpos first, std::string_view field_prefix,
                                          Xapian::termcount wdf,
                                          std::vector<std::string>* vocabulary) {
    terms_.clear();
    const Xapian::termpos next = analyzer_.analyze(text, first, terms_, vocabulary);
    std::string prefixed(field_prefix);
    Xapian::termpos last_position = 0;
    for (const auto& term : terms_) {
        // The signature sees each word once: the first term at its position, no stopwords.
        if (term.position != last_position && !term.stopword) signature_.add(term.text);
        last_position = term.position;
        // Only a word's own term gets a position: phrases look for nothing else. The other
        // terms of the word (compound parts, unfolded spelling, joined hyphenated form) count
        // the same wdf, so BM25 and document lengths do not change.
        const Xapian::termcount weight = term.stopword ? 0 : wdf;
        add(doc, term.text, term, weight);
        if (!field_prefix.empty()) {
            prefixed.resize(field_prefix.size());
            prefixed += term.text;
            add(doc, prefixed, term, term.stopword ? 0 : 1);
        }
    }
    return next;
}

Xapian::Document DocumentBuilder::build(const Article& article) { return build(article, nullptr); }

void DocumentBuilder::add_signature(Xapian::Document& doc) {
    const auto signature = signature_.finish();
    signature_.clear();
    if (!signature) return;
    doc.add_value(schema::kSignatureSlot, neardup::encode(*signature));
}

Xapian::Document DocumentBuilder::build(const Article& article, std::vector<std::string>* vocabulary) {
    Xapian::Document doc;
    signature_.clear();
    Xapian::termpos pos = 1;
    pos = add_text(doc, article.title, pos, schema::kTitlePrefix, schema::kTitleWdf, vocabulary);
    pos = add_text(doc, article.lead, pos + schema::kFieldGap, schema::kLeadPrefix, schema::kLeadWdf,
                   vocabulary);
    add_text(doc, article.body, pos + schema::kFieldGap, "", schema::kBodyWdf, vocabulary);
    add_signature(doc);

    doc.add_boolean_term(schema::id_term(article.id));
    if (!article.source.empty()) {
        doc.add_boolean_term(schema::filter_term(schema::kSourcePrefix, article.source));
        doc.add_value(schema::kSourceSlot, article.source);
    }
    if (!article.topic.empty()) {
        doc.add_boolean_term(schema::filter_term(schema::kTopicPrefix, article.topic));
        doc.add_value(schema::kTopicSlot, article.topic);
    }
    if (article.date) {
        const std::string compact = article.date->compact();
        doc.add_boolean_term(std::string(schema::kYearPrefix) + compact.substr(0, 4));
        doc.add_boolean_term(std::string(schema::kMonthPrefix) + compact.substr(0, 6));
        doc.add_boolean_term(std::string(schema::kDayPrefix) + compact);
        doc.add_value(schema::kDateSlot, compact);
        doc.add_value(schema::kMonthSlot, article.date->month_key());
    }
    const std::string data = encode_stored_article(article);
    doc.add_value(schema::kContentHashSlot, content_hash(data));
    doc.set_data(data);
    return doc;
}

}  // namespace lupe
