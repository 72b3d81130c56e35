#pragma once
// TextDecoder: raw file bytes -> clean UTF-8 text with LF line ends.
//
// Contract:
//  - UTF-8 with or without BOM is taken as is; UTF-16 with a BOM is converted;
//  - bytes that are not valid UTF-8 are identified with ICU's charset detector and converted
//    when they are Latin-1 / Windows-1252 text (the encodings German exports use);
//  - CRLF and lone CR become LF;
//  - an empty file, a binary file (NUL bytes or many control characters) or undecodable bytes
//    raise DecodeError with the reason; nothing is guessed silently: `encoding` names what
//    was used.

#include <stdexcept>
#include <string>
#include <string_view>

#include "article/Utf8.h"  // is_valid_utf8

namespace lupe {

class DecodeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct DecodedText {
    std::string text;      // UTF-8, LF line ends, no BOM
    std::string encoding;  // "UTF-8", "UTF-16LE", "ISO-8859-1", "windows-1252"
};

DecodedText decode_text(std::string_view bytes);

}  // namespace lupe
