#include "kiosk/invitations.hpp"

#include "accounts/repository.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"
#include "kiosk/repository.hpp"

namespace concierge::kiosk {

namespace {

Error InvitationInvalid() {
  return Error::Invalid("invitation_invalid",
                        "This invitation is unknown, used or expired; ask the management office.",
                        {{"token", "Not a usable invitation."}});
}

}  // namespace

Status InvitationService::Accept(const std::string& token, const std::string& password,
                                 const audit::Actor& actor) {
  if (password.size() < 10 || password.size() > 1024) {
    return Fail(Error::Field("password", "Use 10 to 1024 characters."));
  }
  if (token.empty() || token.size() > 100) {
    return Fail(InvitationInvalid());
  }
  // Hashed before the write transaction, so the writer lock is not held for
  // the 100 ms Argon2id takes.
  const std::string hash = HashPassword(password);
  const std::string now = FormatTimestamp(clock_.Now());

  return db_.Write([&](soci::session& sql) -> Status {
    const auto invitation = UseInvitation(sql, Sha256Hex(token), now);
    if (!invitation) {
      return Fail(InvitationInvalid());
    }
    accounts::UpdatePasswordHash(sql, invitation->user_id, hash);
    audit::Event event;
    event.tenant_id = invitation->tenant_id;
    event.actor = actor;
    event.actor.user_id = invitation->user_id;
    event.action = "kiosk.invitation_accepted";
    event.target_type = "user";
    event.target_id = std::to_string(invitation->user_id);
    audit::Append(sql, event, clock_);
    return {};
  });
}

}  // namespace concierge::kiosk
