#pragma once
// Stemmer: Snowball's German stemmer (libstemmer, Debian's Snowball 2.2.0).
//
// Contract:
//  - input: one normalised (case-folded) UTF-8 word;
//  - output: its Snowball "german" stem, identical to the reference vocabulary
//    `german-snowball-2.2.0/output.txt` (tested);
//  - NOT thread-safe (a libstemmer handle keeps state): one Stemmer per thread.

#include <string>
#include <string_view>

struct sb_stemmer;

namespace lupe::analysis {

class Stemmer {
public:
    Stemmer();
    ~Stemmer();
    Stemmer(const Stemmer&) = delete;
    Stemmer& operator=(const Stemmer&) = delete;

    std::string stem(std::string_view word);

    // The algorithm name, recorded in the index so that a changed stemmer is noticed.
    static constexpr const char* algorithm = "german";

private:
    sb_stemmer* stemmer_;
};

}  // namespace lupe::analysis
