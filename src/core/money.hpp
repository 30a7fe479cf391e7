#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace concierge {

// Money is an integer count of minor units (cents). No floating point anywhere.
using Cents = std::int64_t;

// The largest amount accepted from outside: 10^13 cents (one hundred billion
// units) keeps every sum of a realistic office far from int64 overflow.
inline constexpr Cents kMaxAmountCents = 10'000'000'000'000;

// No apartment's balance may pass 10^15 cents in either direction, so sums
// over a whole office stay far inside int64.
inline constexpr Cents kMaxBalanceCents = 1'000'000'000'000'000;

// Parses "123", "123.4" or "123.45" (no sign, no exponent, no thousands
// separators, at most two decimals). With `allow_negative`, a leading '-'.
[[nodiscard]] Result<Cents> ParseAmount(std::string_view text, bool allow_negative = false);

// True for an ISO 4217 code whose minor unit is a hundredth, the only kind
// Concierge keeps: not for currencies without decimals (JPY, KRW) or with
// three (KWD, BHD), whose "cents" would be off by a factor of 100 or 10 at
// Stripe and in every report.
[[nodiscard]] bool HasCents(std::string_view currency);

// Writes cents as a decimal string with exactly two decimals: -150 -> "-1.50".
[[nodiscard]] std::string FormatAmount(Cents cents);

}  // namespace concierge
