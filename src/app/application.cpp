#include "app/application.hpp"

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include "accounts/routes.hpp"
#include "app/ops_routes.hpp"
#include "audit/routes.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "finance/routes.hpp"
#include "http/redis_throttle.hpp"
#include "kiosk/device_authenticator.hpp"
#include "kiosk/public_routes.hpp"
#include "kiosk/routes.hpp"
#include "payments/routes.hpp"
#include "storage/migrations.hpp"
#include "tenancy/routes.hpp"
#include "todos/routes.hpp"
#include "votes/routes.hpp"

namespace concierge::app {

Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config) {
  CONCIERGE_TRY(url, storage::ParseDatabaseUrl(config.database_url));
  return storage::Database::Open(*url, config.db_pool_size);
}

Result<std::string> ResolveSecretKey(const Config& config) {
  if (!config.secret_key.empty()) {
    return config.secret_key;
  }
  const auto path = std::filesystem::path(config.data_dir) / "secret_key";
  std::ifstream existing(path);
  std::string key;
  if (existing && std::getline(existing, key) && key.size() >= 32) {
    return key;
  }

  std::error_code error;
  std::filesystem::create_directories(config.data_dir, error);
  key = RandomToken(48);
  const mode_t previous = ::umask(077);
  std::ofstream out(path, std::ios::trunc);
  out << key << "\n";
  out.close();
  ::umask(previous);
  if (!out) {
    return Fail(Error{ErrorKind::kUnavailable,
                      "secret_key_unwritable",
                      "Cannot write the generated secret key to " + path.string() +
                          "; set CONCIERGE_SECRET_KEY or CONCIERGE_DATA_DIR.",
                      {}});
  }
  return key;
}

namespace {

// Redis when configured (counters shared by every instance), else memory.
Result<std::shared_ptr<http::Throttle>> MakeThrottle(const Config& config, const Clock& clock) {
  if (config.redis_url.empty()) {
    return std::shared_ptr<http::Throttle>(std::make_shared<http::MemoryThrottle>(clock));
  }
  CONCIERGE_TRY(address, http::ParseRedisUrl(config.redis_url));
  auto redis = std::make_shared<http::RedisThrottle>(*address, "concierge:throttle:", clock);
  if (!redis->Ping()) {
    log::Warn("redis unreachable at start-up; throttling in memory until it answers",
              {{"host", address->host}, {"port", address->port}});
  }
  return std::shared_ptr<http::Throttle>(std::move(redis));
}

}  // namespace

