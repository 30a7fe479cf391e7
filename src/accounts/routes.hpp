#pragma once

#include <string>

#include "accounts/service.hpp"
#include "accounts/sessions.hpp"
#include "http/router.hpp"

namespace concierge::accounts {

struct CookieSettings {
  std::string site_origin;  // the only Origin accepted on cookie-authenticated routes
  bool secure = true;       // false only in development on plain-HTTP localhost
};

// The refresh cookie's name: "__Secure-" prefixed whenever it is Secure. (The
// "__Host-" form would need Path=/, and the cookie belongs to /api/auth/ only.)
[[nodiscard]] std::string RefreshCookieName(bool secure);

// /api/auth/... and /api/memberships/...; the services must outlive `router`.
void AddRoutes(http::Router& router, AccountsService& service, SessionService& sessions,
               CookieSettings cookies);

}  // namespace concierge::accounts
