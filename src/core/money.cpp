#include "core/money.hpp"

#include <cstdlib>

namespace concierge {

namespace {

Error AmountError(std::string detail) {
  return Error::Invalid("invalid_amount", std::move(detail));
}

}  // namespace

Result<Cents> ParseAmount(std::string_view text, bool allow_negative) {
  bool negative = false;
  if (!text.empty() && text.front() == '-' && allow_negative) {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return Fail(AmountError("An amount is required."));
  }

  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) {
    return Fail(AmountError("An amount is written like 123.45."));
  }
  if (fraction.size() > 2) {
    return Fail(AmountError("An amount has at most two decimal places."));
  }
  if (whole.size() > 11) {
    return Fail(AmountError("The amount is too large."));
  }

  Cents cents = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') {
      return Fail(AmountError("An amount is written like 123.45."));
    }
    cents = cents * 10 + (c - '0');
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') {
      return Fail(AmountError("An amount is written like 123.45."));
    }
    cents = cents * 10 + (c - '0');
  }
  if (cents > kMaxAmountCents) {
    return Fail(AmountError("The amount is too large."));
  }
  return negative ? -cents : cents;
}

std::string FormatAmount(Cents cents) {
  const bool negative = cents < 0;
  // Work in unsigned so that the most negative value cannot overflow.
  const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(cents)
                                                : static_cast<unsigned long long>(cents);
  std::string text = std::to_string(magnitude / 100);
  const unsigned long long rest = magnitude % 100;
  text += rest < 10 ? ".0" : ".";
  text += std::to_string(rest);
  return negative ? "-" + text : text;
}

bool HasCents(std::string_view currency) {
  // Stripe's zero-decimal currencies and ISO 4217's three-decimal ones.
  static constexpr std::string_view kOtherMinorUnits[] = {
      "BHD", "BIF", "CLP", "DJF", "GNF", "IQD", "ISK", "JOD", "JPY", "KMF", "KRW", "KWD", "LYD",
      "MGA", "OMR", "PYG", "RWF", "TND", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
  if (currency.size() != 3) {
    return false;
  }
  for (char c : currency) {
    if (c < 'A' || c > 'Z') {
      return false;
    }
  }
  for (std::string_view other : kOtherMinorUnits) {
    if (currency == other) {
      return false;
    }
  }
  return true;
}

}  // namespace concierge
