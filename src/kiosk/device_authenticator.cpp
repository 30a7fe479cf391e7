#include "kiosk/device_authenticator.hpp"

#include <charconv>

#include "accounts/scope_factory.hpp"

namespace concierge::kiosk {

namespace {

constexpr std::string_view kScheme = "Kiosk ";
constexpr std::string_view kPrincipalPrefix = "kiosk-device:";

}  // namespace

std::optional<std::string> DeviceSecretOf(const http::Request& request) {
  const auto header = request.Header("authorization");
  if (!header || header->substr(0, kScheme.size()) != kScheme) {
    return std::nullopt;
  }
  return std::string(header->substr(kScheme.size()));
}

std::string DevicePrincipalName(std::int64_t device_id) {
  return std::string(kPrincipalPrefix) + std::to_string(device_id);
}

std::optional<std::int64_t> DeviceIdOf(const http::Principal& principal) {
  if (principal.scope.role() != Role::kKiosk || principal.email.rfind(kPrincipalPrefix, 0) != 0) {
    return std::nullopt;
  }
  std::int64_t id = 0;
  const char* begin = principal.email.data() + kPrincipalPrefix.size();
  const char* end = principal.email.data() + principal.email.size();
  const auto [stop, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc{} || stop != end) {
    return std::nullopt;
  }
  return id;
}

Result<std::optional<http::Principal>> DeviceAuthenticator::Authenticate(
    const http::Request& request) {
  const auto secret = DeviceSecretOf(request);
  if (!secret) {
    return next_->Authenticate(request);
  }
  const auto device = devices_.Authenticate(*secret);
  if (!device) {
    return Fail(Error::Unauthenticated("The kiosk device is unknown or revoked."));
  }
  return std::optional<http::Principal>{
      http::Principal{accounts::ScopeFactory::ForKiosk(device->tenant_id, device->building_id),
                      DevicePrincipalName(device->id)}};
}

}  // namespace concierge::kiosk
