#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "payments/checkout.hpp"
#include "payments/service.hpp"
#include "payments/webhook.hpp"

namespace concierge::payments {

struct PaymentsRoutes {
  PaymentsService& service;
  WebhookProcessor& webhooks;
  CheckoutService& checkout;
  const Clock& clock;
  std::vector<std::string> webhook_secrets;  // empty: the webhook answers 503
};

// /api/online-payments/...; everything referenced must outlive `router`.
void AddRoutes(http::Router& router, PaymentsRoutes routes);

}  // namespace concierge::payments
