#pragma once

#include <string>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

// The last step of a kiosk registration: the new resident sets a password
// with the invitation an approval created. Thread-safe.
class InvitationService {
 public:
  InvitationService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Sets the password of the invited user and uses the invitation up, once.
  // An unknown, used or expired invitation answers 400 invitation_invalid
  // (the same for all three). Audited. Hashing takes about 100 ms.
  [[nodiscard]] Status Accept(const std::string& token, const std::string& password,
                              const audit::Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::kiosk
