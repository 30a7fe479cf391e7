#include "core/flags.hpp"

#include <algorithm>
#include <cctype>

namespace concierge {

std::string_view FlagVariable(Flag flag) {
  switch (flag) {
    case Flag::kLedgerSync:
      return "ENABLE_LEDGER_SYNC";
    case Flag::kKioskSignedQr:
      return "ENABLE_KIOSK_SIGNED_QR";
    case Flag::kCeleryBeat:
      return "ENABLE_CELERY_BEAT";
    case Flag::kSecurePublicInfo:
      return "ENABLE_SECURE_PUBLIC_INFO";
  }
  return "";
}

bool IsSecurityFlag(Flag flag) {
  return flag == Flag::kKioskSignedQr || flag == Flag::kSecurePublicInfo;
}

Result<bool> ParseBool(std::string_view variable, std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
    return false;
  }
  return Fail(Error::Invalid("invalid_setting", std::string(variable) + " must be one of " +
                                                    "true/false/1/0/yes/no/on/off, not '" +
                                                    std::string(value) + "'."));
}

Result<FeatureFlags> FeatureFlags::FromEnvironment(
    const std::map<std::string, std::string>& environment) {
  FeatureFlags flags;
  for (Flag flag : kAllFlags) {
    const auto found = environment.find(std::string(FlagVariable(flag)));
    if (found == environment.end()) {
      continue;
    }
    auto on = ParseBool(FlagVariable(flag), found->second);
    if (!on) {
      return Fail(on.error());
    }
    flags.Set(flag, *on);
  }
  return flags;
}

}  // namespace concierge
