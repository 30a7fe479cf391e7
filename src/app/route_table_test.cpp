#include <filesystem>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/application.hpp"
#include "app/ops_routes.hpp"
#include "core/crypto.hpp"

namespace concierge::app {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

class RouteTable : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    path_ = std::filesystem::temp_directory_path() /
            ("concierge-routes-" + std::to_string(::getpid()) + ".db");
    Config config;
    config.database_url = "sqlite://" + path_.string();
    config.secret_key = std::string(40, 'k');
    config.db_pool_size = 2;
    auto app = OpenApplication(config, true);
    ASSERT_TRUE(app) << app.error().detail;
    app_ = std::move(*app);
    schema_ = nlohmann::json::parse(OpenApiDocument());
  }
  void TearDown() override {
    app_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::filesystem::path path_;
  std::unique_ptr<Application> app_;
  nlohmann::json schema_;
};

TEST_F(RouteTable, EveryRouteIsDescribedWithItsPermission) {
  for (const auto& route : app_->router->routes()) {
    const std::string method = Lower(route.method);
    ASSERT_TRUE(schema_["paths"].contains(route.pattern))
        << route.method << " " << route.pattern << " is missing from docs/openapi.json";
    const auto& path = schema_["paths"][route.pattern];
    ASSERT_TRUE(path.contains(method))
        << route.method << " " << route.pattern << " is missing from docs/openapi.json";
    EXPECT_EQ(path[method].value("x-permission", ""), route.permission.Describe())
        << route.method << " " << route.pattern;
  }
}

TEST_F(RouteTable, EveryDescribedOperationExists) {
  std::set<std::string> routes;
  for (const auto& route : app_->router->routes()) {
    routes.insert(Lower(route.method) + " " + route.pattern);
  }
  for (const auto& [pattern, operations] : schema_["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      EXPECT_TRUE(routes.count(method + " " + pattern))
          << method << " " << pattern << " is described but not served";
    }
  }
}

TEST_F(RouteTable, EveryRouteHasASummary) {
  for (const auto& route : app_->router->routes()) {
    EXPECT_FALSE(route.summary.empty()) << route.pattern;
  }
}

TEST_F(RouteTable, SchemaIsOpenApi31) {
  EXPECT_EQ(schema_["openapi"], "3.1.0");
}

}  // namespace
}  // namespace concierge::app
