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
      {"CONCIERGE_LISTEN", "nohost"},
      {"CONCIERGE_LISTEN", "h:99999"},
      {"CONCIERGE_HTTP_THREADS", "0"},
      {"CONCIERGE_LOG_LEVEL", "loud"},
      {"CONCIERGE_SECRET_KEY", "short"},
      {"CONCIERGE_ENV", "staging"},
      {"ENABLE_SECURE_PUBLIC_INFO", "maybe"},
      {"CONCIERGE_THROTTLE_PUBLIC_INFO", "5"},
      {"CONCIERGE_THROTTLE_KIOSK_CONNECT", "0/60"},
      {"CONCIERGE_THROTTLE_KIOSK_TOKEN", "5/x"},
      {"CONCIERGE_KIOSK_TOKEN_TTL", "1"},
      {"CONCIERGE_KIOSK_SIGNING_KEYS", "k1:short"},
      {"CONCIERGE_KIOSK_SIGNING_KEYS", "bad id:0123456789abcdef0123456789abcdef"},
      {"CONCIERGE_REDIS_URL", "localhost:6379"},
  };
  for (const auto& [name, value] : cases) {
    auto config = Config::FromEnvironment({{name, value}});
    ASSERT_FALSE(config) << name << "=" << value;
    EXPECT_NE(config.error().detail.find(name), std::string::npos) << config.error().detail;
  }
}

TEST(Config, ReadsThrottleRatesAndSigningKeys) {
  const std::string secret(32, 'x');
  auto config = Config::FromEnvironment(
      {{"CONCIERGE_THROTTLE_PUBLIC_INFO", "5/60"},
       {"CONCIERGE_KIOSK_SIGNING_KEYS", "new:" + secret + ", old:" + secret}});
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->rates.at("public_info").count, 5);
  EXPECT_EQ(config->rates.at("public_info").period, std::chrono::seconds(60));
  EXPECT_EQ(config->rates.at("kiosk_register").count, 5);
  ASSERT_EQ(config->kiosk_signing_keys.size(), 2u);
  EXPECT_EQ(config->kiosk_signing_keys[0].id, "new");
  EXPECT_EQ(config->kiosk_signing_keys[1].id, "old");
  EXPECT_TRUE(config->unknown_variables.empty());
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
