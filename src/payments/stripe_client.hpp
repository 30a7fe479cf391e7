#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <string>

#include "core/error.hpp"
#include "core/money.hpp"

namespace concierge::payments {

struct CheckoutRequest {
  Cents amount = 0;
  std::string currency;  // ISO, any case; sent lower-case as Stripe expects
  std::string description;
  std::string success_url;
  std::string cancel_url;
  // Copied onto both the session and its payment intent, so that every
  // event about the payment names the office, building, apartment and charge.
  std::map<std::string, std::string> metadata;
};

struct CheckoutSession {
  std::string id;
  std::string url;
};

// How long a call to Stripe may hold one of the server's HTTP threads, and how
// many may do so at once: a slow Stripe must not take every thread from the
// rest of the API.
struct StripeLimits {
  int max_in_flight = 4;
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds timeout{15};
};

// Stripe's HTTP API through libcurl. Blocking; thread-safe (one curl handle
// per call). A call beyond `max_in_flight` answers 503 at once.
class StripeClient {
 public:
  StripeClient(std::string api_base, std::string secret_key, StripeLimits limits = {})
      : api_base_(std::move(api_base)), secret_key_(std::move(secret_key)), limits_(limits) {}

  [[nodiscard]] bool configured() const { return !secret_key_.empty(); }

  // POST /v1/checkout/sessions with the given Idempotency-Key: Stripe
  // answers a retried request with the session it made the first time.
  [[nodiscard]] Result<CheckoutSession> CreateCheckoutSession(const CheckoutRequest& request,
                                                              const std::string& idempotency_key);

 private:
  std::string api_base_;
  std::string secret_key_;
  StripeLimits limits_;
  std::atomic<int> in_flight_{0};
};

// application/x-www-form-urlencoded, as Stripe's API takes it.
[[nodiscard]] std::string FormEncode(const std::map<std::string, std::string>& fields);

}  // namespace concierge::payments
