#pragma once
// Wire: HTTP/1.1 as bytes: a request head in, a response out. Pure functions (no sockets), so
// they are tested table-driven and fuzzed. Boost.Beast's parser reads the head (RFC 7230
// syntax, header-only: nothing for `lupe-search query` to load at start); the limits, the
// target's split into path and parameters and the response's bytes are Lupe's.
//
// Contract:
//  - read_head(buffer, limits): `buffer` begins with a request head. On success `error` is 0,
//    `size` counts the head's bytes (its blank line included; what follows is the next,
//    pipelined request) and the fields are filled. Otherwise `error` is the status to answer:
//      413  a head over max_head_bytes, or with more than max_headers fields
//      414  a request line over max_line_bytes
//      400  anything else unreadable: a header line over max_line_bytes, bad syntax, bare-LF
//           line ends, a head that does not end, an HTTP version other than 1.0 and 1.1;
//  - split_target("/p%61th?q=a+b&x=1"): the path percent-decoded ('+' stays '+'), the
//    parameters decoded with '+' as a space; a malformed %-escape is kept as written (the
//    decoders downstream judge values); a parameter without a name is dropped; a value may
//    contain '=';
//  - write_response: status line, the reply's headers, Content-Type and Content-Length (none
//    for 204 and 304), "Connection: keep-alive" or "close", then the body unless `head_only`.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/RequestDecoder.h"
#include "http/Router.h"

namespace lupe::http {

struct WireLimits {
    std::size_t max_head_bytes = 32 * 1024;  // request line and headers together
    std::size_t max_line_bytes = 8 * 1024;   // the request line, and each header line
    std::size_t max_headers = 100;
};

using HeaderFields = std::vector<std::pair<std::string, std::string>>;

struct RequestHead {
    int error = 0;          // 0: read; else the HTTP status to answer (see above)
    std::size_t size = 0;   // bytes of the head, blank line included
    std::string method;
    std::string target;     // as sent: path and query, still encoded
    bool keep_alive = false;  // HTTP/1.1 unless "Connection: close"; 1.0 only with keep-alive
    bool has_body = false;    // Content-Length above 0, or Transfer-Encoding
    std::uint64_t content_length = 0;
    HeaderFields headers;     // in the order sent

    // The first field of that name (case-insensitive), or "".
    std::string_view header(std::string_view name) const;
};

RequestHead read_head(std::string_view buffer, const WireLimits& limits);

struct Target {
    std::string path;
    Params params;
};

Target split_target(std::string_view target);

// The response's bytes. `extra` headers (e.g. defaults of the server) come before the reply's.
std::string write_response(const Reply& reply, const HeaderFields& extra, bool head_only, bool keep_alive);

}  // namespace lupe::http
