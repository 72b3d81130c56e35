#include "TextOutput.h"

#include <unistd.h>

#include <cstdio>

#include "cli/CommandLine.h"

namespace lupe::searcher {
namespace {

// Snippets are HTML; on a terminal <mark> becomes bold (or «» without colour).
std::string terminal_text(std::string_view html, const TextStyle& style) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        auto replace = [&](std::string_view from, std::string_view to) {
            if (html.substr(i, from.size()) != from) return false;
            out += to;
            i += from.size();
            return true;
        };
        if (replace("<mark>", style.color ? "\x1b[1m" : "\xC2\xAB") ||
            replace("</mark>", style.color ? "\x1b[0m" : "\xC2\xBB") || replace("&amp;", "&") ||
            replace("&lt;", "<") || replace("&gt;", ">") || replace("&quot;", "\"") || replace("&#39;", "'")) {
            continue;
        }
        out += html[i++];
    }
    return out;
}

}  // namespace

TextStyle style_for_stdout() { return TextStyle{cli::decorate(STDOUT_FILENO)}; }

void print_result(const SearchResult& r, const TextStyle& style, std::ostream& out) {
    char took[32];
    std::snprintf(took, sizeof took, "%.1f", r.took_ms);
    out << (r.total_exact ? "" : "etwa ") << r.total << " Treffer (";
    if (r.collapse && r.articles != r.total) out << r.articles << " Artikel, Kopien zusammengefasst; ";
    out << took << " ms)";
    if (!r.hits.empty()) out << ", " << r.offset + 1 << "-" << r.offset + r.hits.size();
    out << "\n";
    if (r.partial) out << "Zeitlimit erreicht: Ergebnisse unvollständig (--time-limit)\n";
    out << "\n";
    std::size_t rank = r.offset;
    for (const Hit& h : r.hits) {
        out << ++rank << ". " << (h.title.empty() ? "(ohne Titel)" : h.title) << '\n';
        out << "   " << (h.source.empty() ? "-" : h.source) << " | " << (h.date.empty() ? "-" : h.date)
            << " | " << (h.topic.empty() ? "-" : h.topic) << " | " << h.id << '\n';
        if (h.similar > 0) {
            out << "   + " << h.similar << (h.similar == 1 ? " ähnlicher Artikel" : " ähnliche Artikel")
                << " (lupe-search similar " << h.id << ")\n";
        }
        out << "   " << terminal_text(h.snippet, style) << "\n\n";
    }
    for (const FacetResult& f : r.facets) {
        out << facet_name(f.facet) << ":";
        for (const FacetCount& c : f.counts) out << "  " << c.value << " (" << c.count << ")";
        out << '\n';
    }
    if (r.suggestion) out << "Meinten Sie: " << *r.suggestion << "?\n";
}

void print_article(const Article& a, std::ostream& out) {
    out << a.title << '\n';
    out << (a.source.empty() ? "-" : a.source) << " | " << (a.date ? a.date->iso() : "-") << " | "
        << (a.topic.empty() ? "-" : a.topic) << " | " << a.id << '\n';
    if (!a.url.empty()) out << a.url << '\n';
    out << '\n';
    if (!a.lead.empty()) out << a.lead << "\n\n";
    out << a.body << '\n';
}

}  // namespace lupe::searcher
