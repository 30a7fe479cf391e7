#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace concierge::payments {

// Verifies a `Stripe-Signature` header over the raw request body, as Stripe
// signs webhooks: HMAC-SHA256 keyed with the whole `whsec_...` secret over
// `t + "." + body`, hex-encoded, in one or more `v1=` parts.
//
// Any `v1` value may match any configured secret (secret rotation), compared
// in constant time. The timestamp must lie within `tolerance` of now, in
// either direction. A header without `t`, with a non-numeric `t`, or without
// any `v1` is malformed: 400 (`invalid_signature_header`). A well-formed
// header that does not verify is 400 too (`signature_mismatch`,
// `timestamp_out_of_tolerance`), so Stripe shows the delivery as failed.
[[nodiscard]] Status VerifyStripeSignature(
    std::string_view header, std::string_view body, const std::vector<std::string>& secrets,
    const Clock& clock, std::chrono::seconds tolerance = std::chrono::seconds(300));

// The header Stripe would send for `body` at `timestamp` (tests, tools).
[[nodiscard]] std::string SignStripePayload(std::string_view body, const std::string& secret,
                                            long long timestamp);

}  // namespace concierge::payments
