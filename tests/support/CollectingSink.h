#pragma once
// An ArticleSink that keeps everything a reader produces, for assertions.

#include <string>
#include <vector>

#include "article/Article.h"

namespace lupe::test {

class CollectingSink : public ArticleSink {
public:
    void on_article(ArticleRecord record) override { records.push_back(std::move(record)); }
    void on_rejected(Rejection rejection) override { rejections.push_back(std::move(rejection)); }

    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& r : records) out.push_back(r.article.id);
        return out;
    }

    std::vector<ArticleRecord> records;
    std::vector<Rejection> rejections;
};

}  // namespace lupe::test
