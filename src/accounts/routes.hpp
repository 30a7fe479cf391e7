#pragma once

#include "accounts/service.hpp"
#include "http/router.hpp"

namespace concierge::accounts {

// /api/auth/login/ and /api/auth/me/; `service` must outlive `router`.
void AddRoutes(http::Router& router, AccountsService& service);

}  // namespace concierge::accounts
