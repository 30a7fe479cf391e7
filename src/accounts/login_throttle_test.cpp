#include "accounts/login_throttle.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace concierge::accounts {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  LoginThrottleTest()
      : clock_(*ParseTimestamp("2026-01-01T00:00:00Z")),
        throttle_({5, 20, std::chrono::seconds(900), std::chrono::seconds(900)}, clock_) {}

  ManualClock clock_;
  LoginThrottle throttle_;
};

TEST_F(LoginThrottleTest, FiftyConcurrentAttemptsGetAtMostFiveSlots) {
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      if (!throttle_.Begin("maria@example.com", "10.0.0." + std::to_string(i))) {
        ++admitted;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(admitted.load(), 5);
}

TEST_F(LoginThrottleTest, LockedAccountWaitsForTheCoolOffThenStartsAfresh) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(throttle_.Begin("maria@example.com", "10.0.0.1"));
  }
  const auto wait = throttle_.Begin("maria@example.com", "10.0.0.1");
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 900);

  clock_.Advance(std::chrono::seconds(899));
  EXPECT_TRUE(throttle_.Begin("maria@example.com", "10.0.0.2"));
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(throttle_.Begin("maria@example.com", "10.0.0.2"));
}

TEST_F(LoginThrottleTest, SuccessClearsTheAccount) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_FALSE(throttle_.Begin("maria@example.com", "10.0.0.1"));
  }
  throttle_.Succeeded("maria@example.com", "10.0.0.1");
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle_.Begin("maria@example.com", "10.0.0.1")) << i;
  }
}

TEST_F(LoginThrottleTest, OneAddressGuessingManyAccountsIsLimitedToo) {
  int admitted = 0;
  for (int i = 0; i < 30; ++i) {
    if (!throttle_.Begin("user" + std::to_string(i) + "@example.com", "10.9.9.9")) {
      ++admitted;
    }
  }
  EXPECT_EQ(admitted, 20);
  EXPECT_FALSE(throttle_.Begin("someone@example.com", "10.0.0.7"));
}

}  // namespace
}  // namespace concierge::accounts
