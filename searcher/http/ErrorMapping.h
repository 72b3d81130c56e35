#pragma once
// ErrorMapping: the one place where failures become HTTP statuses and JSON error bodies
// {"error":{"code":"...","message":"..."}}. Core code throws its own types and knows no
// HTTP codes; this file decides:
//
//   400 invalid_parameter   InvalidRequest (a parameter Lupe cannot use; names it)
//   400 invalid_query       QuerySyntaxError (e.g. an unreadable date: in the query)
//   400 bad_request         a request head that cannot be read (bad syntax, a header line
//                           above 8 KiB; Wire.h)
//   404 not_found           unknown path or article id
//   405 method_not_allowed  a known path with a method other than GET, HEAD, OPTIONS
//   413 request_too_large   request line above 8 KiB (the transport's 414 is rewritten to
//                           this), body above the limit, q above kMaxQueryBytes
//   503 index_unavailable   the index cannot be opened or changed under the request
//   500 internal_error      anything else; a generic message, never paths or Xapian details

#include <exception>
#include <string>

namespace lupe::http {

struct Failure {
    int status = 500;
    std::string code;
    std::string message;  // safe to show to any client
    std::string detail;   // for the server's own log only (5xx); empty otherwise
};

// Never throws; call it inside a catch block with std::current_exception().
Failure failure_from_exception(std::exception_ptr error);

// For an error status of the transport itself (its request-head reader or limits, Wire.h).
Failure failure_for_status(int status);

Failure not_found(std::string message);
Failure method_not_allowed();

std::string failure_json(const Failure& failure);

}  // namespace lupe::http
