#include "http/throttle.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/redis_throttle.hpp"

namespace concierge::http {
namespace {

const Timestamp kStart = Timestamp{std::chrono::seconds(1'800'000'000)};
const Rate kFivePerMinute{5, std::chrono::seconds(60)};

TEST(MemoryThrottle, AFullBucketAllowsItsSizeThenRefusesWithRetryAfter) {
  ManualClock clock(kStart);
  MemoryThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(throttle.Take("a", kFivePerMinute).allowed) << i;
  }
  const ThrottleDecision refused = throttle.Take("a", kFivePerMinute);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, std::chrono::seconds(12));  // one token per 12 s
}

TEST(MemoryThrottle, RefillsOneTokenPerShareOfThePeriod) {
  ManualClock clock(kStart);
  MemoryThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(throttle.Take("a", kFivePerMinute).allowed);
  }
  clock.Advance(std::chrono::seconds(11));
  EXPECT_FALSE(throttle.Take("a", kFivePerMinute).allowed);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(throttle.Take("a", kFivePerMinute).allowed);
  EXPECT_FALSE(throttle.Take("a", kFivePerMinute).allowed);
  clock.Advance(std::chrono::hours(1));  // never more than the bucket's size
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(throttle.Take("a", kFivePerMinute).allowed) << i;
  }
  EXPECT_FALSE(throttle.Take("a", kFivePerMinute).allowed);
}

TEST(MemoryThrottle, KeysHaveTheirOwnBuckets) {
  ManualClock clock(kStart);
  MemoryThrottle throttle(clock);
  const Rate one{1, std::chrono::seconds(60)};
  EXPECT_TRUE(throttle.Take("a", one).allowed);
  EXPECT_TRUE(throttle.Take("b", one).allowed);
  EXPECT_FALSE(throttle.Take("a", one).allowed);
}

TEST(MemoryThrottle, ConcurrentTakesNeverExceedTheBucket) {
  ManualClock clock(kStart);
  MemoryThrottle throttle(clock);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) {
        allowed += throttle.Take("same", kFivePerMinute).allowed ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(allowed.load(), 5);
}

TEST(RateLimiter, RefusesWithTooManyRequestsAndRetryAfter) {
  ManualClock clock(kStart);
  RateLimiter limiter(std::make_shared<MemoryThrottle>(clock),
                      {{"public_info", {1, std::chrono::seconds(30)}}});
  EXPECT_TRUE(limiter.Check("public_info", "address:1.2.3.4"));
  const Status refused = limiter.Check("public_info", "address:1.2.3.4");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kTooManyRequests);
  EXPECT_EQ(refused.error().retry_after_seconds, 30);
  EXPECT_TRUE(limiter.Check("public_info", "address:5.6.7.8"));
}

TEST(RedisThrottle, WithoutRedisTheLimitStillHoldsInMemory) {
  ManualClock clock(kStart);
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  RedisThrottle throttle({"127.0.0.1", 1, "", 0}, "test:", clock);
  EXPECT_FALSE(throttle.Ping());
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(throttle.Take("a", kFivePerMinute).allowed) << i;
  }
  EXPECT_FALSE(throttle.Take("a", kFivePerMinute).allowed);
}

// A server that accepts connections and never answers, like a stalled Redis.
class SilentServer {
 public:
  SilentServer() {
    socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(socket_, 64);
    socklen_t length = sizeof address;
    ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { ::close(socket_); }
  [[nodiscard]] int port() const { return port_; }
  // Connections made so far (the kernel completes them without accept()).
  int Accepted() {
    int count = 0;
    ::fcntl(socket_, F_SETFL, O_NONBLOCK);
    for (int client = ::accept(socket_, nullptr, nullptr); client >= 0;
         client = ::accept(socket_, nullptr, nullptr)) {
      clients_.push_back(client);
      ++count;
    }
    accepted_ += count;
    return accepted_;
  }

 private:
  int socket_ = -1;
  int port_ = 0;
  int accepted_ = 0;
  std::vector<int> clients_;
};

TEST(RedisThrottle, AStalledRedisIsTriedOnceThenLeftAloneForAWhile) {
  ManualClock clock(kStart);
  SilentServer stalled;
  RedisThrottle throttle({"127.0.0.1", stalled.port(), "", 0}, "test:", clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(throttle.Take("a", kFivePerMinute).allowed) << i;
  }
  EXPECT_FALSE(throttle.Take("a", kFivePerMinute).allowed);

  // One connection timed out; the next five requests went to memory at once.
  EXPECT_EQ(stalled.Accepted(), 1);
}

TEST(RedisUrl, ParsesHostPortPasswordAndDatabase) {
  const auto plain = ParseRedisUrl("redis://127.0.0.1:6380");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 6380);
  const auto full = ParseRedisUrl("redis://:s3cret@cache.internal/2");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->host, "cache.internal");
  EXPECT_EQ(full->port, 6379);
  EXPECT_EQ(full->password, "s3cret");
  EXPECT_EQ(full->database, 2);
  for (const char* bad : {"http://x", "redis://", "redis://h:0", "redis://h:1/x"}) {
    EXPECT_FALSE(ParseRedisUrl(bad)) << bad;
  }
}

}  // namespace
}  // namespace concierge::http
