#pragma once

#include <memory>

#include "accounts/access_token.hpp"
#include "accounts/service.hpp"
#include "accounts/sessions.hpp"
#include "audit/service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "finance/debt_report.hpp"
#include "finance/expense_sheets.hpp"
#include "finance/ledger_service.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"
#include "http/throttle.hpp"
#include "kiosk/announcements.hpp"
#include "kiosk/connect.hpp"
#include "kiosk/devices.hpp"
#include "kiosk/invitations.hpp"
#include "kiosk/personal_links.hpp"
#include "kiosk/public_info.hpp"
#include "kiosk/settings.hpp"
#include "kiosk/signed_token.hpp"
#include "payments/checkout.hpp"
#include "payments/ledger_view.hpp"
#include "payments/reconciliation.hpp"
#include "payments/service.hpp"
#include "payments/webhook.hpp"
#include "storage/database.hpp"
#include "tenancy/service.hpp"
#include "todos/service.hpp"
#include "votes/service.hpp"

namespace concierge::app {

// Everything a running Concierge holds, wired once: the database, the
// services and the route table. Built by the server and by tests alike.
struct Application {
  Config config;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<accounts::AccessTokens> tokens;
  std::unique_ptr<audit::AuditService> audit;
  std::unique_ptr<accounts::AccountsService> accounts;
  std::unique_ptr<accounts::SessionService> sessions;
  std::unique_ptr<tenancy::TenancyService> tenancy;
  std::unique_ptr<finance::LedgerService> ledger;
  std::unique_ptr<finance::ExpenseSheetService> sheets;
  std::unique_ptr<finance::DebtReportService> debt_report;
  std::unique_ptr<payments::PaymentsService> payments;
  std::unique_ptr<payments::WebhookProcessor> webhooks;
  std::unique_ptr<payments::StripeClient> stripe;
  std::unique_ptr<payments::CheckoutService> checkout;
  std::unique_ptr<payments::ReconciliationService> reconciliation;
  std::unique_ptr<payments::LedgerView> ledger_view;
  std::unique_ptr<todos::TodoService> todos;
  std::unique_ptr<votes::VoteService> votes;
  std::unique_ptr<kiosk::TokenSigner> kiosk_signer;
  std::unique_ptr<kiosk::DeviceService> kiosk_devices;
  std::unique_ptr<kiosk::SettingsService> kiosk_settings;
  std::unique_ptr<kiosk::ConnectService> kiosk_connect;
  std::unique_ptr<kiosk::InvitationService> invitations;
  std::unique_ptr<kiosk::AnnouncementService> announcements;
  std::unique_ptr<kiosk::PublicInfoService> public_info;
  std::unique_ptr<kiosk::PersonalLinkService> personal_links;
  http::TrustedProxies proxies;
  std::shared_ptr<http::Throttle> throttle;
  std::unique_ptr<http::RateLimiter> limiter;
  std::unique_ptr<http::Router> router;
};

// Opens the database named by `config` (migrating it when `migrate`), and
// wires services and routes. An empty `config.secret_key` is resolved with
// ResolveSecretKey.
[[nodiscard]] Result<std::unique_ptr<Application>> OpenApplication(
    Config config, bool migrate, std::unique_ptr<Clock> clock = nullptr);

// Opens the database only (for commands that need no HTTP side).
[[nodiscard]] Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config);

// CONCIERGE_SECRET_KEY, or in development a key generated once and kept in
// the data folder (mode 0600), so that restarts keep sessions valid.
[[nodiscard]] Result<std::string> ResolveSecretKey(const Config& config);

inline constexpr const char* kVersion = CONCIERGE_VERSION;

}  // namespace concierge::app
