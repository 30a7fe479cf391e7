#include "accounts/sessions.hpp"

#include "accounts/repository.hpp"
#include "accounts/scope_factory.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"
#include "storage/rows.hpp"

namespace concierge::accounts {

using storage::Int;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

struct StoredToken {
  std::int64_t id = 0;
  std::int64_t family_id = 0;
  std::int64_t user_id = 0;
  std::int64_t tenant_id = 0;
  std::optional<std::int64_t> parent_id;
  Timestamp idle_expires_at{};
  std::optional<Timestamp> rotated_at;
  Timestamp family_expires_at{};
  bool family_revoked = false;
};

Timestamp ReadTime(const std::string& text) {
  return ParseTimestamp(text).value_or(Timestamp{});
}

std::optional<StoredToken> FindToken(soci::session& sql, const std::string& hash) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT t.id, t.family_id, f.user_id, f.tenant_id, t.parent_id,"
                      " t.idle_expires_at, t.rotated_at, f.expires_at, f.revoked_at"
                      " FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id"
                      " WHERE t.token_hash = :h",
       soci::use(hash));
  for (const auto& row : rows) {
    StoredToken token;
    token.id = Int(row, 0);
    token.family_id = Int(row, 1);
    token.user_id = Int(row, 2);
    token.tenant_id = Int(row, 3);
    token.parent_id = OptionalInt(row, 4);
    token.idle_expires_at = ReadTime(Text(row, 5));
    if (auto rotated = OptionalText(row, 6)) {
      token.rotated_at = ReadTime(*rotated);
    }
    token.family_expires_at = ReadTime(Text(row, 7));
    token.family_revoked = OptionalText(row, 8).has_value();
    return token;
  }
  return std::nullopt;
}

// Adds a token to a family; returns the plaintext, which is never stored.
std::string Mint(soci::session& sql, std::int64_t family_id, std::optional<std::int64_t> parent,
                 Timestamp now, std::chrono::seconds idle) {
  const std::string token = RandomToken(32);
  const std::string hash = Sha256Hex(token);
  const std::string created = FormatTimestamp(now);
  const std::string expires = FormatTimestamp(now + idle);
  std::int64_t parent_id = parent.value_or(0);
  soci::indicator parent_null = parent ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO refresh_tokens (family_id, parent_id, token_hash, created_at,"
         " idle_expires_at) VALUES (:f, :p, :h, :c, :e)",
      soci::use(family_id), soci::use(parent_id, parent_null), soci::use(hash), soci::use(created),
      soci::use(expires);
  return token;
}

void RevokeFamily(soci::session& sql, std::int64_t family_id, const std::string& reason,
                  Timestamp now) {
  const std::string at = FormatTimestamp(now);
  sql << "UPDATE refresh_families SET revoked_at = :at, revoked_reason = :r"
         " WHERE id = :id AND revoked_at IS NULL",
      soci::use(at), soci::use(reason), soci::use(family_id);
}

void AuditSession(soci::session& sql, const StoredToken& token, const audit::Actor& actor,
                  const char* action, const Clock& clock) {
  audit::Event event;
  event.tenant_id = token.tenant_id;
  event.actor = actor;
  event.action = action;
  event.target_type = "session";
  event.target_id = std::to_string(token.family_id);
  event.detail = {{"user_id", token.user_id}};
  audit::Append(sql, event, clock);
}

Error SignInAgain() {
  return Error::Unauthenticated("The session has ended; sign in again.");
}

}  // namespace

IssuedRefresh SessionService::Start(std::int64_t user_id, std::int64_t tenant_id) {
  const Timestamp now = clock_.Now();
  return db_.Write([&](soci::session& sql) {
    const std::string created = FormatTimestamp(now);
    const std::string expires = FormatTimestamp(now + limits_.absolute);
    sql << "INSERT INTO refresh_families (user_id, tenant_id, created_at, expires_at)"
           " VALUES (:u, :t, :c, :e)",
        soci::use(user_id), soci::use(tenant_id), soci::use(created), soci::use(expires);
    const std::int64_t family = storage::LastInsertId(sql);
    return IssuedRefresh{Mint(sql, family, std::nullopt, now, limits_.idle),
                         std::min(limits_.idle, limits_.absolute)};
  });
}

Result<Refreshed> SessionService::Refresh(const std::string& token, const audit::Actor& actor) {
  if (token.empty() || token.size() > 200) {
    return Fail(SignInAgain());
  }
  const Timestamp now = clock_.Now();

  // The decision is taken and recorded in one transaction, and the error is
  // returned only after it commits: a detected reuse must stay revoked.
  struct Outcome {
    std::optional<Refreshed> refreshed;
  };
  const Outcome outcome = db_.Write([&](soci::session& sql) -> Outcome {
    const auto stored = FindToken(sql, Sha256Hex(token));
    if (!stored || stored->family_revoked || stored->family_expires_at <= now ||
        stored->idle_expires_at <= now) {
      return {};
    }
    if (stored->rotated_at && now - *stored->rotated_at >= limits_.grace) {
      RevokeFamily(sql, stored->family_id, "reuse", now);
      AuditSession(sql, *stored, actor, "auth.refresh_reuse_detected", clock_);
      return {};
    }
    auto user = SelectUser(sql, stored->user_id);
    if (!user || !user->is_active ||
        !ScopeFactory::ForMember(user->id, stored->tenant_id, SelectMemberships(sql, user->id))) {
      RevokeFamily(sql, stored->family_id, "access_removed", now);
      return {};
    }

    // A first use rotates; a use within the grace window mints a sibling of
    // the successor, so concurrent refreshes all keep one live family.
    std::optional<std::int64_t> parent = stored->id;
    if (!stored->rotated_at) {
      const std::string at = FormatTimestamp(now);
      sql << "UPDATE refresh_tokens SET rotated_at = :at WHERE id = :id", soci::use(at),
          soci::use(stored->id);
    }
    const auto remaining =
        std::chrono::duration_cast<std::chrono::seconds>(stored->family_expires_at - now);
    Refreshed refreshed{tokens_.Issue(user->id, stored->tenant_id),
                        {Mint(sql, stored->family_id, parent, now, limits_.idle),
                         std::min(limits_.idle, remaining)}};
    return {std::move(refreshed)};
  });
  if (!outcome.refreshed) {
    return Fail(SignInAgain());
  }
  return *outcome.refreshed;
}

void SessionService::EndFamilyOf(const std::string& token, const audit::Actor& actor) {
  if (token.empty() || token.size() > 200) {
    return;
  }
  const Timestamp now = clock_.Now();
  db_.Write([&](soci::session& sql) {
    const auto stored = FindToken(sql, Sha256Hex(token));
    if (!stored || stored->family_revoked) {
      return;
    }
    RevokeFamily(sql, stored->family_id, "logout", now);
    AuditSession(sql, *stored, actor, "auth.logout", clock_);
  });
}

void SessionService::RevokeAllOf(soci::session& sql, std::int64_t user_id,
                                 const std::string& reason, const Clock& clock) {
  const std::string at = FormatTimestamp(clock.Now());
  sql << "UPDATE refresh_families SET revoked_at = :at, revoked_reason = :r"
         " WHERE user_id = :u AND revoked_at IS NULL",
      soci::use(at), soci::use(reason), soci::use(user_id);
}

}  // namespace concierge::accounts
