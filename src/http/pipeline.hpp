#pragma once

#include <cstddef>

#include "http/client_address.hpp"
#include "http/router.hpp"

namespace concierge::http {

// What happens to every request around the router: request id, body size
// limit, error mapping for anything thrown, response headers, access log.
class Pipeline {
 public:
  // `served_over_https`: the site origin is https, so browsers are told to
  // keep to it (Strict-Transport-Security).
  // `proxies`: whose X-Forwarded-For names the client; must outlive the
  // pipeline. Null: the socket peer is always the client.
  Pipeline(const Router& router, std::size_t max_body_bytes, bool served_over_https = false,
           const TrustedProxies* proxies = nullptr)
      : router_(router),
        max_body_bytes_(max_body_bytes),
        https_(served_over_https),
        proxies_(proxies) {}

  // Thread-safe. Never throws.
  [[nodiscard]] Response Handle(Request& request) const;

  [[nodiscard]] std::size_t max_body_bytes() const { return max_body_bytes_; }

 private:
  [[nodiscard]] Response Route(Request& request) const;

  const Router& router_;
  std::size_t max_body_bytes_;
  bool https_;
  const TrustedProxies* proxies_;
};

// The request path as logs may keep it: secret-bearing segments (a personal
// page's link token) are replaced by "[redacted]".
[[nodiscard]] std::string LoggablePath(const std::string& path);

// True when `id` is acceptable as a client-supplied request id: 1 to 128
// characters from [A-Za-z0-9._-], so it is safe in logs and headers.
[[nodiscard]] bool IsWellFormedRequestId(std::string_view id);

// The headers every response carries (DESIGN.md section 6). API answers may
// hold personal data or tokens, so no cache may keep them.
void AddSecurityHeaders(const Request& request, Response& response, bool https);

}  // namespace concierge::http
