// The concierge command line: serve, migrate, import, seed-demo, create-user, flags.

#include <CLI/CLI.hpp>

#include "app/application.hpp"
#include "app/commands.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

int main(int argc, char** argv) {
  using namespace concierge;

  CLI::App cli{
      "Concierge: the back office of apartment buildings.\n"
      "Settings come from CONCIERGE_* environment variables and the ENABLE_* flags "
      "(see env.schema.example)."};
  cli.set_version_flag("--version", app::kVersion);
  cli.require_subcommand(1);

  auto* serve = cli.add_subcommand("serve", "Migrate the database and serve HTTP until SIGTERM");
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  auto* flags = cli.add_subcommand("flags", "Print the effective feature flags");

  std::string directory;
  std::string tenant_slug;
  std::string tenant_name;
  auto* import = cli.add_subcommand("import", "Import an office from CSV files in DIR");
  import->add_option("DIR", directory, "Folder with buildings.csv, apartments.csv, ledger.csv")
      ->required()
      ->check(CLI::ExistingDirectory);
  const auto slug = CLI::Validator(
      [](std::string& text) -> std::string {
        const bool ok =
            !text.empty() && text.size() <= 64 &&
            text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
        return ok ? "" : "a slug is 1 to 64 of a-z, 0-9 and '-'";
      },
      "SLUG");
  import->add_option("--tenant", tenant_slug, "The office's slug (created if missing)")
      ->required()
      ->check(slug);
  import->add_option("--tenant-name", tenant_name, "The office's name when it is created");

  std::string demo_slug = "demo";
  auto* seed = cli.add_subcommand("seed-demo", "Create a demo office and print its logins");
  seed->add_option("--tenant", demo_slug, "The demo office's slug")->capture_default_str();

  auto* webhooks = cli.add_subcommand("webhooks", "Stripe webhook events");
  webhooks->require_subcommand(1);
  auto* retry = webhooks->add_subcommand(
      "retry", "Apply again every Stripe event whose processing failed, oldest first");

  app::CreateUserOptions user;
  auto* create_user = cli.add_subcommand(
      "create-user", "Create a user; the password is read from standard input or prompted");
  create_user->add_option("--tenant", user.tenant_slug, "The office's slug")->required();
  create_user->add_option("--email", user.email, "The user's e-mail address")->required();
  create_user->add_option("--role", user.role, "admin, manager, staff or resident")
      ->required()
      ->check(CLI::IsMember({"admin", "manager", "staff", "resident"}));
  create_user->add_option("--name", user.name, "The user's name");
  create_user->add_option("--building", user.building_codes, "Building code (staff; repeatable)");
  create_user->add_option("--apartment", user.apartment,
                          "BUILDING_CODE/NUMBER of the resident's apartment");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }

  InitCrypto();
  auto config = Config::FromEnvironment(ProcessEnvironment());
  if (!config) {
    return app::Failure(config.error().detail);
  }
  log::SetLevel(config->log_level);

  try {
    if (serve->parsed()) {
      return app::RunServe(*config);
    }
    if (migrate->parsed()) {
      return app::RunMigrate(*config);
    }
    if (flags->parsed()) {
      return app::RunFlags(*config);
    }
    if (import->parsed()) {
      return app::RunImport(*config, directory, tenant_slug, tenant_name);
    }
    if (seed->parsed()) {
      return app::RunSeedDemo(*config, demo_slug);
    }
    if (retry->parsed()) {
      return app::RunWebhooksRetry(*config);
    }
    if (create_user->parsed()) {
      return app::RunCreateUser(*config, user);
    }
  } catch (const std::exception& error) {
    return app::Failure(std::string("unexpected failure: ") + error.what());
  }
  return 2;
}
