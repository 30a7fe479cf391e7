#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace concierge {

// The feature flags of DESIGN.md section 4. Each defaults to off.
enum class Flag {
  kLedgerSync,
  kKioskSignedQr,
  kCeleryBeat,
  kSecurePublicInfo,
};

inline constexpr std::array kAllFlags = {Flag::kLedgerSync, Flag::kKioskSignedQr, Flag::kCeleryBeat,
                                         Flag::kSecurePublicInfo};

// The environment variable that sets `flag` ("ENABLE_LEDGER_SYNC").
[[nodiscard]] std::string_view FlagVariable(Flag flag);
// Security flags make start-up warn when they are off.
[[nodiscard]] bool IsSecurityFlag(Flag flag);

// Parses true/false/1/0/yes/no/on/off in any case.
[[nodiscard]] Result<bool> ParseBool(std::string_view variable, std::string_view value);

// The one answer to "is flag X on". Immutable after construction, so safe to
// share between threads.
class FeatureFlags {
 public:
  FeatureFlags() = default;

  // Reads every flag from `environment`; an unparsable value fails naming the variable.
  [[nodiscard]] static Result<FeatureFlags> FromEnvironment(
      const std::map<std::string, std::string>& environment);

  [[nodiscard]] bool IsOn(Flag flag) const { return on_[static_cast<std::size_t>(flag)]; }
  void Set(Flag flag, bool on) { on_[static_cast<std::size_t>(flag)] = on; }

 private:
  std::array<bool, kAllFlags.size()> on_{};
};

}  // namespace concierge
