#include "index/IndexPipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "index/DocumentBuilder.h"
#include "index/IndexFolder.h"
#include "index/IndexWriter.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"

namespace lupe {
namespace {

// A queue between two stages. `push` waits while the queue is full (so a fast stage never
// runs ahead of a slow one by more than `capacity` items: memory stays bounded however large
// the input); `pop` waits for an item and returns nothing once the queue is closed and empty.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

    bool push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

    // No more pushes; pops drain what is queued. With `discard`, queued items are dropped.
    void close(bool discard = false) {
        std::lock_guard lock(mutex_);
        closed_ = true;
        if (discard) items_.clear();
        not_empty_.notify_all();
        not_full_.notify_all();
    }

private:
    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<T> items_;
    bool closed_ = false;
};

// One batch of articles on its way through analysis; `documents` are filled by a worker,
// which then fulfils `done`. An article the index already holds unchanged (same content
// hash when the worker looked) is not analysed: its `built` is 0 and its `hashes` entry
// tells the writer what to compare.
struct Batch {
    std::vector<ArticleRecord> records;
    std::vector<Xapian::Document> documents;
    std::vector<std::vector<std::string>> vocabularies;
    std::vector<std::string> hashes;
    std::vector<char> built;
    std::promise<void> done;
};

// The articles of one batch that belong to one shard, in input order. For an article not
// built yet, `articles` holds it (the writer builds it if the index changed since the look).
struct ShardWork {
    std::vector<std::string> ids;
    std::vector<std::uint64_t> orders;  // places in the input (ShardedWriter's near-duplicate pass)
    std::vector<Xapian::Document> documents;
    std::vector<std::vector<std::string>> vocabularies;
    std::vector<std::string> hashes;
    std::vector<std::optional<Article>> articles;
};

// The content hashes of the articles already in the index, as committed when the run started
// (or later: a lookup that meets a newer commit reopens). Only a hint: the writer checks again
// against the index it writes, so a stale answer costs an analysis, never a wrong skip.
class KnownArticles {
public:
    explicit KnownArticles(const std::string& folder) {
        try {
            if (shard_count(folder) > 0) db_ = open_index_for_reading(folder);
        } catch (const std::exception&) {
            db_.reset();  // no hints: every article is analysed
        }
    }

    bool holds(const std::string& id, const std::string& hash) {
        if (!db_) return false;
        const std::string term = schema::id_term(id);
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                Xapian::PostingIterator it = db_->postlist_begin(term);
                if (it == db_->postlist_end(term)) return false;
                return db_->get_document(*it).get_value(schema::kContentHashSlot) == hash;
            } catch (const Xapian::DatabaseModifiedError&) {
                db_->reopen();
            } catch (const Xapian::Error&) {
                return false;
            }
        }
        return false;
    }

private:
    std::optional<Xapian::Database> db_;
};

// The first failure of any stage; later ones are dropped.
class Failure {
public:
    void set(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::move(error);
        failed_ = true;
    }
    bool failed() const { return failed_; }
    void rethrow() {
        std::lock_guard lock(mutex_);
        if (error_) std::rethrow_exception(error_);
    }

private:
    std::mutex mutex_;
    std::exception_ptr error_;
    std::atomic<bool> failed_{false};
};

