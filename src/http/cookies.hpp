#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace concierge::http {

// The value of cookie `name` in the request's Cookie header.
[[nodiscard]] std::optional<std::string> CookieValue(const Request& request,
                                                     const std::string& name);

struct CookieAttributes {
  std::string path = "/";
  bool secure = true;
  std::chrono::seconds max_age{0};  // 0 clears the cookie
};

// A Set-Cookie value that is always HttpOnly and SameSite=Strict.
[[nodiscard]] std::string SetCookie(const std::string& name, const std::string& value,
                                    const CookieAttributes& attributes);

}  // namespace concierge::http
