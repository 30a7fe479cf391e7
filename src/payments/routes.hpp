#pragma once

#include <string>
#include <vector>

#include "core/flags.hpp"
#include "http/router.hpp"
#include "payments/checkout.hpp"
#include "payments/ledger_view.hpp"
#include "payments/reconciliation.hpp"
#include "payments/service.hpp"
#include "payments/webhook.hpp"

namespace concierge::payments {

struct PaymentsRoutes {
  PaymentsService& service;
  WebhookProcessor& webhooks;
  CheckoutService& checkout;
  ReconciliationService& reconciliation;
  LedgerView& ledger_view;
  const FeatureFlags& flags;
  const Clock& clock;
  std::vector<std::string> webhook_secrets;  // empty: the webhook answers 503
};

// /api/online-payments/...; everything referenced must outlive `router`.
void AddRoutes(http::Router& router, PaymentsRoutes routes);

// The reconciliation and ledger-view part of AddRoutes.
void AddReconciliationRoutes(http::Router& router, const PaymentsRoutes& routes);

}  // namespace concierge::payments
