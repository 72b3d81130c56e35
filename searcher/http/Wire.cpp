#include "http/Wire.h"

#include <algorithm>
#include <cctype>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>

namespace lupe::http {
namespace {

namespace bhttp = boost::beast::http;

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Where the head ends ("\r\n\r\n" included), or npos.
std::size_t head_end(std::string_view buffer) {
    const std::size_t end = buffer.find("\r\n\r\n");
    return end == std::string_view::npos ? end : end + 4;
}

// 0, or the status for an over-long line (414: the request line; 400: a header line, as
// most servers answer one they cannot hold).
int line_lengths(std::string_view head, std::size_t max_line_bytes) {
    bool first = true;
    for (std::size_t begin = 0; begin < head.size();) {
        std::size_t end = head.find('\n', begin);
        if (end == std::string_view::npos) end = head.size();
        if (end - begin > max_line_bytes) return first ? 414 : 400;
        first = false;
        begin = end + 1;
    }
    return 0;
}

RequestHead failed(int status) {
    RequestHead head;
    head.error = status;
    return head;
}

}  // namespace

std::string_view RequestHead::header(std::string_view name) const {
    for (const auto& [field, value] : headers) {
        if (same_name(field, name)) return value;
    }
    return {};
}

RequestHead read_head(std::string_view buffer, const WireLimits& limits) {
    const std::size_t end = head_end(buffer);
    const std::string_view head = buffer.substr(0, std::min(end, buffer.size()));
    if (const int status = line_lengths(head.substr(0, std::min(head.size(), limits.max_head_bytes + 1)),
                                        limits.max_line_bytes)) {
        return failed(status);
    }
    if (end == std::string_view::npos) return failed(buffer.size() >= limits.max_head_bytes ? 413 : 400);
    if (end > limits.max_head_bytes) return failed(413);

    bhttp::request_parser<bhttp::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_head_bytes));
    parser.eager(false);  // the head only: no endpoint reads a body
    boost::beast::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(head.data(), head.size()), ec);
    if (ec == bhttp::error::header_limit) return failed(413);
    if (ec || !parser.is_header_done() || used != head.size()) return failed(400);
    const auto& request = parser.get();
    if (request.version() != 10 && request.version() != 11) return failed(400);

    RequestHead out;
    out.size = end;
    out.method = std::string(request.method_string());
    out.target = std::string(request.target());
    out.keep_alive = request.keep_alive();
    out.content_length = parser.content_length().value_or(0);
    out.has_body = out.content_length > 0 || parser.chunked() ||
                   request.find(bhttp::field::transfer_encoding) != request.end();
    for (const auto& field : request) {
        if (out.headers.size() == limits.max_headers) return failed(413);
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    return out;
}

Target split_target(std::string_view target) {
    Target out;
    const std::size_t question = target.find('?');
    out.path = lenient_percent_decode(target.substr(0, question), false);
    if (question == std::string_view::npos) return out;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const std::size_t equals = pair.find('=');
        const std::string_view name = pair.substr(0, equals);
        if (name.empty()) continue;
        const std::string_view value = equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
        out.params.emplace(lenient_percent_decode(name, true), lenient_percent_decode(value, true));
    }
    return out;
}

std::string write_response(const Reply& reply, const HeaderFields& extra, bool head_only, bool keep_alive) {
    const bool bodiless = reply.status == 204 || reply.status == 304 || reply.status < 200;
    std::string reason(bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(reply.status))));
    if (reason.empty() || reason == "<unknown-status>") reason = "Unknown";
    std::string out;
    out.reserve(256 + (head_only || bodiless ? 0 : reply.body.size()));
    out += "HTTP/1.1 " + std::to_string(reply.status) + ' ' + reason + "\r\n";
    const auto field = [&out](std::string_view name, std::string_view value) {
        out.append(name).append(": ").append(value).append("\r\n");
    };
    for (const auto& [name, value] : extra) field(name, value);
    for (const auto& [name, value] : reply.headers) field(name, value);
    if (!bodiless) {
        if (!reply.content_type.empty()) field("Content-Type", reply.content_type);
        field("Content-Length", std::to_string(reply.body.size()));
    }
    field("Connection", keep_alive ? "keep-alive" : "close");
    out += "\r\n";
    if (!head_only && !bodiless) out += reply.body;
    return out;
}

}  // namespace lupe::http
