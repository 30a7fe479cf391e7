#include "http/pipeline.hpp"

#include <chrono>

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace concierge::http {

bool IsWellFormedRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) {
    return false;
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

void AddSecurityHeaders(const Request& request, Response& response, bool https) {
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; object-src 'none'; base-uri 'none'; "
                                "frame-ancestors 'none'; form-action 'self'");
  if (https) {
    response.headers.emplace_back("Strict-Transport-Security",
                                  "max-age=31536000; includeSubDomains");
  }
  if (request.path.rfind("/api/", 0) == 0 && request.path != "/api/schema/") {
    response.headers.emplace_back("Cache-Control", "no-store");
  }
}

// A personal page's link is its own key, so its token never reaches a log
// (logs are read by more people than the apartment's owner).
std::string LoggablePath(const std::string& path) {
  static constexpr std::string_view kSecretPrefixes[] = {"/api/apartments/personal/"};
  for (const auto prefix : kSecretPrefixes) {
    if (path.compare(0, prefix.size(), prefix) == 0 && path.size() > prefix.size()) {
      const auto end = path.find('/', prefix.size());
      return std::string(prefix) + "[redacted]" +
             (end == std::string::npos ? std::string() : path.substr(end));
    }
  }
  return path;
}

Response Pipeline::Handle(Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  const auto supplied = request.Header("x-request-id");
  request.request_id =
      supplied && IsWellFormedRequestId(*supplied) ? std::string(*supplied) : RandomToken(12);
  request.client_address =
      proxies_ != nullptr ? proxies_->ClientOf(request)
                          : CanonicalAddress(request.peer_address).value_or(request.peer_address);

  Response response = Route(request);
  response.headers.emplace_back("X-Request-Id", request.request_id);
  AddSecurityHeaders(request, response, https_);

  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  log::Info("request", {{"request_id", request.request_id},
                        {"method", request.method},
                        {"path", LoggablePath(request.path)},
                        {"status", response.status},
                        {"bytes", response.body.size()},
                        {"duration_ms", static_cast<double>(micros) / 1000.0},
                        {"peer", request.peer_address},
                        {"client", request.client_address}});
  return response;
}

Response Pipeline::Route(Request& request) const {
  if (request.body.size() > max_body_bytes_) {
    return ProblemResponse(
        Error{ErrorKind::kPayloadTooLarge,
              "payload_too_large",
              "The body is larger than " + std::to_string(max_body_bytes_) + " bytes.",
              {}},
        request.request_id);
  }
  try {
    return router_.Dispatch(request);
  } catch (const std::exception& error) {
    // The client sees a request id to quote, never the exception text.
    log::Error("unhandled exception", {{"request_id", request.request_id},
                                       {"path", LoggablePath(request.path)},
                                       {"error", error.what()}});
  } catch (...) {
    log::Error("unhandled exception",
               {{"request_id", request.request_id}, {"path", LoggablePath(request.path)}});
  }
  return ProblemResponse(Error::Internal(), request.request_id);
}

}  // namespace concierge::http
