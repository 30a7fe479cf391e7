#include "core/config.hpp"

#include <algorithm>
#include <charconv>

extern char** environ;

namespace concierge {

const std::vector<SettingInfo>& KnownSettings() {
  static const std::vector<SettingInfo> kSettings = {
      {"CONCIERGE_LISTEN", "127.0.0.1:8080", "address and port to serve on (host:port)"},
      {"CONCIERGE_DATABASE_URL", "sqlite://./data/concierge.db",
       "sqlite:///absolute/path.db, sqlite://./relative/path.db or "
       "postgresql://user:pass@host:port/db"},
      {"CONCIERGE_DATA_DIR", "./data",
       "folder for the generated development secret key (the database is set apart, by"
       " CONCIERGE_DATABASE_URL)"},
      {"CONCIERGE_SITE_ORIGIN", "http://127.0.0.1:8080",
       "the web app's origin, for CSRF checks and links"},
      {"CONCIERGE_SECRET_KEY", "(generated)",
       "signs access tokens; at least 32 characters; required when CONCIERGE_ENV=production, "
       "otherwise generated and stored in the data folder on first run"},
      {"CONCIERGE_ENV", "development", "development or production"},
      {"CONCIERGE_LOG_LEVEL", "info", "debug, info, warn or error"},
      {"CONCIERGE_HTTP_THREADS", "16",
       "threads serving HTTP; requests block on the database, so more than cores"},
      {"CONCIERGE_DB_POOL_SIZE", "8", "database connections kept open"},
      {"CONCIERGE_MAX_BODY_BYTES", "1048576", "largest request body accepted"},
      {"CONCIERGE_ACCESS_TOKEN_TTL", "600", "lifetime of an access token in seconds"},
      {"CONCIERGE_LOGIN_MAX_FAILURES", "5",
       "sign-in attempts per account within the window before it is locked"},
      {"CONCIERGE_LOGIN_MAX_FAILURES_PER_ADDRESS", "20",
       "failed sign-in attempts per client address within the window before it is locked"},
      {"CONCIERGE_LOGIN_WINDOW", "900", "seconds over which sign-in attempts are counted"},
      {"CONCIERGE_LOGIN_LOCKOUT", "900",
       "seconds a locked account or address waits; even the right password is refused"},
      {"CONCIERGE_REFRESH_IDLE_TTL", "1209600",
       "seconds an unused refresh token stays valid (14 days)"},
      {"CONCIERGE_REFRESH_ABSOLUTE_TTL", "2592000",
       "seconds a sign-in session lasts at most, however often refreshed (30 days)"},
      {"CONCIERGE_REFRESH_GRACE", "10",
       "seconds a just-rotated refresh token still works (lost answers, several tabs)"},
      {"CONCIERGE_DEV_INSECURE_COOKIES", "false",
       "development on plain-HTTP localhost only: send the refresh cookie without Secure"},
      {"CONCIERGE_STRIPE_SECRET_KEY", "(unset)",
       "Stripe API secret key (sk_...) for creating Checkout Sessions"},
      {"CONCIERGE_STRIPE_API_BASE", "https://api.stripe.com",
       "base URL of Stripe's API (tests point it at a local server)"},
      {"CONCIERGE_STRIPE_WEBHOOK_SECRETS", "(unset)",
       "comma-separated whsec_... signing secrets; several during rotation; unset: the "
       "webhook answers 503"},
      {"CONCIERGE_REDIS_URL", "(unset)",
       "redis://[:password@]host:port[/db] for throttle counters shared by several "
       "instances; unset: counters live in each process"},
      {"CONCIERGE_TRUSTED_PROXIES", "(empty)",
       "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For "
       "is believed"},
      {"CONCIERGE_KIOSK_SIGNING_KEYS", "(derived from the secret key)",
       "comma-separated id:secret pairs signing kiosk QR tokens; the first signs, the others "
       "still verify (rotation); secrets of at least 32 characters"},
      {"CONCIERGE_KIOSK_TOKEN_TTL", "120", "seconds a signed kiosk QR token stays valid"},
      {"CONCIERGE_THROTTLE_PUBLIC_INFO", "60/60",
       "requests/seconds per client to GET /api/public-info/{building_id}/"},
      {"CONCIERGE_THROTTLE_PUBLIC_VOTES", "60/60",
       "requests/seconds per client to the public vote results"},
      {"CONCIERGE_THROTTLE_PERSONAL_PAGE", "30/60",
       "requests/seconds per client to apartment personal pages"},
      {"CONCIERGE_THROTTLE_KIOSK_TOKEN", "30/60",
       "requests/seconds per kiosk device to POST /api/kiosk/token/"},
      {"CONCIERGE_THROTTLE_KIOSK_CONNECT", "20/60",
       "requests/seconds per client to POST /api/kiosk/connect/"},
      {"CONCIERGE_THROTTLE_KIOSK_REGISTER", "5/300",
       "requests/seconds per client to POST /api/kiosk/register/"},
      {"CONCIERGE_THROTTLE_INVITATION", "10/300",
       "requests/seconds per client to POST /api/kiosk/invitations/accept/"},
      {"ENABLE_LEDGER_SYNC", "false",
       "online payments post ledger credits; reconciliation endpoints exposed"},
      {"ENABLE_KIOSK_SIGNED_QR", "false", "kiosk QR codes carry short-lived signed tokens"},
      {"ENABLE_CELERY_BEAT", "false", "reserved for the background scheduler (no effect yet)"},
      {"ENABLE_SECURE_PUBLIC_INFO", "false",
       "public building info without a kiosk token is sanitised"},
  };
  return kSettings;
}

const std::map<std::string, Rate>& DefaultRates() {
  static const std::map<std::string, Rate> kRates = {
      {"public_info", {60, std::chrono::seconds(60)}},
      {"public_votes", {60, std::chrono::seconds(60)}},
      {"personal_page", {30, std::chrono::seconds(60)}},
      {"kiosk_token", {30, std::chrono::seconds(60)}},
      {"kiosk_connect", {20, std::chrono::seconds(60)}},
      {"kiosk_register", {5, std::chrono::seconds(300)}},
      {"invitation", {10, std::chrono::seconds(300)}},
  };
  return kRates;
}

namespace {

Error BadSetting(const std::string& name, const std::string& why) {
  return Error::Invalid("invalid_setting", name + " " + why);
}

Result<std::size_t> ReadCount(const std::string& name, const std::string& value, std::size_t min,
                              std::size_t max) {
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc{} || end != value.data() + value.size() || number < min || number > max) {
    return Fail(BadSetting(name, "must be a whole number from " + std::to_string(min) + " to " +
                                     std::to_string(max) + ", not '" + value + "'."));
  }
  return number;
}

Status ReadListen(const std::string& value, Config& config) {
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(BadSetting("CONCIERGE_LISTEN", "must be host:port, not '" + value + "'."));
  }
  auto port = ReadCount("CONCIERGE_LISTEN", value.substr(colon + 1), 0, 65535);
  if (!port) {
    return Fail(port.error());
  }
  config.listen_host = value.substr(0, colon);
  config.listen_port = static_cast<unsigned short>(*port);
  return {};
}

