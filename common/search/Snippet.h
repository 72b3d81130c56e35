#pragma once
// Snippet: the best passage of a text for a set of query terms, matched words marked.
//
// Contract:
//  - words are found and compared through the GermanAnalyzer, so every form that the index
//    conflates is marked (`Chip` marks `Chips`; a part of `KI-Modelle` marks the whole word);
//  - output is HTML-escaped text of at most about `max_bytes` bytes with `<mark>…</mark>`
//    around matched words and `…` where text was cut; without any match, the text's start;
//  - `terms` are index terms without field prefix.

#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/GermanAnalyzer.h"

namespace lupe {

std::string make_snippet(analysis::GermanAnalyzer& analyzer, std::string_view text,
                         const std::unordered_set<std::string>& terms, std::size_t max_bytes = 240);

// HTML-escapes & < > " '.
std::string escape_html(std::string_view text);

}  // namespace lupe
