#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace concierge::app {

// Each command returns the process exit code: 0 success, 1 failure (after a
// one-line reason on stderr). Bad usage (2) is CLI11's to report.
int RunServe(const Config& config);
int RunMigrate(const Config& config);
int RunFlags(const Config& config);
int RunImport(const Config& config, const std::string& directory, const std::string& tenant_slug,
              const std::string& tenant_name);
int RunSeedDemo(const Config& config, const std::string& tenant_slug);
int RunWebhooksRetry(const Config& config);

struct CreateUserOptions {
  std::string tenant_slug;
  std::string email;
  std::string role;
  std::string name;
  std::vector<std::string> building_codes;  // staff
  std::string apartment;                    // resident: BUILDING_CODE/NUMBER
};
int RunCreateUser(const Config& config, const CreateUserOptions& options);

// Prints "concierge: <reason>" on one line to stderr and returns 1.
int Failure(const std::string& reason);

}  // namespace concierge::app
