#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/flags.hpp"

namespace concierge {

// One variable the server reads from its environment. The table of these is
// the source of truth that env.schema.example must match (a test checks it).
struct SettingInfo {
  const char* name;
  const char* default_value;
  const char* meaning;
};

[[nodiscard]] const std::vector<SettingInfo>& KnownSettings();

// A token bucket's size and refill: `count` requests per `period`, the
// bucket refilling steadily (docs/kiosk.md).
struct Rate {
  int count = 60;
  std::chrono::seconds period{60};
};

// The throttled scopes of public endpoints and their defaults; each is set by
// CONCIERGE_THROTTLE_<SCOPE in upper case>.
[[nodiscard]] const std::map<std::string, Rate>& DefaultRates();

// One kiosk token signing key (CONCIERGE_KIOSK_SIGNING_KEYS).
struct SigningKey {
  std::string id;
  std::string secret;
};

struct Config {
  std::string listen_host = "127.0.0.1";
  unsigned short listen_port = 8080;
  std::string database_url = "sqlite://./data/concierge.db";
  std::string data_dir = "./data";
  std::string site_origin = "http://127.0.0.1:8080";
  // Empty until resolved: taken from CONCIERGE_SECRET_KEY, else generated
  // into the data folder (development only).
  std::string secret_key;
  bool production = false;
  std::string log_level = "info";
  std::size_t http_threads = 16;
  std::size_t db_pool_size = 8;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds access_token_ttl{600};
  // Sign-in throttling (accounts/login_throttle.hpp).
  int login_max_failures = 5;
  int login_max_failures_per_address = 20;
  std::chrono::seconds login_window{900};
  std::chrono::seconds login_lockout{900};
  // Refresh-token sessions (accounts/sessions.hpp).
  std::chrono::seconds refresh_idle{14 * 24 * 3600};
  std::chrono::seconds refresh_absolute{30 * 24 * 3600};
  std::chrono::seconds refresh_grace{10};
  // Only for plain-HTTP development on localhost: the refresh cookie loses
  // its Secure flag (and so its __Secure- prefix).
  bool insecure_cookies = false;
  // Stripe (payments module).
  std::string stripe_secret_key;
  std::string stripe_api_base = "https://api.stripe.com";
  std::vector<std::string> stripe_webhook_secrets;  // empty: the webhook answers 503
  // Shared throttle counters; empty: each process counts in memory.
  std::string redis_url;
  // Raw CONCIERGE_TRUSTED_PROXIES; parsed (and checked) by http::TrustedProxies.
  std::string trusted_proxies;
  // Throttle rate per scope (DefaultRates() with the settings applied).
  std::map<std::string, Rate> rates = DefaultRates();
  // Empty: one key derived from the secret key. The first signs.
  std::vector<SigningKey> kiosk_signing_keys;
  std::chrono::seconds kiosk_token_ttl{120};
  FeatureFlags flags;
  // CONCIERGE_* variables that no setting knows: most likely typos, worth a warning.
  std::vector<std::string> unknown_variables;

  // Reads every setting from `environment`; the first bad value fails naming
  // its variable.
  [[nodiscard]] static Result<Config> FromEnvironment(
      const std::map<std::string, std::string>& environment);
};

// The process environment as a map.
[[nodiscard]] std::map<std::string, std::string> ProcessEnvironment();

}  // namespace concierge
