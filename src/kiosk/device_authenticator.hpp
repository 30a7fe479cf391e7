#pragma once

#include <memory>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "kiosk/devices.hpp"

namespace concierge::kiosk {

// Lets lobby devices call routes that admit Role::kKiosk: a request with
// "Authorization: Kiosk <secret>" becomes a kiosk Principal of the device's
// building; every other request goes to `next` (user access tokens).
// A wrong or revoked secret answers 401. Thread-safe.
class DeviceAuthenticator final : public http::Authenticator {
 public:
  DeviceAuthenticator(DeviceService& devices, std::shared_ptr<http::Authenticator> next)
      : devices_(devices), next_(std::move(next)) {}

  [[nodiscard]] Result<std::optional<http::Principal>> Authenticate(
      const http::Request& request) override;

 private:
  DeviceService& devices_;
  std::shared_ptr<http::Authenticator> next_;
};

// The device credential a request carries, if it carries one.
[[nodiscard]] std::optional<std::string> DeviceSecretOf(const http::Request& request);

// The principal name of a device ("kiosk-device:12"), and back.
[[nodiscard]] std::string DevicePrincipalName(std::int64_t device_id);
[[nodiscard]] std::optional<std::int64_t> DeviceIdOf(const http::Principal& principal);

}  // namespace concierge::kiosk
