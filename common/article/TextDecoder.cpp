#include "article/TextDecoder.h"

#include <memory>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

namespace lupe {
namespace {

std::string normalize_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool looks_binary(std::string_view bytes) {
    std::size_t controls = 0;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
    }
    return controls * 100 > bytes.size();  // more than 1 % control characters
}

// Latin-1 text is mostly ASCII: in German the umlauts and ß are a few percent of the bytes (under
// 15 % even in short headlines). Bytes that are mostly above 0x7F are not Latin-1 text, even
// when the charset detector lists ISO-8859-1 or windows-1252 among its low-confidence guesses.
bool mostly_ascii(std::string_view bytes) {
    std::size_t high = 0;
    for (const char c : bytes) high += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
    return high * 4 <= bytes.size();
}

std::string convert_to_utf8(std::string_view bytes, const char* charset) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
    if (text.isBogus()) throw DecodeError(std::string("cannot convert from ") + charset);
    std::string out;
    text.toUTF8String(out);
    (void)status;
    return out;
}

std::string detect_single_byte_charset(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                         &ucsdet_close);
    if (U_FAILURE(status)) throw DecodeError("charset detector unavailable");
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    if (U_FAILURE(status)) return {};
    for (int32_t i = 0; i < count; ++i) {
        const std::string name = ucsdet_getName(matches[i], &status);
        if (name == "ISO-8859-1" || name == "windows-1252" || name == "ISO-8859-15") return name;
    }
    return {};
}

DecodedText decode_bytes(std::string_view bytes) {
    if (bytes.empty()) throw DecodeError("empty file");
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xFE) {
        return {normalize_line_ends(convert_to_utf8(bytes.substr(2), "UTF-16LE")), "UTF-16LE"};
    }
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
        static_cast<unsigned char>(bytes[1]) == 0xFF) {
        return {normalize_line_ends(convert_to_utf8(bytes.substr(2), "UTF-16BE")), "UTF-16BE"};
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.find_first_not_of(" \t\r\n\f") == std::string_view::npos) {
        throw DecodeError("empty file");
    }
    if (looks_binary(bytes)) throw DecodeError("binary file (control characters), not text");
    if (is_valid_utf8(bytes)) return {normalize_line_ends(bytes), "UTF-8"};

    const std::string charset = mostly_ascii(bytes) ? detect_single_byte_charset(bytes) : "";
    if (charset.empty()) {
        throw DecodeError("invalid UTF-8 and not recognisable as Latin-1 text");
    }
    return {normalize_line_ends(convert_to_utf8(bytes, charset.c_str())), charset};
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
    DecodedText decoded = decode_bytes(bytes);
    // A file saved twice with a BOM starts with a second one (U+FEFF) after decoding.
    while (decoded.text.rfind("\xEF\xBB\xBF", 0) == 0) decoded.text.erase(0, 3);
    if (decoded.text.find_first_not_of(" \t\n\f") == std::string::npos) throw DecodeError("empty file");
    return decoded;
}

}  // namespace lupe
