#pragma once

#include "core/error.hpp"
#include "http/request.hpp"

namespace concierge::http {

// The one table from ErrorKind to HTTP status.
[[nodiscard]] int StatusFor(ErrorKind kind);

// An RFC 9457 application/problem+json response for `error`.
[[nodiscard]] Response ProblemResponse(const Error& error, const std::string& request_id);

}  // namespace concierge::http
