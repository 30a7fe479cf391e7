#include "http/problem.hpp"

namespace concierge::http {

namespace {

struct KindInfo {
  ErrorKind kind;
  int status;
  const char* title;
};

constexpr KindInfo kKinds[] = {
    {ErrorKind::kInvalidInput, 400, "Invalid input"},
    {ErrorKind::kUnauthenticated, 401, "Not authenticated"},
    {ErrorKind::kForbidden, 403, "Permission denied"},
    {ErrorKind::kNotFound, 404, "Not found"},
    {ErrorKind::kMethodNotAllowed, 405, "Method not allowed"},
    {ErrorKind::kConflict, 409, "Conflict"},
    {ErrorKind::kPayloadTooLarge, 413, "Payload too large"},
    {ErrorKind::kUnsupportedMediaType, 415, "Unsupported media type"},
    {ErrorKind::kTooManyRequests, 429, "Too many requests"},
    {ErrorKind::kUnavailable, 503, "Service unavailable"},
    {ErrorKind::kInternal, 500, "Internal server error"},
};

const KindInfo& InfoFor(ErrorKind kind) {
  for (const auto& info : kKinds) {
    if (info.kind == kind) {
      return info;
    }
  }
  return kKinds[std::size(kKinds) - 1];
}

}  // namespace

int StatusFor(ErrorKind kind) {
  return InfoFor(kind).status;
}

Response ProblemResponse(const Error& error, const std::string& request_id) {
  const KindInfo& info = InfoFor(error.kind);
  nlohmann::json body = {
      {"type", "urn:concierge:problem:" + error.code},
      {"title", info.title},
      {"status", info.status},
      {"code", error.code},
      {"detail", error.detail},
      {"request_id", request_id},
  };
  if (!error.fields.empty()) {
    body["errors"] = error.fields;
  }
  Response response = Response::Json(info.status, body);
  response.content_type = "application/problem+json";
  if (error.retry_after_seconds > 0) {
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return response;
}

}  // namespace concierge::http