Result<std::unique_ptr<Application>> OpenApplication(Config config, bool migrate,
                                                     std::unique_ptr<Clock> clock) {
  if (config.secret_key.empty()) {
    CONCIERGE_TRY(key, ResolveSecretKey(config));
    config.secret_key = std::move(*key);
  }
  auto app = std::make_unique<Application>();
  app->config = std::move(config);
  app->clock = clock ? std::move(clock) : std::make_unique<SystemClock>();

  CONCIERGE_TRY(proxies, http::TrustedProxies::Parse(app->config.trusted_proxies,
                                                     "CONCIERGE_TRUSTED_PROXIES"));
  app->proxies = std::move(*proxies);
  CONCIERGE_TRY(throttle, MakeThrottle(app->config, *app->clock));
  app->throttle = std::move(*throttle);
  app->limiter = std::make_unique<http::RateLimiter>(app->throttle, app->config.rates);

  CONCIERGE_TRY(db, OpenDatabase(app->config));
  app->db = std::move(*db);
  if (migrate) {
    CONCIERGE_TRY(migrated, storage::Migrate(*app->db));
  }
  CONCIERGE_TRY(current, storage::CheckSchemaCurrent(*app->db));

  app->tokens = std::make_unique<accounts::AccessTokens>(app->config.secret_key,
                                                         app->config.access_token_ttl, *app->clock);
  app->audit = std::make_unique<audit::AuditService>(*app->db, *app->clock);
  const accounts::ThrottleLimits limits{app->config.login_max_failures,
                                        app->config.login_max_failures_per_address,
                                        app->config.login_window, app->config.login_lockout};
  app->accounts =
      std::make_unique<accounts::AccountsService>(*app->db, *app->tokens, *app->audit, limits);
  app->tenancy = std::make_unique<tenancy::TenancyService>(*app->db);
  app->ledger = std::make_unique<finance::LedgerService>(*app->db, *app->clock);
  app->sheets = std::make_unique<finance::ExpenseSheetService>(*app->db, *app->clock);
  app->debt_report = std::make_unique<finance::DebtReportService>(*app->db, *app->clock);

  // Kiosk devices authenticate with their secret, everyone else through the
  // accounts service; the router owns neither service.
  app->kiosk_devices = std::make_unique<kiosk::DeviceService>(*app->db, *app->clock);
  std::shared_ptr<http::Authenticator> users(app->accounts.get(), [](http::Authenticator*) {});
  auto authenticator = std::make_shared<kiosk::DeviceAuthenticator>(*app->kiosk_devices, users);
  app->router = std::make_unique<http::Router>(authenticator);
  AddOpsRoutes(*app->router, *app->db);
  app->sessions = std::make_unique<accounts::SessionService>(
      *app->db, *app->tokens, *app->clock,
      accounts::SessionLimits{app->config.refresh_idle, app->config.refresh_absolute,
                              app->config.refresh_grace});
  accounts::AddRoutes(*app->router, *app->accounts, *app->sessions,
                      {app->config.site_origin, !app->config.insecure_cookies});
  audit::AddRoutes(*app->router, *app->audit);
  tenancy::AddRoutes(*app->router, *app->tenancy);
  finance::AddRoutes(*app->router, {*app->ledger, *app->sheets, *app->debt_report});

  app->payments =
      std::make_unique<payments::PaymentsService>(*app->db, *app->clock, app->config.flags);
  app->webhooks =
      std::make_unique<payments::WebhookProcessor>(*app->db, *app->clock, app->config.flags);
  app->stripe = std::make_unique<payments::StripeClient>(app->config.stripe_api_base,
                                                         app->config.stripe_secret_key);
  app->checkout = std::make_unique<payments::CheckoutService>(
      *app->db, *app->clock, *app->payments, *app->stripe, app->config.site_origin);
  app->reconciliation = std::make_unique<payments::ReconciliationService>(*app->db, *app->clock);
  app->ledger_view = std::make_unique<payments::LedgerView>(*app->db);
  payments::AddRoutes(*app->router, {*app->payments, *app->webhooks, *app->checkout,
                                     *app->reconciliation, *app->ledger_view, app->config.flags,
                                     *app->clock, app->config.stripe_webhook_secrets});

  app->todos = std::make_unique<todos::TodoService>(*app->db, *app->clock);
  app->votes = std::make_unique<votes::VoteService>(*app->db, *app->clock);
  todos::AddRoutes(*app->router, *app->todos);
  votes::AddRoutes(*app->router, *app->votes, *app->limiter);

  auto keys = app->config.kiosk_signing_keys;
  if (keys.empty()) {
    keys.push_back(kiosk::DerivedSigningKey(app->config.secret_key));
  }
  app->kiosk_signer = std::make_unique<kiosk::TokenSigner>(
      std::move(keys), app->config.kiosk_token_ttl, *app->clock);
  app->kiosk_settings = std::make_unique<kiosk::SettingsService>(*app->db, *app->clock);
  app->kiosk_connect = std::make_unique<kiosk::ConnectService>(
      *app->db, *app->clock, app->config.flags, *app->kiosk_signer, *app->kiosk_devices,
      app->config.site_origin);
  app->invitations = std::make_unique<kiosk::InvitationService>(*app->db, *app->clock);
  kiosk::AddRoutes(*app->router, {*app->kiosk_devices, *app->kiosk_connect, *app->kiosk_settings,
                                  *app->invitations, *app->limiter});
  app->announcements = std::make_unique<kiosk::AnnouncementService>(*app->db, *app->clock);
  app->public_info = std::make_unique<kiosk::PublicInfoService>(
      *app->db, *app->clock, app->config.flags, *app->kiosk_signer, *app->kiosk_devices,
      *app->announcements, *app->votes, *app->debt_report);
  app->personal_links = std::make_unique<kiosk::PersonalLinkService>(
      *app->db, *app->clock, *app->ledger, *app->payments, app->config.site_origin);
  kiosk::AddPublicRoutes(
      *app->router, {*app->public_info, *app->announcements, *app->personal_links, *app->limiter});
  return app;
}

}  // namespace concierge::app
