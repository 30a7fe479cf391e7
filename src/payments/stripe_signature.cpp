#include "payments/stripe_signature.hpp"

#include <charconv>

#include "core/crypto.hpp"

namespace concierge::payments {

namespace {

Error Malformed(const std::string& why) {
  return Error::Invalid("invalid_signature_header", "The Stripe-Signature header " + why);
}

struct ParsedHeader {
  long long timestamp = 0;
  bool has_timestamp = false;
  std::vector<std::string_view> signatures;
};

Result<ParsedHeader> Parse(std::string_view header) {
  ParsedHeader parsed;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') {
      part.remove_prefix(1);
    }
    const auto equals = part.find('=');
    if (equals == std::string_view::npos) {
      return Fail(Malformed("has a part without '='."));
    }
    const std::string_view key = part.substr(0, equals);
    const std::string_view value = part.substr(equals + 1);
    if (key == "t") {
      // Digits only: a sign would let an extreme value overflow the skew.
      if (!value.empty() && (value.front() == '-' || value.front() == '+')) {
        return Fail(Malformed("has a non-numeric timestamp."));
      }
      const auto [end, ec] =
          std::from_chars(value.data(), value.data() + value.size(), parsed.timestamp);
      if (ec != std::errc{} || end != value.data() + value.size() || value.empty()) {
        return Fail(Malformed("has a non-numeric timestamp."));
      }
      parsed.has_timestamp = true;
    } else if (key == "v1") {
      parsed.signatures.push_back(value);
    }
    // Other schemes (v0, future ones) are ignored, as Stripe advises.
  }
  if (!parsed.has_timestamp) {
    return Fail(Malformed("has no timestamp."));
  }
  if (parsed.signatures.empty()) {
    return Fail(Malformed("has no v1 signature."));
  }
  return parsed;
}

std::string Expected(std::string_view body, const std::string& secret, long long timestamp) {
  std::string signed_payload = std::to_string(timestamp);
  signed_payload += '.';
  signed_payload.append(body);
  return HexEncode(HmacSha256(secret, signed_payload));
}

}  // namespace

Status VerifyStripeSignature(std::string_view header, std::string_view body,
                             const std::vector<std::string>& secrets, const Clock& clock,
                             std::chrono::seconds tolerance) {
  CONCIERGE_TRY(parsed, Parse(header));

  const long long now = clock.Now().time_since_epoch().count();
  const long long skew =
      now > parsed->timestamp ? now - parsed->timestamp : parsed->timestamp - now;
  if (skew > tolerance.count()) {
    return Fail(Error::Invalid("timestamp_out_of_tolerance",
                               "The Stripe-Signature timestamp is too far from now."));
  }

  // Every pair is compared, so the time taken does not say which one matched.
  bool matched = false;
  for (const std::string& secret : secrets) {
    const std::string expected = Expected(body, secret, parsed->timestamp);
    for (std::string_view candidate : parsed->signatures) {
      matched = ConstantTimeEquals(expected, candidate) || matched;
    }
  }
  if (!matched) {
    return Fail(Error::Invalid("signature_mismatch", "The Stripe signature does not verify."));
  }
  return {};
}

std::string SignStripePayload(std::string_view body, const std::string& secret,
                              long long timestamp) {
  return "t=" + std::to_string(timestamp) + ",v1=" + Expected(body, secret, timestamp);
}

}  // namespace concierge::payments
