#include "kiosk/model.hpp"

namespace concierge::kiosk {

const char* RegistrationStateName(RegistrationState state) {
  switch (state) {
    case RegistrationState::kPending:
      return "pending";
    case RegistrationState::kApproved:
      return "approved";
    case RegistrationState::kRejected:
      return "rejected";
  }
  return "pending";
}

bool ParseRegistrationState(const std::string& text, RegistrationState& state) {
  for (auto candidate :
       {RegistrationState::kPending, RegistrationState::kApproved, RegistrationState::kRejected}) {
    if (text == RegistrationStateName(candidate)) {
      state = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace concierge::kiosk
