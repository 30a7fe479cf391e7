#pragma once

#include "audit/service.hpp"
#include "http/router.hpp"

namespace concierge::audit {

// The actor of an HTTP call: the signed-in user (or anonymous), the request
// id and the client address.
[[nodiscard]] Actor ActorOf(const http::Call& call);

// GET /api/audit/ for admins and managers.
void AddRoutes(http::Router& router, AuditService& service);

}  // namespace concierge::audit
