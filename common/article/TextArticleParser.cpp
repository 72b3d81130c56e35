#include "article/TextArticleParser.h"

#include <algorithm>
#include <optional>
#include <set>

namespace lupe {
namespace {

constexpr std::string_view kSourcePrefix = "Quelle:";
constexpr std::string_view kTeaserMarker = "Das könnte Sie ebenfalls interessieren";

struct Block {
    std::size_t line;  // 1-based line of its first line
    std::vector<std::string> lines;

    bool single() const { return lines.size() == 1; }
    std::string joined() const {
        std::string out;
        for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
        return out;
    }
};

std::string trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    // Non-breaking spaces (U+00A0) at either end.
    while (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    return std::string(s);
}

std::vector<Block> split_blocks(std::string_view text) {
    std::vector<Block> blocks;
    std::size_t line_no = 0;
    bool in_block = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        ++line_no;
        std::string line = trim(text.substr(start, end - start));
        if (line.empty()) {
            in_block = false;
        } else {
            if (!in_block) blocks.push_back({line_no, {}});
            blocks.back().lines.push_back(std::move(line));
            in_block = true;
        }
        if (end == text.size()) break;
        start = end + 1;
    }
    return blocks;
}

std::size_t count_words(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : s) {
        const bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

bool ends_sentence(std::string_view s) {
    return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':');
}

// A topic/section label: one short line, a few words, no sentence punctuation.
bool looks_like_label(const Block& b) {
    return b.single() && b.lines[0].size() <= 40 && count_words(b.lines[0]) <= 3 &&
           !ends_sentence(b.lines[0]);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::optional<std::string> source_of(std::string_view line) {
    if (!starts_with(line, kSourcePrefix) || line.size() > 120) return std::nullopt;
    std::string value = trim(line.substr(kSourcePrefix.size()));
    if (value.empty()) return std::nullopt;
    return value;
}

// Lower-cased ASCII words (other bytes kept as word characters), for overlap checks.
std::set<std::string> word_set(std::string_view s) {
    std::set<std::string> words;
    std::string current;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            current += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!current.empty()) {
            words.insert(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.insert(std::move(current));
    return words;
}

// A pull quote repeats (most of) another paragraph: at least 8 words of which at least 60 %
// stand in one longer paragraph.
bool is_pull_quote_of(const std::set<std::string>& quote, const std::set<std::string>& other) {
    if (quote.size() < 8 || other.size() <= quote.size()) return false;
    std::size_t shared = 0;
    for (const auto& w : quote) shared += other.count(w);
    return shared * 10 >= quote.size() * 6;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
    return out;
}

}  // namespace

ParsedText TextArticleParser::parse(std::string_view text) const {
    std::vector<Block> blocks = split_blocks(text);
    ParsedText result;
    Article& article = result.article;
    if (blocks.empty()) throw ParseError(0, "no text");

    // The teaser block and everything after it belong to other articles.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (starts_with(blocks[i].lines[0], kTeaserMarker)) {
            blocks.resize(i);
            break;
        }
    }
    if (blocks.empty()) throw ParseError(1, "no article text before the teaser block");

    std::size_t next = 0;
    if (blocks[0].single() && DateParser::looks_like_date(blocks[0].lines[0])) {
        article.date = dates_.parse(blocks[0].lines[0]);
        if (!article.date) {
            result.warnings.push_back("line " + std::to_string(blocks[0].line) +
                                      ": unreadable date '" + blocks[0].lines[0] +
                                      "', indexed without a date");
        }
        next = 1;
    } else {
        result.warnings.push_back("no date line at the top, indexed without a date");
    }

    // Headline: the single-line block that the picture heading repeats; else by layout.
    std::optional<std::size_t> title_at;
    std::optional<std::size_t> picture_at;
    for (std::size_t j = next; j < std::min(blocks.size(), next + 2) && !title_at; ++j) {
        if (!blocks[j].single()) continue;
        for (std::size_t k = j + 1; k < blocks.size(); ++k) {
            if (blocks[k].lines[0] == blocks[j].lines[0]) {
                title_at = j;
                picture_at = k;
                break;
            }
        }
    }
    if (!title_at) {
        // A label followed by a single line is topic + headline when text follows, or when
        // that line is the last and reads as a headline, not a sentence (then there is no
        // text: it must not become the lead with the topic taken for the headline).
        const bool has_topic =
            next + 1 < blocks.size() && looks_like_label(blocks[next]) && blocks[next + 1].single() &&
            (next + 2 < blocks.size() || !ends_sentence(blocks[next + 1].lines[0]));
        title_at = has_topic ? next + 1 : next;
    }
    if (*title_at > next && looks_like_label(blocks[next])) article.topic = blocks[next].lines[0];
    if (*title_at >= blocks.size()) throw ParseError(blocks.back().line, "no headline found");
    if (blocks[*title_at].single() && !source_of(blocks[*title_at].lines[0])) {
        article.title = blocks[*title_at].lines[0];
        next = *title_at + 1;
    } else {
        next = *title_at;  // no headline line: the text starts right away
    }

    // Lead, then body; the picture block loses its repeated headline.
    std::vector<std::string> paragraphs;
    std::vector<std::set<std::string>> paragraph_words;
    std::set<std::string> seen;
    bool lead_taken = false;
    for (std::size_t i = next; i < blocks.size(); ++i) {
        Block block = blocks[i];
        if (picture_at && i == *picture_at) block.lines.erase(block.lines.begin());
        std::vector<std::string> kept;
        for (auto& line : block.lines) {
            if (auto source = source_of(line)) {
                if (article.source.empty()) {
                    article.source = *source;
                } else if (article.source != *source) {
                    result.warnings.push_back("line " + std::to_string(block.line) +
                                              ": second source '" + *source + "' ignored");
                }
                continue;
            }
            kept.push_back(std::move(line));
        }
        if (kept.empty()) continue;
        block.lines = std::move(kept);
        std::string paragraph = block.joined();
        if (!lead_taken && !(picture_at && i >= *picture_at)) {
            article.lead = paragraph;
            lead_taken = true;
            seen.insert(paragraph);
            continue;
        }
        if (!seen.insert(paragraph).second) continue;  // repeated verbatim
        paragraphs.push_back(std::move(paragraph));
        paragraph_words.push_back(word_set(paragraphs.back()));
    }

    // Drop pull quotes: paragraphs whose words are nearly all in a longer paragraph.
    std::vector<std::string> body;
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const bool quote = std::any_of(paragraph_words.begin(), paragraph_words.end(),
                                       [&](const auto& other) {
                                           return &other != &paragraph_words[i] &&
                                                  is_pull_quote_of(paragraph_words[i], other);
                                       });
        if (!quote) body.push_back(std::move(paragraphs[i]));
    }
    article.body = join_paragraphs(body);
    if (article.body.empty() && article.lead.empty()) {
        throw ParseError(blocks.back().line, "no body text (only a headline and metadata)");
    }
    return result;
}

}  // namespace lupe
