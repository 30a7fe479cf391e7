#pragma once

#include "http/router.hpp"
#include "http/throttle.hpp"
#include "kiosk/connect.hpp"
#include "kiosk/devices.hpp"
#include "kiosk/invitations.hpp"
#include "kiosk/settings.hpp"

namespace concierge::kiosk {

struct KioskRoutes {
  DeviceService& devices;
  ConnectService& connect;
  SettingsService& settings;
  InvitationService& invitations;
  const http::RateLimiter& limiter;
};

// /api/kiosk/...: devices, settings and registrations for managers; the
// token for devices; connect and register for anyone, throttled per client.
// Everything referenced must outlive `router`.
void AddRoutes(http::Router& router, const KioskRoutes& services);

}  // namespace concierge::kiosk
