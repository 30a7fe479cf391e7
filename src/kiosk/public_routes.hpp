#pragma once

#include "http/router.hpp"
#include "http/throttle.hpp"
#include "kiosk/announcements.hpp"
#include "kiosk/personal_links.hpp"
#include "kiosk/public_info.hpp"

namespace concierge::kiosk {

struct PublicRoutes {
  PublicInfoService& public_info;
  AnnouncementService& announcements;
  PersonalLinkService& personal_links;
  const http::RateLimiter& limiter;
};

// GET /api/public-info/{building_id}/ and GET /api/apartments/personal/{token}/
// (public, throttled per client), /api/announcements/ and the managers'
// personal-link routes. Everything referenced must outlive `router`.
void AddPublicRoutes(http::Router& router, const PublicRoutes& services);

}  // namespace concierge::kiosk
