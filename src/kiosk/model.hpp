#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace concierge::kiosk {

// A lobby screen of one building. Its secret is shown once, at registration,
// and stored only as a hash.
struct Device {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::string name;
  std::string created_at;
  std::optional<std::string> last_seen_at;
  std::optional<std::string> revoked_at;
};

// What a building's kiosk offers.
struct KioskSettings {
  std::int64_t building_id = 0;
  bool registration_open = false;
  std::string public_contact;  // the office's, never a person's
  std::string payment_instructions;
};

enum class RegistrationState { kPending, kApproved, kRejected };
[[nodiscard]] const char* RegistrationStateName(RegistrationState state);
[[nodiscard]] bool ParseRegistrationState(const std::string& text, RegistrationState& state);

// A resident's request, made at the kiosk, to be connected to an apartment.
struct Registration {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  std::string apartment_number;
  std::string name;
  std::string email;
  std::string phone;
  RegistrationState state = RegistrationState::kPending;
  std::optional<std::int64_t> device_id;
  std::string created_at;
  std::optional<std::string> decided_at;
  std::optional<std::int64_t> user_id;
};

}  // namespace concierge::kiosk
