#include "app/commands.hpp"

#include <iostream>

#include <termios.h>
#include <unistd.h>

#include "accounts/scope_factory.hpp"
#include "app/application.hpp"
#include "core/log.hpp"
#include "http/server.hpp"
#include "storage/migrations.hpp"
#include "tenancy/repository.hpp"

namespace concierge::app {

namespace {

void LogStartup(const Config& config) {
  nlohmann::json flags = nlohmann::json::object();
  for (Flag flag : kAllFlags) {
    flags[std::string(FlagVariable(flag))] = config.flags.IsOn(flag);
  }
  log::Info("starting", {{"version", kVersion}, {"flags", flags}});
  for (Flag flag : kAllFlags) {
    if (IsSecurityFlag(flag) && !config.flags.IsOn(flag)) {
      log::Warn("security flag is off", {{"flag", FlagVariable(flag)}});
    }
  }
  for (const auto& name : config.unknown_variables) {
    log::Warn("unknown setting ignored", {{"variable", name}});
  }
}

// The password from standard input when it is not a terminal (scripts), or
// typed at a prompt without echo. Never from the command line.
std::string ReadPassword() {
  std::string password;
  if (!::isatty(STDIN_FILENO)) {
    std::getline(std::cin, password);
    return password;
  }
  std::cerr << "Password: " << std::flush;
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::getline(std::cin, password);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  std::cerr << "\n";
  return password;
}

}  // namespace

int Failure(const std::string& reason) {
  std::string line = reason;
  for (char& c : line) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  std::cerr << "concierge: " << line << std::endl;
  return 1;
}

int RunServe(const Config& config) {
  LogStartup(config);

  auto app = OpenApplication(config, /*migrate=*/true);
  if (!app) {
    return Failure(app.error().detail);
  }
  const http::Pipeline pipeline(*(*app)->router, config.max_body_bytes,
                                config.site_origin.rfind("https://", 0) == 0, &(*app)->proxies);
  const http::ServerOptions options{config.listen_host, config.listen_port, config.http_threads};
  auto served = http::Serve(options, pipeline, [&] {
    std::cout << "Concierge " << kVersion << " is serving at http://" << config.listen_host << ":"
              << config.listen_port << "/" << std::endl;
  });
  if (!served) {
    return Failure(served.error().detail);
  }
  return 0;
}

int RunMigrate(const Config& config) {
  auto db = OpenDatabase(config);
  if (!db) {
    return Failure(db.error().detail);
  }
  auto report = storage::Migrate(**db);
  if (!report) {
    return Failure(report.error().detail);
  }
  std::cout << "Schema at version " << report->version_after << " (" << report->applied.size()
            << " migration(s) applied)." << std::endl;
  return 0;
}

int RunWebhooksRetry(const Config& config) {
  auto app = OpenApplication(config, /*migrate=*/false);
  if (!app) {
    return Failure(app.error().detail);
  }
  // Events are applied with this process's flags: run it with the server's
  // environment, or a retry made with ledger sync off would post nothing.
  std::cout << "Retrying with " << FlagVariable(Flag::kLedgerSync) << "="
            << (config.flags.IsOn(Flag::kLedgerSync) ? "true" : "false")
            << " (run with the server's environment)." << std::endl;
  const int applied = (*app)->webhooks->RetryFailed();
  const auto still_failing = (*app)->db->Read([](soci::session& sql) {
    long long count = 0;
    sql << "SELECT count(*) FROM stripe_events WHERE outcome IN ('failed', 'received')",
        soci::into(count);
    return count;
  });
  std::cout << "Applied " << applied << " failed Stripe event(s); " << still_failing
            << " still failing." << std::endl;
  return still_failing == 0 ? 0 : 1;  // so cron or a script notices
}

int RunFlags(const Config& config) {
  for (Flag flag : kAllFlags) {
    std::cout << FlagVariable(flag) << "=" << (config.flags.IsOn(flag) ? "true" : "false")
              << std::endl;
  }
  return 0;
}

int RunCreateUser(const Config& config, const CreateUserOptions& options) {
  auto db = OpenDatabase(config);
  if (!db) {
    return Failure(db.error().detail);
  }
  if (auto current = storage::CheckSchemaCurrent(**db); !current) {
    return Failure(current.error().detail);
  }
  auto tenant = (*db)->Read(
      [&](soci::session& sql) { return tenancy::FindTenantBySlug(sql, options.tenant_slug); });
  if (!tenant) {
    return Failure("no office with slug '" + options.tenant_slug + "'.");
  }

  accounts::NewUser request;
  request.tenant_id = tenant->id;
  request.email = options.email;
  request.name = options.name;
  if (!ParseRole(options.role, request.role)) {
    return Failure("unknown role '" + options.role + "'.");
  }
  if (!options.building_codes.empty() && request.role != Role::kStaff) {
    return Failure("--building names a staff member's buildings; only --role staff takes it.");
  }
  if (!options.apartment.empty() && request.role != Role::kResident) {
    return Failure("--apartment names a resident's apartment; only --role resident takes it.");
  }
  const Scope office = accounts::ScopeFactory::ForOperator(tenant->id);
  for (const auto& code : options.building_codes) {
    auto building = (*db)->Read(
        [&](soci::session& sql) { return tenancy::SelectBuildingByCode(sql, office, code); });
    if (!building) {
      return Failure("no building with code '" + code + "' in this office.");
    }
    request.building_ids.push_back(building->id);
  }
  if (!options.apartment.empty()) {
    const auto slash = options.apartment.find('/');
    if (slash == std::string::npos) {
      return Failure("--apartment is written BUILDING_CODE/NUMBER.");
    }
    auto apartment = (*db)->Read([&](soci::session& sql) -> std::optional<tenancy::Apartment> {
      auto building =
          tenancy::SelectBuildingByCode(sql, office, options.apartment.substr(0, slash));
      if (!building) {
        return std::nullopt;
      }
      return tenancy::SelectApartmentByNumber(sql, office, building->id,
                                              options.apartment.substr(slash + 1));
    });
    if (!apartment) {
      return Failure("no apartment '" + options.apartment + "' in this office.");
    }
    request.apartment_id = apartment->id;
  }
  request.password = ReadPassword();

  auto user = accounts::CreateUser(**db, request);
  if (!user) {
    std::string reason = user.error().detail;
    for (const auto& [field, message] : user.error().fields) {
      reason += " " + field + ": " + message;
    }
    return Failure(reason);
  }
  std::cout << "Created " << user->email << " (" << options.role << ") in " << options.tenant_slug
            << "." << std::endl;
  return 0;
}

}  // namespace concierge::app
