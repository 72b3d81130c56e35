#include "index/IndexPipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "index/DocumentBuilder.h"
#include "index/IndexWriter.h"

namespace lupe {
namespace {

struct Built {
    Xapian::Document document;
    std::vector<std::string> vocabulary;
};

// Worker threads, each with its own DocumentBuilder (analyzers are not thread-safe).
// `build_all` builds the documents of one batch in parallel and returns when all are done.
class BuilderPool {
public:
    explicit BuilderPool(unsigned threads) {
        for (unsigned i = 0; i < threads; ++i) {
            workers_.emplace_back([this] { work(); });
        }
    }

    ~BuilderPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& worker : workers_) worker.join();
    }

    void build_all(const std::vector<ArticleRecord>& records, std::vector<Built>& docs) {
        docs.assign(records.size(), Built());
        {
            std::lock_guard lock(mutex_);
            records_ = &records;
            docs_ = &docs;
            next_ = 0;
            remaining_ = records.size();
            error_ = nullptr;
            ++generation_;
        }
        wake_.notify_all();
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return remaining_ == 0; });
        if (error_) std::rethrow_exception(error_);
    }

private:
    void work() {
        DocumentBuilder builder;
        std::uint64_t seen_generation = 0;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || generation_ != seen_generation; });
                if (stopping_) return;
                seen_generation = generation_;
            }
            for (;;) {
                std::size_t i = 0;
                const std::vector<ArticleRecord>* records = nullptr;
                std::vector<Built>* docs = nullptr;
                {
                    std::lock_guard lock(mutex_);
                    if (generation_ != seen_generation || next_ >= records_->size()) break;
                    i = next_++;
                    records = records_;
                    docs = docs_;
                }
                try {
                    Built& built = (*docs)[i];
                    built.document = builder.build((*records)[i].article, &built.vocabulary);
                } catch (...) {
                    std::lock_guard lock(mutex_);
                    if (!error_) error_ = std::current_exception();
                }
                std::lock_guard lock(mutex_);
                if (--remaining_ == 0) done_.notify_one();
            }
        }
    }

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    bool stopping_ = false;
    std::uint64_t generation_ = 0;
    const std::vector<ArticleRecord>* records_ = nullptr;
    std::vector<Built>* docs_ = nullptr;
    std::size_t next_ = 0;
    std::size_t remaining_ = 0;
    std::exception_ptr error_;
};

class PipelineSink : public ArticleSink {
public:
    PipelineSink(const IndexPipelineOptions& options, IndexSummary& summary)
        : options_(options),
          summary_(summary),
          writer_(options.folder, IndexWriterOptions{options.commit_every}),
          pool_(options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency())) {}

    void on_article(ArticleRecord record) override {
        for (auto& warning : record.warnings) summary_.warnings.push_back({record.where, std::move(warning)});
        record.warnings.clear();
        batch_.push_back(std::move(record));
        if (batch_.size() >= options_.batch_articles) flush();
    }

    void on_rejected(Rejection rejection) override {
        summary_.rejected.push_back(std::move(rejection));
        ++progress_.articles;
    }

    void on_bytes(std::uint64_t n) { progress_.bytes_done += n; }

    void finish() {
        flush();
        writer_.commit();
        summary_.documents_in_index = writer_.doc_count();
    }

    IndexProgress& progress() { return progress_; }

private:
    void flush() {
        if (batch_.empty()) return;
        pool_.build_all(batch_, docs_);
        for (std::size_t i = 0; i < batch_.size(); ++i) {
            switch (writer_.put(batch_[i].article.id, docs_[i].document, &docs_[i].vocabulary)) {
                case PutOutcome::Added: ++summary_.added; break;
                case PutOutcome::Replaced: ++summary_.replaced; break;
                case PutOutcome::Unchanged: ++summary_.unchanged; break;
            }
        }
        progress_.articles += batch_.size();
        batch_.clear();
        if (options_.on_progress) options_.on_progress(progress_);
    }

    const IndexPipelineOptions& options_;
    IndexSummary& summary_;
    IndexWriter writer_;
    BuilderPool pool_;
    std::vector<ArticleRecord> batch_;
    std::vector<Built> docs_;
    IndexProgress progress_;
};

}  // namespace

IndexSummary index_inputs(const std::vector<std::string>& paths, const IndexPipelineOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    IndexSummary summary;
    PipelineSink sink(options, summary);
    sink.progress().bytes_total = total_input_bytes(paths);

    InputOptions input;
    input.field_map = options.field_map;
    input.on_bytes = [&](std::uint64_t n) { sink.on_bytes(n); };
    const InputStats stats = read_inputs(paths, input, sink);
    sink.finish();

    summary.files = stats.files;
    summary.skipped_files = stats.skipped_files;
    summary.bytes = sink.progress().bytes_done;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace lupe