// The stages after reading:
//   workers (one DocumentBuilder each) --in input order--> router --> one writer per shard.
// The router is the one place every article passes through in input order before it is
// routed to its shard; a shard's writer sees its articles in input order, so the last of
// several articles with one id wins.
class PipelineSink : public ArticleSink {
public:
    PipelineSink(const IndexPipelineOptions& options, IndexSummary& summary)
        : options_(options),
          summary_(summary),
          writer_(options.folder, options.shards,
                  IndexWriterOptions{.batch_size = options.commit_every,
                                     .cross_shard_copies = options.cross_shard_copies}),
          threads_(options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency())),
          work_(threads_ + 1),
          ordered_(2 * threads_ + 2),
          outcomes_(writer_.shards()) {
        for (unsigned k = 0; k < writer_.shards(); ++k) {
            shard_queues_.push_back(std::make_unique<BoundedQueue<ShardWork>>(2));
        }
        for (unsigned i = 0; i < threads_; ++i) threads_list_.emplace_back([this] { build(); });
        threads_list_.emplace_back([this] { route(); });
        for (unsigned k = 0; k < writer_.shards(); ++k) {
            threads_list_.emplace_back([this, k] { write(k); });
        }
    }

    ~PipelineSink() override { stop(); }

    void on_article(ArticleRecord record) override {
        for (auto& warning : record.warnings) summary_.warnings.push_back({record.where, std::move(warning)});
        record.warnings.clear();
        if (!batch_) batch_ = std::make_shared<Batch>();
        batch_->records.push_back(std::move(record));
        if (batch_->records.size() >= options_.batch_articles) flush();
    }

    void on_rejected(Rejection rejection) override {
        summary_.rejected.push_back(std::move(rejection));
        ++rejected_;
    }

    void on_bytes(std::uint64_t n) { bytes_done_ += n; }

    void finish() {
        flush();
        stop();
        failure_.rethrow();
        writer_.commit();
        for (const auto& counts : outcomes_) {
            summary_.added += counts.added;
            summary_.replaced += counts.replaced;
            summary_.unchanged += counts.unchanged;
        }
        summary_.documents_in_index = writer_.doc_count();
        report_progress();
    }

    std::uint64_t bytes_done() const { return bytes_done_; }
    void set_bytes_total(std::uint64_t total) { bytes_total_ = total; }

