#include "accounts/service.hpp"

#include <algorithm>

#include "accounts/repository.hpp"
#include "accounts/scope_factory.hpp"
#include "accounts/sessions.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"

namespace concierge::accounts {

namespace {

Error BadCredentials() {
  return Error::Unauthenticated("The e-mail address or password is not right.");
}

// Verifying against a real hash when the user does not exist keeps the
// answer's timing from telling which e-mail addresses have accounts.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("not a real password, only for timing");
  return hash;
}

}  // namespace

std::string NormaliseEmail(const std::string& email) {
  const auto first = email.find_first_not_of(" \t");
  const auto last = email.find_last_not_of(" \t");
  if (first == std::string::npos) {
    return {};
  }
  std::string text = email.substr(first, last - first + 1);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size() || text.size() > 254 ||
      text.find_first_of(" \t\r\n,;<>") != std::string::npos) {
    return {};
  }
  return text;
}

void AccountsService::AuditLogin(const std::optional<User>& user,
                                 const std::vector<Membership>& memberships,
                                 const std::string& email, const audit::Actor& actor,
                                 const char* action, std::optional<std::int64_t> tenant_id) {
  audit::Event event;
  event.tenant_id = tenant_id;
  if (!event.tenant_id && !memberships.empty()) {
    event.tenant_id = memberships.front().tenant_id;
  }
  event.actor = actor;
  event.actor.user_id = user ? std::optional<std::int64_t>(user->id) : std::nullopt;
  event.actor.name = email.empty() ? "anonymous" : email;
  event.action = action;
  event.target_type = "user";
  event.target_id = user ? std::to_string(user->id) : "";
  audit_.Record(event);
}

Result<LoginResult> AccountsService::Login(const std::string& email, const std::string& password,
                                           const std::string& tenant_slug,
                                           const audit::Actor& actor) {
  const std::string normalised = NormaliseEmail(email);
  if (const auto wait = throttle_.Begin(normalised, actor.client_address)) {
    auto user = db_.Read([&](soci::session& sql) { return SelectUserByEmail(sql, normalised); });
    const auto memberships =
        user ? db_.Read([&](soci::session& sql) { return SelectMemberships(sql, user->id); })
             : std::vector<Membership>{};
    AuditLogin(user, memberships, normalised, actor, "auth.login_throttled", std::nullopt);
    return Fail(Error{ErrorKind::kTooManyRequests,
                      "too_many_attempts",
                      "Too many sign-in attempts; try again later.",
                      {},
                      static_cast<long>(wait->count())});
  }
  auto user = db_.Read([&](soci::session& sql) { return SelectUserByEmail(sql, normalised); });
  const auto memberships =
      user ? db_.Read([&](soci::session& sql) { return SelectMemberships(sql, user->id); })
           : std::vector<Membership>{};
  if (!user || !user->is_active) {
    (void)VerifyPassword(password, DummyHash());
    AuditLogin(user, memberships, normalised, actor, "auth.login_failed", std::nullopt);
    return Fail(BadCredentials());
  }
  if (!VerifyPassword(password, user->password_hash)) {
    AuditLogin(user, memberships, normalised, actor, "auth.login_failed", std::nullopt);
    return Fail(BadCredentials());
  }

  const auto chosen = std::find_if(memberships.begin(), memberships.end(), [&](const auto& m) {
    return tenant_slug.empty() || m.tenant_slug == tenant_slug;
  });
  if (chosen == memberships.end()) {
    return Fail(Error::Forbidden("This account has no access to that office."));
  }
  throttle_.Succeeded(normalised, actor.client_address);
  AuditLogin(user, memberships, normalised, actor, "auth.login_succeeded", chosen->tenant_id);
  return LoginResult{tokens_.Issue(user->id, chosen->tenant_id), chosen->tenant_id, *user,
                     memberships};
}

Result<std::optional<http::Principal>> AccountsService::Authenticate(const http::Request& request) {
  const auto header = request.Header("authorization");
  if (!header) {
    return std::optional<http::Principal>{};
  }
  constexpr std::string_view kBearer = "Bearer ";
  if (header->substr(0, kBearer.size()) != kBearer) {
    return Fail(Error::Unauthenticated("Send the access token as 'Authorization: Bearer ...'."));
  }
  auto claims = tokens_.Verify(std::string(header->substr(kBearer.size())));
  if (!claims) {
    return Fail(claims.error());
  }

  auto found = db_.Read([&](soci::session& sql) {
    auto user = SelectUser(sql, claims->user_id);
    return std::make_pair(user,
                          user ? SelectMemberships(sql, user->id) : std::vector<Membership>{});
  });
  if (!found.first || !found.first->is_active) {
    return Fail(Error::Unauthenticated("The account is no longer active."));
  }
  auto scope = ScopeFactory::ForMember(claims->user_id, claims->tenant_id, found.second);
  if (!scope) {
    return Fail(Error::Unauthenticated("The account has no access to this office any more."));
  }
  return std::optional<http::Principal>{http::Principal{std::move(*scope), found.first->email}};
}