// CONCIERGE_THROTTLE_PUBLIC_INFO -> public_info.
std::string ScopeOfThrottleVariable(const std::string& name) {
  std::string scope = name.substr(std::string_view("CONCIERGE_THROTTLE_").size());
  for (char& c : scope) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scope;
}

// "COUNT/SECONDS", like "5/60".
Result<Rate> ReadRate(const std::string& name, const std::string& value) {
  const auto slash = value.find('/');
  const Error bad = BadSetting(name, "must be COUNT/SECONDS (like 60/60), not '" + value + "'.");
  if (slash == std::string::npos) {
    return Fail(bad);
  }
  auto count = ReadCount(name, value.substr(0, slash), 1, 1'000'000);
  auto seconds = ReadCount(name, value.substr(slash + 1), 1, 86400);
  if (!count || !seconds) {
    return Fail(bad);
  }
  return Rate{static_cast<int>(*count), std::chrono::seconds(*seconds)};
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
}

// "id:secret,id2:secret2". Ids are short and safe to put in a token; secrets
// long enough that guessing one is hopeless.
Result<std::vector<SigningKey>> ReadSigningKeys(const std::string& name, const std::string& value) {
  std::vector<SigningKey> keys;
  std::string_view rest = value;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string pair = Trimmed(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto colon = pair.find(':');
    const std::string id = colon == std::string::npos ? "" : pair.substr(0, colon);
    const bool id_ok = !id.empty() && id.size() <= 32 &&
                       id.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789_-") == std::string::npos;
    if (!id_ok || pair.size() - colon - 1 < 32) {
      return Fail(BadSetting(name,
                             "holds comma-separated id:secret pairs; ids of letters, "
                             "digits, _ or - (at most 32), secrets of at least 32 "
                             "characters."));
    }
    for (const auto& key : keys) {
      if (key.id == id) {
        return Fail(BadSetting(name, "names the key id '" + id + "' twice."));
      }
    }
    keys.push_back({id, pair.substr(colon + 1)});
  }
  if (keys.empty()) {
    return Fail(BadSetting(name, "is set but holds no key."));
  }
  return keys;
}

}  // namespace

