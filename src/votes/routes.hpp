#pragma once

#include "http/router.hpp"
#include "http/throttle.hpp"
#include "votes/service.hpp"

namespace concierge::votes {

// /api/votes/... and the public /api/public/votes/{id}/results/, throttled
// per client in the "public_votes" scope; `service` and `limiter` must
// outlive `router`.
void AddRoutes(http::Router& router, VoteService& service, const http::RateLimiter& limiter);

}  // namespace concierge::votes
