#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/flags.hpp"
#include "kiosk/devices.hpp"
#include "kiosk/model.hpp"
#include "kiosk/signed_token.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

// What a lobby screen shows for residents to scan.
struct IssuedCode {
  std::optional<std::string> token;  // null in the legacy (unsigned) flow
  std::optional<Timestamp> expires_at;
  std::string connect_url;
  std::string qr_svg;
};

// How a phone names its building: a signed token (ENABLE_KIOSK_SIGNED_QR
// on) or, in the legacy flow, the building id.
struct KioskCredential {
  std::optional<std::string> token;
  std::optional<std::int64_t> building_id;
};

struct Connected {
  std::int64_t building_id = 0;
  std::string building_name;
  bool registration_open = false;
  std::optional<Timestamp> expires_at;
};

struct RegistrationInput {
  std::string apartment_number;
  std::string name;
  std::string email;
  std::string phone;
};

struct Approval {
  Registration registration;
  std::int64_t membership_user_id = 0;
  // Only for a user this approval created: an existing account keeps its
  // password, so that registering with someone else's e-mail cannot reset it.
  std::optional<std::string> invitation_token;  // shown once; only its hash is kept
  std::optional<std::string> invitation_url;
};

// The QR flow: devices get codes, phones connect and register with them,
// managers decide registrations. Connects, registrations and refusals are
// audited with the device and the client address. Thread-safe.
class ConnectService {
 public:
  ConnectService(storage::Database& db, const Clock& clock, const FeatureFlags& flags,
                 const TokenSigner& signer, DeviceService& devices, std::string site_origin)
      : db_(db),
        clock_(clock),
        flags_(flags),
        signer_(signer),
        devices_(devices),
        site_origin_(std::move(site_origin)) {}

  // A code for the device's building: signed and short-lived when the flag
  // is on, else the legacy building address.
  [[nodiscard]] IssuedCode IssueCode(std::int64_t tenant_id, std::int64_t building_id,
                                     std::int64_t device_id) const;

  [[nodiscard]] Result<Connected> Connect(const KioskCredential& credential,
                                          const audit::Actor& actor);
  // Creates a pending registration; 403 registration_closed when the
  // building does not take registrations.
  [[nodiscard]] Result<Registration> Register(const KioskCredential& credential,
                                              const RegistrationInput& input,
                                              const audit::Actor& actor);

  [[nodiscard]] std::vector<Registration> List(const Scope& scope,
                                               std::optional<RegistrationState> state,
                                               std::int64_t offset = 0, std::int64_t limit = 500);
  [[nodiscard]] std::int64_t Count(const Scope& scope, std::optional<RegistrationState> state);
  // Creates (or finds, by e-mail) the user, their resident membership of the
  // apartment and, for a new user, an invitation to set a password; once: a
  // decided registration answers 409.
  [[nodiscard]] Result<Approval> Approve(const Scope& scope, std::int64_t id,
                                         const audit::Actor& actor);
  [[nodiscard]] Result<Registration> Reject(const Scope& scope, std::int64_t id,
                                            const audit::Actor& actor);

 private:
  struct Verified {
    std::int64_t tenant_id = 0;
    std::int64_t building_id = 0;
    std::optional<std::int64_t> device_id;
    std::optional<Timestamp> expires_at;
  };

  // The credential checked for the flow in force; refusals are audited as
  // `refused_action`.
  [[nodiscard]] Result<Verified> Check(const KioskCredential& credential, const audit::Actor& actor,
                                       const char* refused_action);
  void AuditRefusal(const KioskCredential& credential, const Error& error,
                    const audit::Actor& actor, const char* action);
  // Register once the credential is known good.
  [[nodiscard]] Result<Registration> RegisterVerified(const Verified& verified,
                                                      const RegistrationInput& input,
                                                      const audit::Actor& actor);

  storage::Database& db_;
  const Clock& clock_;
  const FeatureFlags& flags_;
  const TokenSigner& signer_;
  DeviceService& devices_;
  std::string site_origin_;
};

}  // namespace concierge::kiosk
