#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/access_token.hpp"
#include "accounts/login_throttle.hpp"
#include "accounts/model.hpp"
#include "audit/service.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace concierge::accounts {

// Creates a user with one role in one office (the command line's create-user
// and the demo). Refuses a taken e-mail and a password under 10 characters.
[[nodiscard]] Result<User> CreateUser(storage::Database& db, const NewUser& request);

struct LoginResult {
  std::string access_token;
  std::int64_t tenant_id = 0;  // the office the token is for
  User user;
  std::vector<Membership> memberships;
};

// Users, memberships, login and authentication of requests. Thread-safe.
class AccountsService : public http::Authenticator {
 public:
  AccountsService(storage::Database& db, const AccessTokens& tokens, audit::AuditService& audit,
                  ThrottleLimits limits = {})
      : db_(db), tokens_(tokens), audit_(audit), throttle_(limits, audit.clock()) {}

  // Checks the password (Argon2id, about 100 ms) and issues an access token
  // for `tenant_slug`, or for the user's first office when it is empty.
  // Unknown e-mail and wrong password give the same 401. Successes and
  // failures are audited (never with the password). Past the throttle's
  // limits (login_throttle.hpp) the answer is 429 without checking anything.
  [[nodiscard]] Result<LoginResult> Login(const std::string& email, const std::string& password,
                                          const std::string& tenant_slug,
                                          const audit::Actor& actor = {});

  // Bearer token -> Principal with the caller's current memberships, so a
  // removed membership takes effect on the next request.
  [[nodiscard]] Result<std::optional<http::Principal>> Authenticate(
      const http::Request& request) override;

  [[nodiscard]] Result<std::pair<User, std::vector<Membership>>> Me(const Scope& scope);

  [[nodiscard]] Result<User> CreateUser(const NewUser& request) {
    return accounts::CreateUser(db_, request);
  }

  // Checks the current password (throttled like a login), stores the new
  // one and ends every session of the user. Audited.
  [[nodiscard]] Status ChangePassword(const Scope& scope, const std::string& current,
                                      const std::string& replacement, const audit::Actor& actor);

  // The office's memberships with each user's e-mail: how many in all, and
  // `limit` of them from `offset`.
  [[nodiscard]] std::pair<std::int64_t, std::vector<std::pair<Membership, std::string>>>
  ListMemberships(const Scope& scope, std::int64_t offset = 0, std::int64_t limit = 500);
  // Removes a membership of the caller's office and ends that user's
  // sessions. Audited. 404 for another office's membership.
  [[nodiscard]] Status RemoveMembership(const Scope& scope, std::int64_t membership_id,
                                        const audit::Actor& actor);

  [[nodiscard]] const AccessTokens& tokens() const { return tokens_; }

 private:
  void AuditLogin(const std::optional<User>& user, const std::vector<Membership>& memberships,
                  const std::string& email, const audit::Actor& actor, const char* action,
                  std::optional<std::int64_t> tenant_id);

  storage::Database& db_;
  const AccessTokens& tokens_;
  audit::AuditService& audit_;
  LoginThrottle throttle_;
};

// Lower-cases and trims an e-mail address; empty when it is not one.
[[nodiscard]] std::string NormaliseEmail(const std::string& email);

}  // namespace concierge::accounts
