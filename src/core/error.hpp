#pragma once

#include <map>
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace concierge {

// The kinds of failure a caller must handle. http/problem.cpp is the one
// place that maps a kind to an HTTP status.
enum class ErrorKind {
  kInvalidInput,
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kTooManyRequests,
  kUnavailable,
  kInternal,
};

// A failure as a value. `code` is a stable lowercase identifier that clients
// may rely on ("building_not_found"); `detail` is a sentence for a person;
// `fields` maps request field names to what is wrong with each. Nothing here
// may contain SQL, stack traces or secrets: it is shown to the client.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;
  std::string detail;
  std::map<std::string, std::string> fields;
  // For kTooManyRequests: when to try again (the Retry-After header).
  long retry_after_seconds = 0;

  static Error Invalid(std::string code, std::string detail,
                       std::map<std::string, std::string> fields = {}) {
    return {ErrorKind::kInvalidInput, std::move(code), std::move(detail), std::move(fields)};
  }
  static Error Field(const std::string& field, std::string message) {
    return {ErrorKind::kInvalidInput,
            "invalid_input",
            "The request has invalid fields.",
            {{field, std::move(message)}}};
  }
  static Error NotFound(std::string code, std::string detail) {
    return {ErrorKind::kNotFound, std::move(code), std::move(detail), {}};
  }
  static Error Conflict(std::string code, std::string detail) {
    return {ErrorKind::kConflict, std::move(code), std::move(detail), {}};
  }
  static Error Unauthenticated(std::string detail) {
    return {ErrorKind::kUnauthenticated, "not_authenticated", std::move(detail), {}};
  }
  static Error Forbidden(std::string detail) {
    return {ErrorKind::kForbidden, "permission_denied", std::move(detail), {}};
  }
  static Error Internal(std::string detail = "An internal error occurred.") {
    return {ErrorKind::kInternal, "internal_error", std::move(detail), {}};
  }
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

}  // namespace concierge

// Evaluates `expr` (a Result or Status) into `name`, returning its error from
// the enclosing function when it failed.
#define CONCIERGE_TRY(name, expr)                      \
  auto name = (expr);                                  \
  if (!name) {                                         \
    return ::concierge::Fail(std::move(name).error()); \
  }
