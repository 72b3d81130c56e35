#include "support/TestSupport.h"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

namespace lupe::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("lupe-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(random()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path source_dir() { return LUPE_SOURCE_DIR; }
fs::path shared_dir() {
    if (const char* env = std::getenv("LUPE_SHARED_DIR")) return env;
    return LUPE_SHARED_DIR;
}
fs::path test_data_dir() { return LUPE_TEST_DATA_DIR; }
std::string index_bin() { return LUPE_INDEX_BIN; }
std::string search_bin() {
#ifdef LUPE_SEARCH_BIN
    return LUPE_SEARCH_BIN;
#else
    throw std::runtime_error("lupe-search is not built");
#endif
}

bool for_each_corpus_text(const CorpusTextVisitor& visit) {
    const fs::path folder = shared_dir() / "data/corpus";
    if (!fs::exists(folder)) return false;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() != ".jsonl") continue;
        const std::string file = entry.path().filename().string();
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            const nlohmann::json record = nlohmann::json::parse(line);
            for (const auto& [key, value] : record.items()) {
                if (value.is_string()) visit(file, key, value.get<std::string>());
            }
        }
    }
    return true;
}

void write_file(const fs::path& path, const std::string& bytes) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string latin1_from_utf8(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
            const auto next = static_cast<unsigned char>(utf8[++i]);
            out += static_cast<char>(((c & 0x03) << 6) | (next & 0x3F));
        } else {
            throw std::invalid_argument("not representable in Latin-1 at byte " + std::to_string(i));
        }
    }
    return out;
}

namespace {

std::string drain(int fd) {
    std::string out;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

}  // namespace

CommandResult run(const std::vector<std::string>& argv, const std::string& input) {
    RunOptions options;
    options.input = input;
    return run(argv, options);
}

CommandResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe");
    int terminal = -1;  // the pseudo-terminal's master side
    int terminal_slave = -1;
    if (options.stdout_terminal || options.stderr_terminal) {
        termios raw{};
        ::cfmakeraw(&raw);
        if (::openpty(&terminal, &terminal_slave, nullptr, &raw, nullptr) != 0) throw std::runtime_error("openpty");
    }
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork");
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(options.stdout_terminal ? terminal_slave : out_pipe[1], 1);
        ::dup2(options.stderr_terminal ? terminal_slave : err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
        if (terminal >= 0) {
            ::close(terminal);
            ::close(terminal_slave);
        }
        for (const auto& variable : options.env) {
            const auto equals = variable.find('=');
            if (equals == std::string::npos) {
                ::unsetenv(variable.c_str());
            } else {
                ::setenv(variable.substr(0, equals).c_str(), variable.substr(equals + 1).c_str(), 1);
            }
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (terminal_slave >= 0) ::close(terminal_slave);  // the master reads EIO once the child's copies close
    std::thread writer([&] {
        std::size_t done = 0;
        const std::string& input = options.input;
        while (done < input.size()) {
            const ssize_t n = ::write(in_pipe[1], input.data() + done, input.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(in_pipe[1]);
    });
    CommandResult result;
    std::thread err_reader([&] { result.err = drain(err_pipe[0]); });
    std::thread terminal_reader([&] {
        if (terminal >= 0) result.terminal = drain(terminal);
    });
    result.out = drain(out_pipe[0]);
    err_reader.join();
    terminal_reader.join();
    writer.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace lupe::test

namespace {
// Writing to a child that has already exited must not kill the test program.
const bool kIgnoreSigpipe = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
}();
}  // namespace
