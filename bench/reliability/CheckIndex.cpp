// lupe-check-index INDEX [EXPECTED]: opens an index (single or sharded) as every reader does
// and checks that it holds only whole articles: each document's stored data decodes to an
// article with an id and text, its id term is that id and unique, its content hash matches
// the data, it has a cluster key and terms. Prints one line of figures; exit status 0 when
// all is whole (and, with EXPECTED, the count is EXPECTED), 1 otherwise.
#include <cstdlib>
#include <iostream>
#include <string>
#include <unordered_set>

#include <xapian.h>

#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"

int main(int argc, char** argv) try {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: lupe-check-index INDEX [EXPECTED]\n";
        return 2;
    }
    namespace schema = lupe::schema;
    const Xapian::Database db = lupe::open_index_for_reading(argv[1]);
    std::unordered_set<std::string> ids;
    std::uint64_t documents = 0;
    std::uint64_t broken = 0;
    std::uint64_t duplicates = 0;
    auto complain = [&](Xapian::docid id, const std::string& what) {
        if (++broken <= 10) std::cerr << "document " << id << ": " << what << '\n';
    };
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        ++documents;
        const Xapian::Document doc = db.get_document(*it);
        const std::string data = doc.get_data();
        const auto json = nlohmann::json::parse(data, nullptr, false);
        if (!json.is_object()) {
            complain(*it, "stored data is not a JSON object");
            continue;
        }
        bool fields = true;
        for (const char* key : {"id", "title", "lead", "body", "source", "topic", "date", "url"}) {
            if (!json.contains(key)) fields = false;
        }
        if (!fields) {
            complain(*it, "stored article lacks a field");
            continue;
        }
        const lupe::Article article = lupe::decode_stored_article(data);
        if (article.id.empty() || (article.title.empty() && article.body.empty())) {
            complain(*it, "no id or no text");
            continue;
        }
        if (doc.get_value(schema::kContentHashSlot) != lupe::content_hash(data)) complain(*it, "content hash differs");
        if (doc.get_value(schema::kClusterSlot).empty()) complain(*it, "no cluster key");
        if (doc.termlist_count() < 2) complain(*it, "no terms");
        const std::string id_term = schema::id_term(article.id);
        bool has_id_term = false;
        auto t = doc.termlist_begin();
        t.skip_to(id_term);
        if (t != doc.termlist_end() && *t == id_term) has_id_term = true;
        if (!has_id_term) complain(*it, "id term missing");
        if (db.get_termfreq(id_term) != 1) ++duplicates;
        if (!ids.insert(article.id).second) ++duplicates;
    }
    const bool count_ok = argc < 3 || documents == std::strtoull(argv[2], nullptr, 10);
    std::cout << "documents " << documents << ", distinct ids " << ids.size() << ", broken " << broken
              << ", duplicates " << duplicates << (count_ok ? "" : ", COUNT DIFFERS") << '\n';
    return broken == 0 && duplicates == 0 && count_ok && documents == db.get_doccount() ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "lupe-check-index: " << e.what() << '\n';
    return 1;
} catch (const Xapian::Error& e) {
    std::cerr << "lupe-check-index: " << e.get_description() << '\n';
    return 1;
}
