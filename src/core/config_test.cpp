#include "core/config.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace concierge {
namespace {

TEST(Config, DefaultsMatchTheDesign) {
  auto config = Config::FromEnvironment({});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->database_url, "sqlite://./data/concierge.db");
}

TEST(Config, BadValuesFailNamingTheVariable) {
  const std::pair<const char*, const char*> cases[] = {
      {"CONCIERGE_LISTEN", "nohost"},         {"CONCIERGE_LISTEN", "h:99999"},
      {"CONCIERGE_HTTP_THREADS", "0"},        {"CONCIERGE_LOG_LEVEL", "loud"},
      {"CONCIERGE_SECRET_KEY", "short"},      {"CONCIERGE_ENV", "staging"},
      {"ENABLE_SECURE_PUBLIC_INFO", "maybe"},
  };
  for (const auto& [name, value] : cases) {
    auto config = Config::FromEnvironment({{name, value}});
    ASSERT_FALSE(config) << name << "=" << value;
    EXPECT_NE(config.error().detail.find(name), std::string::npos) << config.error().detail;
  }
}

TEST(Config, ProductionRequiresASecretKey) {
  EXPECT_FALSE(Config::FromEnvironment({{"CONCIERGE_ENV", "production"}}));
}

TEST(Config, RemembersUnknownVariablesAsLikelyTypos) {
  auto config = Config::FromEnvironment({{"CONCIERGE_LISTN", "x"}});
  ASSERT_TRUE(config);
  ASSERT_EQ(config->unknown_variables.size(), 1u);
}

// env.schema.example documents every variable the server reads.
TEST(Config, EnvSchemaExampleListsEveryKnownSetting) {
  std::ifstream file(CONCIERGE_SOURCE_DIR "/env.schema.example");
  ASSERT_TRUE(file) << "env.schema.example is missing";
  std::stringstream text;
  text << file.rdbuf();
  for (const auto& setting : KnownSettings()) {
    EXPECT_NE(text.str().find(std::string(setting.name) + "="), std::string::npos)
        << setting.name << " is not in env.schema.example";
  }
}

}  // namespace
}  // namespace concierge