Result<std::pair<User, std::vector<Membership>>> AccountsService::Me(const Scope& scope) {
  return db_.Read([&](soci::session& sql) -> Result<std::pair<User, std::vector<Membership>>> {
    auto user = SelectUser(sql, scope.user_id());
    if (!user) {
      return Fail(Error::Unauthenticated("The account no longer exists."));
    }
    return std::make_pair(*user, SelectMemberships(sql, user->id));
  });
}

Status AccountsService::ChangePassword(const Scope& scope, const std::string& current,
                                       const std::string& replacement, const audit::Actor& actor) {
  if (replacement.size() < 10 || replacement.size() > 1024) {
    return Fail(Error::Field("new_password", "Use 10 to 1024 characters."));
  }
  auto user = db_.Read([&](soci::session& sql) { return SelectUser(sql, scope.user_id()); });
  if (!user) {
    return Fail(Error::Unauthenticated("The account no longer exists."));
  }
  if (const auto wait = throttle_.Begin(user->email, actor.client_address)) {
    return Fail(Error{ErrorKind::kTooManyRequests,
                      "too_many_attempts",
                      "Too many attempts; try again later.",
                      {},
                      static_cast<long>(wait->count())});
  }
  if (!VerifyPassword(current, user->password_hash)) {
    return Fail(Error::Field("current_password", "Not the current password."));
  }
  throttle_.Succeeded(user->email, actor.client_address);

  const std::string hash = HashPassword(replacement);
  db_.Write([&](soci::session& sql) {
    UpdatePasswordHash(sql, user->id, hash);
    SessionService::RevokeAllOf(sql, user->id, "password_changed", audit_.clock());
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.actor = actor;
    event.action = "auth.password_changed";
    event.target_type = "user";
    event.target_id = std::to_string(user->id);
    audit::Append(sql, event, audit_.clock());
  });
  return {};
}

std::pair<std::int64_t, std::vector<std::pair<Membership, std::string>>>
AccountsService::ListMemberships(const Scope& scope, std::int64_t offset, std::int64_t limit) {
  return db_.Read([&](soci::session& sql) {
    return std::make_pair(CountTenantMemberships(sql, scope.tenant_id()),
                          SelectTenantMemberships(sql, scope.tenant_id(), offset, limit));
  });
}

Status AccountsService::RemoveMembership(const Scope& scope, std::int64_t membership_id,
                                         const audit::Actor& actor) {
  return db_.Write([&](soci::session& sql) -> Status {
    const auto user = DeleteMembership(sql, scope.tenant_id(), membership_id);
    if (!user) {
      return Fail(Error::NotFound("membership_not_found", "No such membership."));
    }
    SessionService::RevokeAllOf(sql, *user, "membership_removed", audit_.clock());
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.actor = actor;
    event.action = "membership.removed";
    event.target_type = "membership";
    event.target_id = std::to_string(membership_id);
    event.detail = {{"user_id", *user}};
    audit::Append(sql, event, audit_.clock());
    return {};
  });
}

Result<User> CreateUser(storage::Database& db, const NewUser& request) {
  std::map<std::string, std::string> fields;
  const std::string email = NormaliseEmail(request.email);
  if (email.empty()) {
    fields["email"] = "Not an e-mail address.";
  }
  if (request.password.size() < 10 || request.password.size() > 1024) {
    fields["password"] = "Use 10 to 1024 characters.";
  }
  if (request.role == Role::kStaff && request.building_ids.empty()) {
    fields["building"] = "Staff need at least one building.";
  }
  if (request.role == Role::kResident && !request.apartment_id) {
    fields["apartment"] = "Residents need an apartment.";
  }
  if (request.role == Role::kKiosk) {
    fields["role"] = "Kiosk devices are not user accounts.";
  }
  if (!fields.empty()) {
    return Fail(Error::Invalid("invalid_input", "The user cannot be created.", std::move(fields)));
  }

  User user;
  user.email = email;
  user.name = request.name;
  user.password_hash = HashPassword(request.password);
  return db.Write([&](soci::session& sql) -> Result<User> {
    if (SelectUserByEmail(sql, email)) {
      return Fail(Error::Conflict("user_exists", "A user with this e-mail address exists."));
    }
    user.id = InsertUser(sql, user);

    Membership membership;
    membership.tenant_id = request.tenant_id;
    membership.user_id = user.id;
    membership.role = request.role;
    if (request.role == Role::kResident) {
      if (!SelectApartmentBuilding(sql, request.tenant_id, *request.apartment_id)) {
        return Fail(Error::Field("apartment", "No such apartment in this office."));
      }
      membership.apartment_id = request.apartment_id;
      InsertMembership(sql, membership);
    } else if (request.role == Role::kStaff) {
      for (std::int64_t building : request.building_ids) {
        if (!BuildingExists(sql, request.tenant_id, building)) {
          return Fail(Error::Field("building", "No such building in this office."));
        }
        membership.building_id = building;
        InsertMembership(sql, membership);
      }
    } else {
      InsertMembership(sql, membership);
    }
    return user;
  });
}

}  // namespace concierge::accounts
