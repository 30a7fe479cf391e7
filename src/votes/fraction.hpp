#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace concierge::votes {

// An exact fraction in (0, 1], reduced: a quorum or a majority threshold.
// Kept as two integers and compared by cross-multiplication, so that no
// binary fraction and no rounding ever decides a vote.
struct Fraction {
  std::int64_t num = 1;
  std::int64_t den = 2;

  friend bool operator==(const Fraction&, const Fraction&) = default;
};

// The largest numerator or denominator accepted from outside. With weights
// of at most kMaxWeight, every product below stays far inside int64.
inline constexpr std::int64_t kMaxFractionTerm = 1'000'000;
inline constexpr std::int64_t kMaxWeight = 1'000'000'000'000;

// Parses "0.75" (at most six decimals), "3/4" (whole numbers up to 10^6) or
// "1". The value must be more than 0 and at most 1.
[[nodiscard]] Result<Fraction> ParseFraction(std::string_view text);

// "3/4"; a whole one is "1".
[[nodiscard]] std::string FormatFraction(Fraction fraction);

// Exact comparisons of `part` with `fraction` of `total`.
// Preconditions: 0 <= part, total <= kMaxWeight.
[[nodiscard]] bool AtLeast(std::int64_t part, Fraction fraction, std::int64_t total);
[[nodiscard]] bool MoreThan(std::int64_t part, Fraction fraction, std::int64_t total);

// The smallest whole part with AtLeast(part, fraction, total): the rounding
// goes up, never down (3/4 of 3 needs 3).
[[nodiscard]] std::int64_t SmallestAtLeast(Fraction fraction, std::int64_t total);
// The smallest whole part with MoreThan(part, fraction, total).
[[nodiscard]] std::int64_t SmallestMoreThan(Fraction fraction, std::int64_t total);

}  // namespace concierge::votes