Result<Config> Config::FromEnvironment(const std::map<std::string, std::string>& environment) {
  Config config;
  auto flags = FeatureFlags::FromEnvironment(environment);
  if (!flags) {
    return Fail(flags.error());
  }
  config.flags = *flags;

  for (const auto& [name, value] : environment) {
    if (name.rfind("CONCIERGE_", 0) != 0) {
      continue;
    }
    Status applied;
    if (name == "CONCIERGE_LISTEN") {
      applied = ReadListen(value, config);
    } else if (name == "CONCIERGE_DATABASE_URL") {
      config.database_url = value;
    } else if (name == "CONCIERGE_DATA_DIR") {
      config.data_dir = value;
    } else if (name == "CONCIERGE_SITE_ORIGIN") {
      config.site_origin = value;
    } else if (name == "CONCIERGE_SECRET_KEY") {
      if (value.size() < 32) {
        return Fail(BadSetting(name, "must be at least 32 characters long."));
      }
      config.secret_key = value;
    } else if (name == "CONCIERGE_ENV") {
      if (value != "development" && value != "production") {
        return Fail(BadSetting(name, "must be development or production, not '" + value + "'."));
      }
      config.production = value == "production";
    } else if (name == "CONCIERGE_LOG_LEVEL") {
      if (value != "debug" && value != "info" && value != "warn" && value != "error") {
        return Fail(BadSetting(name, "must be debug, info, warn or error, not '" + value + "'."));
      }
      config.log_level = value;
    } else if (name == "CONCIERGE_HTTP_THREADS") {
      auto n = ReadCount(name, value, 1, 256);
      applied = n ? Status{} : Fail(n.error());
      config.http_threads = n.value_or(config.http_threads);
    } else if (name == "CONCIERGE_DB_POOL_SIZE") {
      auto n = ReadCount(name, value, 1, 256);
      applied = n ? Status{} : Fail(n.error());
      config.db_pool_size = n.value_or(config.db_pool_size);
    } else if (name == "CONCIERGE_MAX_BODY_BYTES") {
      auto n = ReadCount(name, value, 1024, 64 * 1024 * 1024);
      applied = n ? Status{} : Fail(n.error());
      config.max_body_bytes = n.value_or(config.max_body_bytes);
    } else if (name == "CONCIERGE_ACCESS_TOKEN_TTL") {
      auto n = ReadCount(name, value, 30, 86400);
      applied = n ? Status{} : Fail(n.error());
      config.access_token_ttl = std::chrono::seconds(n.value_or(600));
    } else if (name == "CONCIERGE_LOGIN_MAX_FAILURES") {
      auto n = ReadCount(name, value, 1, 1000);
      applied = n ? Status{} : Fail(n.error());
      config.login_max_failures = static_cast<int>(n.value_or(5));
    } else if (name == "CONCIERGE_LOGIN_MAX_FAILURES_PER_ADDRESS") {
      auto n = ReadCount(name, value, 1, 100000);
      applied = n ? Status{} : Fail(n.error());
      config.login_max_failures_per_address = static_cast<int>(n.value_or(20));
    } else if (name == "CONCIERGE_LOGIN_WINDOW") {
      auto n = ReadCount(name, value, 1, 86400);
      applied = n ? Status{} : Fail(n.error());
      config.login_window = std::chrono::seconds(n.value_or(900));
    } else if (name == "CONCIERGE_LOGIN_LOCKOUT") {
      auto n = ReadCount(name, value, 1, 86400);
      applied = n ? Status{} : Fail(n.error());
      config.login_lockout = std::chrono::seconds(n.value_or(900));
    } else if (name == "CONCIERGE_REFRESH_IDLE_TTL") {
      auto n = ReadCount(name, value, 60, 365 * 86400);
      applied = n ? Status{} : Fail(n.error());
      config.refresh_idle = std::chrono::seconds(n.value_or(1209600));
    } else if (name == "CONCIERGE_REFRESH_ABSOLUTE_TTL") {
      auto n = ReadCount(name, value, 60, 365 * 86400);
      applied = n ? Status{} : Fail(n.error());
      config.refresh_absolute = std::chrono::seconds(n.value_or(2592000));
    } else if (name == "CONCIERGE_REFRESH_GRACE") {
      auto n = ReadCount(name, value, 0, 120);
      applied = n ? Status{} : Fail(n.error());
      config.refresh_grace = std::chrono::seconds(n.value_or(10));
    } else if (name == "CONCIERGE_STRIPE_SECRET_KEY") {
      config.stripe_secret_key = value;
    } else if (name == "CONCIERGE_STRIPE_API_BASE") {
      if (value.rfind("https://", 0) != 0 && value.rfind("http://127.0.0.1", 0) != 0 &&
          value.rfind("http://localhost", 0) != 0) {
        return Fail(BadSetting(name, "must be an https:// URL (or http:// on localhost)."));
      }
      config.stripe_api_base = value.back() == '/' ? value.substr(0, value.size() - 1) : value;
    } else if (name == "CONCIERGE_STRIPE_WEBHOOK_SECRETS") {
      config.stripe_webhook_secrets.clear();
      std::string_view rest = value;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string secret(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        secret.erase(0, secret.find_first_not_of(' '));
        secret.erase(secret.find_last_not_of(' ') + 1);
        if (secret.rfind("whsec_", 0) != 0) {
          return Fail(BadSetting(name, "holds secrets that start with whsec_, comma-separated."));
        }
        config.stripe_webhook_secrets.push_back(secret);
      }
    } else if (name == "CONCIERGE_REDIS_URL") {
      if (value.rfind("redis://", 0) != 0) {
        return Fail(BadSetting(name, "must be a redis://host:port URL."));
      }
      config.redis_url = value;
    } else if (name == "CONCIERGE_TRUSTED_PROXIES") {
      config.trusted_proxies = value;
    } else if (name == "CONCIERGE_KIOSK_SIGNING_KEYS") {
      auto keys = ReadSigningKeys(name, value);
      applied = keys ? Status{} : Fail(keys.error());
      config.kiosk_signing_keys = keys.value_or(std::vector<SigningKey>{});
    } else if (name == "CONCIERGE_KIOSK_TOKEN_TTL") {
      auto n = ReadCount(name, value, 5, 3600);
      applied = n ? Status{} : Fail(n.error());
      config.kiosk_token_ttl = std::chrono::seconds(n.value_or(120));
    } else if (name.rfind("CONCIERGE_THROTTLE_", 0) == 0 &&
               DefaultRates().contains(ScopeOfThrottleVariable(name))) {
      auto rate = ReadRate(name, value);
      applied = rate ? Status{} : Fail(rate.error());
      config.rates[ScopeOfThrottleVariable(name)] = rate.value_or(Rate{});
    } else if (name == "CONCIERGE_DEV_INSECURE_COOKIES") {
      auto on = ParseBool(name, value);
      applied = on ? Status{} : Fail(on.error());
      config.insecure_cookies = on.value_or(false);
    } else {
      config.unknown_variables.push_back(name);
    }
    if (!applied) {
      return Fail(applied.error());
    }
  }

  const bool local_http = config.site_origin.rfind("http://127.0.0.1", 0) == 0 ||
                          config.site_origin.rfind("http://localhost", 0) == 0;
  if (config.insecure_cookies && (config.production || !local_http)) {
    return Fail(BadSetting("CONCIERGE_DEV_INSECURE_COOKIES",
                           "is allowed only in development with a plain-HTTP localhost "
                           "CONCIERGE_SITE_ORIGIN."));
  }
  if (config.production && config.secret_key.empty()) {
    return Fail(BadSetting("CONCIERGE_SECRET_KEY", "is required when CONCIERGE_ENV=production."));
  }
  return config;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) {
      environment.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return environment;
}

}  // namespace concierge
