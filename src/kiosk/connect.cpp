#include "kiosk/connect.hpp"

#include <algorithm>

#include "accounts/repository.hpp"
#include "accounts/scope_factory.hpp"
#include "accounts/service.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"
#include "http/json_fields.hpp"
#include "kiosk/qr_svg.hpp"
#include "kiosk/repository.hpp"
#include "tenancy/repository.hpp"

namespace concierge::kiosk {

namespace {

// An invitation to set a password is good for a week.
constexpr std::chrono::hours kInvitationLifetime{7 * 24};

Error RegistrationNotFound() {
  return Error::NotFound("registration_not_found", "No such registration.");
}

Status CheckInput(const RegistrationInput& input, std::string& normalised_email) {
  std::map<std::string, std::string> fields;
  if (input.apartment_number.empty() || input.apartment_number.size() > 20) {
    fields["apartment_number"] = "The apartment's number, 1 to 20 characters.";
  }
  if (input.name.empty() || input.name.size() > 200) {
    fields["name"] = "Your name, 1 to 200 characters.";
  }
  normalised_email = accounts::NormaliseEmail(input.email);
  if (normalised_email.empty()) {
    fields["email"] = "Not an e-mail address.";
  }
  const bool phone_ok = input.phone.size() >= 5 && input.phone.size() <= 30 &&
                        input.phone.find_first_not_of("0123456789+-() ") == std::string::npos;
  if (!phone_ok) {
    fields["phone"] = "A phone number: digits, spaces, +, - and brackets, 5 to 30 characters.";
  }
  if (!fields.empty()) {
    return Fail(
        Error::Invalid("invalid_input", "The registration has invalid fields.", std::move(fields)));
  }
  return {};
}

}  // namespace

IssuedCode ConnectService::IssueCode(std::int64_t tenant_id, std::int64_t building_id,
                                     std::int64_t device_id) const {
  IssuedCode code;
  if (flags_.IsOn(Flag::kKioskSignedQr)) {
    const TokenClaims claims =
        signer_.NewClaims(kConnectPurpose, tenant_id, building_id, device_id);
    code.token = signer_.Sign(claims);
    code.expires_at = claims.expires_at;
    // In the fragment, so the token reaches neither server logs nor referrers.
    code.connect_url = site_origin_ + "/connect/#token=" + *code.token;
  } else {
    code.connect_url = site_origin_ + "/connect/?building=" + std::to_string(building_id);
  }
  code.qr_svg = QrSvg(code.connect_url);
  return code;
}

void ConnectService::AuditRefusal(const KioskCredential& credential, const Error& error,
                                  const audit::Actor& actor, const char* action) {
  audit::Event event;
  if (credential.token) {
    // A token with the right MAC names its office even when it has expired.
    if (const auto claims = signer_.Authentic(*credential.token)) {
      event.tenant_id = claims->tenant_id;
      event.building_id = claims->building_id;
      event.detail["device_id"] = claims->device_id;
    }
  } else if (credential.building_id) {
    event.tenant_id = db_.Read(
        [&](soci::session& sql) { return SelectBuildingTenant(sql, *credential.building_id); });
    if (event.tenant_id) {
      event.building_id = credential.building_id;
    }
  }
  event.actor = actor;
  event.action = action;
  event.target_type = "building";
  event.target_id = event.building_id ? std::to_string(*event.building_id) : "";
  event.detail["reason"] = error.code;
  db_.Write([&](soci::session& sql) { audit::Append(sql, event, clock_); });
}

Result<ConnectService::Verified> ConnectService::Check(const KioskCredential& credential,
                                                       const audit::Actor& actor,
                                                       const char* refused_action) {
  auto refuse = [&](Error error) -> Result<Verified> {
    AuditRefusal(credential, error, actor, refused_action);
    return Fail(std::move(error));
  };
  Verified verified;

  if (flags_.IsOn(Flag::kKioskSignedQr)) {
    if (!credential.token) {
      return refuse(
          Error::Field("token", "Scan the code on the lobby screen: a token is required."));
    }
    auto claims = signer_.Verify(*credential.token, kConnectPurpose, credential.building_id);
    if (!claims) {
      return refuse(claims.error());
    }
    const auto tenant = db_.Read(
        [&](soci::session& sql) { return SelectBuildingTenant(sql, claims->building_id); });
    // A revoked device's codes stop working at once, not at their expiry.
    if (tenant != claims->tenant_id ||
        !devices_.IsActive(claims->tenant_id, claims->building_id, claims->device_id)) {
      return refuse(Error::Invalid("kiosk_token_invalid",
                                   "The kiosk code is not valid; scan the code on the lobby "
                                   "screen again.",
                                   {{"token", "Not a valid kiosk token."}}));
    }
    verified = {claims->tenant_id, claims->building_id, claims->device_id, claims->expires_at};
    return verified;
  }

  if (!credential.building_id) {
    return refuse(Error::Field("building_id", "The building's id is required."));
  }
  const auto tenant = db_.Read(
      [&](soci::session& sql) { return SelectBuildingTenant(sql, *credential.building_id); });
  if (!tenant) {
    return refuse(Error::NotFound("building_not_found", "No such building."));
  }
  verified = {*tenant, *credential.building_id, std::nullopt, std::nullopt};
  return verified;
}

Result<Connected> ConnectService::Connect(const KioskCredential& credential,
                                          const audit::Actor& actor) {
  CONCIERGE_TRY(verified, Check(credential, actor, "kiosk.connect_refused"));
  const Scope scope = accounts::ScopeFactory::ForKiosk(verified->tenant_id, verified->building_id);
  return db_.Write([&](soci::session& sql) -> Result<Connected> {
    const auto building = tenancy::SelectBuilding(sql, scope, verified->building_id);
    if (!building) {
      return Fail(Error::NotFound("building_not_found", "No such building."));
    }
    const KioskSettings settings = SelectSettings(sql, scope, building->id);

    audit::Event event;
    event.tenant_id = verified->tenant_id;
    event.building_id = building->id;
    event.actor = actor;
    event.action = "kiosk.connected";
    event.target_type = "building";
    event.target_id = std::to_string(building->id);
    event.detail = {{"device_id", http::OptionalJson(verified->device_id)}};
    audit::Append(sql, event, clock_);
    return Connected{building->id, building->name, settings.registration_open,
                     verified->expires_at};
  });
}

Result<Registration> ConnectService::Register(const KioskCredential& credential,
                                              const RegistrationInput& input,
                                              const audit::Actor& actor) {
  // The token first, so an expired one is reported (and audited) as such
  // whatever else the form holds; then every refusal is audited too.
  CONCIERGE_TRY(verified, Check(credential, actor, "kiosk.register_refused"));
  auto registered = RegisterVerified(*verified, input, actor);
  if (!registered) {
    AuditRefusal(credential, registered.error(), actor, "kiosk.register_refused");
  }
  return registered;
}

Result<Registration> ConnectService::RegisterVerified(const Verified& verified,
                                                      const RegistrationInput& input,
                                                      const audit::Actor& actor) {
  std::string email;
  CONCIERGE_TRY(valid, CheckInput(input, email));
  const Scope scope = accounts::ScopeFactory::ForKiosk(verified.tenant_id, verified.building_id);
  const std::string now = FormatTimestamp(clock_.Now());

  return db_.Write([&](soci::session& sql) -> Result<Registration> {
    if (!SelectSettings(sql, scope, verified.building_id).registration_open) {
      return Fail(Error{ErrorKind::kForbidden,
                        "registration_closed",
                        "This building does not take registrations at the kiosk; ask the "
                        "management office.",
                        {}});
    }
    const auto apartment =
        tenancy::SelectApartmentByNumber(sql, scope, verified.building_id, input.apartment_number);
    if (!apartment) {
      return Fail(Error::Field("apartment_number", "No apartment with this number here."));
    }
    Registration registration;
    registration.building_id = verified.building_id;
    registration.apartment_id = apartment->id;
    registration.name = input.name;
    registration.email = email;
    registration.phone = input.phone;
    registration.device_id = verified.device_id;
    const auto id = InsertRegistration(sql, scope, registration, actor.client_address, now);

    // Only ids in the audit detail: the personal data stays in its own table.
    audit::Event event;
    event.tenant_id = verified.tenant_id;
    event.building_id = verified.building_id;
    event.actor = actor;
    event.action = "kiosk.registered";
    event.target_type = "kiosk_registration";
    event.target_id = std::to_string(id);
    event.detail = {{"device_id", http::OptionalJson(verified.device_id)},
                    {"apartment_id", apartment->id}};
    audit::Append(sql, event, clock_);
    return *SelectRegistration(sql, scope, id);
  });
}

std::vector<Registration> ConnectService::List(const Scope& scope,
                                               std::optional<RegistrationState> state,
                                               std::int64_t offset, std::int64_t limit) {
  return db_.Read(
      [&](soci::session& sql) { return SelectRegistrations(sql, scope, state, offset, limit); });
}

std::int64_t ConnectService::Count(const Scope& scope, std::optional<RegistrationState> state) {
  return db_.Read([&](soci::session& sql) { return CountRegistrations(sql, scope, state); });
}

Result<Approval> ConnectService::Approve(const Scope& scope, std::int64_t id,
                                         const audit::Actor& actor) {
  const Timestamp now = clock_.Now();
  Approval approval;
  const std::string invitation = "inv_" + RandomToken(32);

  return db_.Write([&](soci::session& sql) -> Result<Approval> {
    const auto registration = SelectRegistration(sql, scope, id);
    if (!registration) {
      return Fail(RegistrationNotFound());
    }
    if (registration->state != RegistrationState::kPending) {
      return Fail(
          Error::Conflict("registration_decided", "This registration was already decided."));
    }

    auto user = accounts::SelectUserByEmail(sql, registration->email);
    const bool new_user = !user;
    if (new_user) {
      accounts::User created;
      created.email = registration->email;
      created.name = registration->name;
      // No password can match this: the resident sets one through the invitation.
      created.password_hash = "!invited";
      created.id = accounts::InsertUser(sql, created);
      user = created;
    }
    accounts::Membership membership;
    membership.tenant_id = scope.tenant_id();
    membership.user_id = user->id;
    membership.role = Role::kResident;
    membership.apartment_id = registration->apartment_id;
    const auto existing = accounts::SelectMemberships(sql, user->id);
    const bool member = std::any_of(existing.begin(), existing.end(), [&](const auto& held) {
      return held.tenant_id == membership.tenant_id && held.role == Role::kResident &&
             held.apartment_id == membership.apartment_id;
    });
    if (!member) {
      accounts::InsertMembership(sql, membership);
    }
    if (!DecideRegistration(sql, scope, id, RegistrationState::kApproved, scope.user_id(), user->id,
                            FormatTimestamp(now))) {
      return Fail(
          Error::Conflict("registration_decided", "This registration was already decided."));
    }
    if (new_user) {
      InsertInvitation(sql, scope, user->id, id, Sha256Hex(invitation), FormatTimestamp(now),
                       FormatTimestamp(now + kInvitationLifetime));
      approval.invitation_token = invitation;
      approval.invitation_url = site_origin_ + "/invitation/#token=" + invitation;
    }

    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = registration->building_id;
    event.actor = actor;
    event.action = "kiosk.registration_approved";
    event.target_type = "kiosk_registration";
    event.target_id = std::to_string(id);
    event.detail = {{"user_id", user->id},
                    {"apartment_id", registration->apartment_id},
                    {"new_user", new_user}};
    audit::Append(sql, event, clock_);

    approval.registration = *SelectRegistration(sql, scope, id);
    approval.membership_user_id = user->id;
    return approval;
  });
}

Result<Registration> ConnectService::Reject(const Scope& scope, std::int64_t id,
                                            const audit::Actor& actor) {
  const std::string now = FormatTimestamp(clock_.Now());
  return db_.Write([&](soci::session& sql) -> Result<Registration> {
    const auto registration = SelectRegistration(sql, scope, id);
    if (!registration) {
      return Fail(RegistrationNotFound());
    }
    if (!DecideRegistration(sql, scope, id, RegistrationState::kRejected, scope.user_id(),
                            std::nullopt, now)) {
      return Fail(
          Error::Conflict("registration_decided", "This registration was already decided."));
    }
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = registration->building_id;
    event.actor = actor;
    event.action = "kiosk.registration_rejected";
    event.target_type = "kiosk_registration";
    event.target_id = std::to_string(id);
    audit::Append(sql, event, clock_);
    return *SelectRegistration(sql, scope, id);
  });
}

}  // namespace concierge::kiosk
