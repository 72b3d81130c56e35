// lupe-index on a disk that fills up: a clear error and a non-zero status, the index still
// opens at its last commit, and once space is freed the same `add` completes.
//
// The disk is a small tmpfs mounted by a shell script (tests/cli/full-disk.sh): directly when
// the test runs as root (CI), else in a user and mount namespace (`unshare -Urm`); where
// neither is allowed the test says so and is skipped.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/IndexFolder.h"
#include "index/Schema.h"
#include "index/StoredArticle.h"
#include "support/TestSupport.h"

using lupe::test::TempDir;
namespace fs = std::filesystem;
namespace test = lupe::test;

namespace {

constexpr int kArticles = 600;
constexpr int kCommitEvery = 50;

// Articles with many distinct words, so the index grows quickly.
std::string corpus() {
    std::mt19937 random(7);
    const char* syllables[] = {"ber", "lin", "kan", "zler", "wirt", "schaft", "ener", "gie", "netz",
                               "bahn", "markt", "preis", "stadt", "land", "wahl", "amt", "werk", "hof"};
    auto word = [&] {
        std::string w;
        const int parts = 2 + static_cast<int>(random() % 3);
        for (int p = 0; p < parts; ++p) w += syllables[random() % 18];
        w[0] = static_cast<char>(w[0] - 'a' + 'A');
        return w + std::to_string(random() % 50);
    };
    std::string out;
    for (int n = 0; n < kArticles; ++n) {
        std::string body;
        for (int w = 0; w < 160; ++w) body += word() + (w % 12 == 11 ? ". " : " ");
        nlohmann::json line = {{"id", "voll-" + std::to_string(n)},
                               {"title", word() + " " + word() + " " + word()},
                               {"lead", word() + " " + word() + " " + word() + " " + word()},
                               {"body", body},
                               {"source", "Quelle " + std::to_string(n % 5)},
                               {"date", "2024-03-" + std::string(n % 28 < 9 ? "0" : "") + std::to_string(n % 28 + 1)}};
        out += line.dump() + '\n';
    }
    return out;
}

// Every document whole: stored data decodes, its id term and content hash agree with it.
std::set<std::string> whole_documents(const Xapian::Database& db) {
    std::set<std::string> ids;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        const std::string data = doc.get_data();
        const lupe::Article article = lupe::decode_stored_article(data);
        INFO("docid " << *it);
        REQUIRE_FALSE(article.id.empty());
        REQUIRE_FALSE(article.body.empty());
        REQUIRE(doc.get_value(lupe::schema::kContentHashSlot) == lupe::content_hash(data));
        REQUIRE(db.get_termfreq(lupe::schema::id_term(article.id)) == 1);
        REQUIRE(doc.termlist_count() > 100);
        ids.insert(article.id);
    }
    return ids;
}

}  // namespace

TEST_CASE("lupe-index on a full disk fails clearly, keeps its last commit and completes later", "[cli][reliability][disk]") {
    TempDir dir;
    test::write_file(dir / "input.jsonl", corpus());
    const std::string script = (test::source_dir() / "tests/cli/full-disk.sh").string();
    // tmpfs of 24 MiB with a 22.5 MiB filler: the index gets about 1.5 MiB, a fraction of
    // what it needs; without the filler it fits.
    const std::vector<std::string> args = {script, test::index_bin(), (dir / "input.jsonl").string(),
                                           dir.str(), "24m", "23068672", std::to_string(kCommitEvery)};
    std::vector<std::string> direct = {"/bin/sh"};
    direct.insert(direct.end(), args.begin(), args.end());
    test::CommandResult run = test::run(direct);
    if (run.status == 77 && fs::exists("/usr/bin/unshare")) {
        std::vector<std::string> unshared = {"/usr/bin/unshare", "-Urm", "/bin/sh"};
        unshared.insert(unshared.end(), args.begin(), args.end());
        run = test::run(unshared);
        // unshare itself refused (no user namespaces): as good as no mount.
        if (run.status != 0 && !fs::exists(dir / "first.status")) run.status = 77;
    }
    if (run.status == 77) {
        WARN("SKIPPED: cannot mount a tmpfs here (neither as root nor with unshare -Urm): " << run.err);
        return;
    }
    INFO("script: " << run.out << run.err);
    REQUIRE(run.status == 0);

    // The run that met the full disk: one clear line, no Xapian internals, status 1.
    const std::string first_err = test::read_file(dir / "first.err");
    INFO("first run stderr: " << first_err);
    CHECK(std::stoi(test::read_file(dir / "first.status")) == 1);
    CHECK_THAT(first_err, Catch::Contains("disk full") && Catch::Contains("free space"));
    CHECK_THAT(first_err, !Catch::Contains("Xapian") && !Catch::Contains("DatabaseError"));

    // The index as the failed run left it opens, at a commit: whole articles, a multiple of
    // --commit-every of them, fewer than all.
    {
        const Xapian::Database db = lupe::open_index_for_reading((dir / "after-full").string());
        const auto ids = whole_documents(db);
        CHECK(ids.size() == db.get_doccount());
        CHECK(db.get_doccount() % kCommitEvery == 0);
        CHECK(db.get_doccount() < static_cast<Xapian::doccount>(kArticles));
    }

    // Space freed: the same add completes, with every article exactly once.
    const std::string second_err = test::read_file(dir / "second.err");
    INFO("second run stderr: " << second_err);
    CHECK(std::stoi(test::read_file(dir / "second.status")) == 0);
    const auto summary = nlohmann::json::parse(test::read_file(dir / "second.json"));
    CHECK(summary.at("documents") == kArticles);
    const Xapian::Database db = lupe::open_index_for_reading((dir / "after-free").string());
    CHECK(whole_documents(db).size() == static_cast<std::size_t>(kArticles));
    CHECK(db.get_doccount() == static_cast<Xapian::doccount>(kArticles));
}
