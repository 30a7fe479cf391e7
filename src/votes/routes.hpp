#pragma once

#include "http/router.hpp"
#include "votes/service.hpp"

namespace concierge::votes {

// /api/votes/... and the public /api/public/votes/{id}/results/; `service`
// must outlive `router`.
void AddRoutes(http::Router& router, VoteService& service);

}  // namespace concierge::votes
