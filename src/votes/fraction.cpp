#include "votes/fraction.hpp"

#include <charconv>
#include <numeric>
#include <optional>

namespace concierge::votes {

namespace {

Error NotAFraction() {
  return Error::Invalid("invalid_fraction",
                        "Write a fraction from 0 (excluded) to 1 as \"0.75\" or \"3/4\".");
}

// A non-empty run of at most seven digits, as a number.
std::optional<std::int64_t> Digits(std::string_view text) {
  if (text.empty() || text.size() > 7) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.front() == '-' ||
      text.front() == '+') {
    return std::nullopt;
  }
  return value;
}

Result<Fraction> Reduced(std::int64_t num, std::int64_t den) {
  if (num <= 0 || den <= 0 || num > den || den > kMaxFractionTerm) {
    return Fail(NotAFraction());
  }
  const std::int64_t divisor = std::gcd(num, den);
  return Fraction{num / divisor, den / divisor};
}

}  // namespace

Result<Fraction> ParseFraction(std::string_view text) {
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const auto num = Digits(text.substr(0, slash));
    const auto den = Digits(text.substr(slash + 1));
    if (!num || !den) {
      return Fail(NotAFraction());
    }
    return Reduced(*num, *den);
  }

  const auto dot = text.find('.');
  const auto whole = Digits(text.substr(0, dot));
  if (!whole || text.substr(0, dot).size() > 1) {
    return Fail(NotAFraction());
  }
  if (dot == std::string_view::npos) {
    return Reduced(*whole, 1);
  }
  const std::string_view decimals = text.substr(dot + 1);
  const auto part = Digits(decimals);
  if (!part || decimals.size() > 6) {
    return Fail(NotAFraction());
  }
  std::int64_t den = 1;
  for (std::size_t i = 0; i < decimals.size(); ++i) {
    den *= 10;
  }
  return Reduced(*whole * den + *part, den);
}

std::string FormatFraction(Fraction fraction) {
  if (fraction.num == fraction.den) {
    return "1";
  }
  return std::to_string(fraction.num) + "/" + std::to_string(fraction.den);
}

bool AtLeast(std::int64_t part, Fraction fraction, std::int64_t total) {
  return part * fraction.den >= fraction.num * total;
}

bool MoreThan(std::int64_t part, Fraction fraction, std::int64_t total) {
  return part * fraction.den > fraction.num * total;
}

std::int64_t SmallestAtLeast(Fraction fraction, std::int64_t total) {
  return (fraction.num * total + fraction.den - 1) / fraction.den;
}

std::int64_t SmallestMoreThan(Fraction fraction, std::int64_t total) {
  return fraction.num * total / fraction.den + 1;
}

}  // namespace concierge::votes