private:
    struct Outcomes {
        std::uint64_t added = 0;
        std::uint64_t replaced = 0;
        std::uint64_t unchanged = 0;
    };

    void flush() {
        if (!batch_ || batch_->records.empty()) return;
        auto batch = std::move(batch_);
        batch_.reset();
        // The ordered queue first: the router waits for this batch before any later one.
        if (ordered_.push(batch)) work_.push(batch);
        report_progress();
    }

    void report_progress() {
        if (!options_.on_progress) return;
        IndexProgress progress;
        progress.articles = written_ + rejected_;
        progress.bytes_done = bytes_done_;
        progress.bytes_total = bytes_total_;
        options_.on_progress(progress);
    }

    // Stage 2 (one per analysis thread): documents from articles.
    void build() {
        DocumentBuilder builder;
        KnownArticles known(options_.folder);
        while (auto batch = work_.pop()) {
            Batch& b = **batch;
            if (failure_.failed()) {  // the router stops at the next batch; no work wasted
                b.done.set_value();
                continue;
            }
            try {
                b.documents.resize(b.records.size());
                b.vocabularies.resize(b.records.size());
                b.hashes.resize(b.records.size());
                b.built.assign(b.records.size(), 1);
                for (std::size_t i = 0; i < b.records.size(); ++i) {
                    const Article& article = b.records[i].article;
                    // Hashing the stored form costs little next to analysis: an unchanged
                    // re-run only reads, hashes and looks up.
                    b.hashes[i] = content_hash(encode_stored_article(article));
                    if (known.holds(article.id, b.hashes[i])) {
                        b.built[i] = 0;
                        continue;
                    }
                    b.documents[i] = builder.build(article, &b.vocabularies[i]);
                }
                b.done.set_value();
            } catch (...) {
                b.done.set_exception(std::current_exception());
            }
        }
    }

    // Stage 3 (one thread): batches in input order, each article to its shard.
    void route() {
        const unsigned shards = writer_.shards();
        std::uint64_t next_order = 0;
        while (auto batch = ordered_.pop()) {
            Batch& b = **batch;
            try {
                b.done.get_future().get();
            } catch (...) {
                fail(std::current_exception());
                break;
            }
            if (failure_.failed()) break;
            std::vector<ShardWork> parts(shards);
            for (std::size_t i = 0; i < b.records.size(); ++i) {
                const std::string& id = b.records[i].article.id;
                ShardWork& part = parts[shards == 1 ? 0 : writer_.shard_for(id)];
                part.ids.push_back(id);
                part.orders.push_back(next_order++);
                part.documents.push_back(std::move(b.documents[i]));
                part.vocabularies.push_back(std::move(b.vocabularies[i]));
                part.hashes.push_back(std::move(b.hashes[i]));
                if (b.built[i]) {
                    part.articles.emplace_back();
                } else {
                    part.articles.emplace_back(std::move(b.records[i].article));
                }
            }
            for (unsigned k = 0; k < shards; ++k) {
                if (!parts[k].ids.empty()) shard_queues_[k]->push(std::move(parts[k]));
            }
        }
        for (auto& queue : shard_queues_) queue->close(failure_.failed());
    }

    // Stage 4 (one thread per shard): documents into the shard.
    void write(unsigned k) {
        IndexWriter& shard = writer_.shard(k);
        Outcomes& counts = outcomes_[k];
        std::unique_ptr<DocumentBuilder> late_builder;  // for articles changed since the look
        while (auto work = shard_queues_[k]->pop()) {
            try {
                for (std::size_t i = 0; i < work->ids.size(); ++i) {
                    if (work->articles[i]) {
                        if (shard.unchanged(work->ids[i], work->hashes[i])) {
                            ++counts.unchanged;
                            continue;
                        }
                        if (!late_builder) late_builder = std::make_unique<DocumentBuilder>();
                        work->documents[i] = late_builder->build(*work->articles[i], &work->vocabularies[i]);
                    }
                    switch (shard.put(work->ids[i], work->documents[i], &work->vocabularies[i], work->orders[i])) {
                        case PutOutcome::Added: ++counts.added; break;
                        case PutOutcome::Replaced: ++counts.replaced; break;
                        case PutOutcome::Unchanged: ++counts.unchanged; break;
                    }
                }
                written_ += work->ids.size();
            } catch (...) {
                fail(std::current_exception());
                return;
            }
        }
    }

    void fail(std::exception_ptr error) {
        failure_.set(std::move(error));
        work_.close();  // not discarded: the router may be waiting for a queued batch
        ordered_.close(true);
        for (auto& queue : shard_queues_) queue->close(true);
    }

    void stop() {
        work_.close();
        ordered_.close();
        for (auto& thread : threads_list_) {
            if (thread.joinable()) thread.join();
        }
    }

    const IndexPipelineOptions& options_;
    IndexSummary& summary_;
    ShardedWriter writer_;
    const unsigned threads_;
    BoundedQueue<std::shared_ptr<Batch>> work_;
    BoundedQueue<std::shared_ptr<Batch>> ordered_;
    std::vector<std::unique_ptr<BoundedQueue<ShardWork>>> shard_queues_;
    std::vector<Outcomes> outcomes_;
    std::vector<std::thread> threads_list_;
    Failure failure_;
    std::shared_ptr<Batch> batch_;
    std::atomic<std::uint64_t> written_{0};
    std::uint64_t rejected_ = 0;
    std::uint64_t bytes_done_ = 0;
    std::uint64_t bytes_total_ = 0;
};

}  // namespace

IndexSummary index_inputs(const std::vector<std::string>& paths, const IndexPipelineOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    IndexSummary summary;
    PipelineSink sink(options, summary);
    sink.set_bytes_total(total_input_bytes(paths));

    InputOptions input;
    input.field_map = options.field_map;
    input.on_bytes = [&](std::uint64_t n) { sink.on_bytes(n); };
    const InputStats stats = read_inputs(paths, input, sink);
    sink.finish();

    summary.files = stats.files;
    summary.skipped_files = stats.skipped_files;
    summary.bytes = sink.bytes_done();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace lupe
