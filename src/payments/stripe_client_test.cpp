// The Stripe client's guard of the server's threads: a call beyond the limit
// answers at once instead of queueing behind a slow Stripe.

#include "payments/stripe_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>

#include <gtest/gtest.h>

namespace concierge::payments {
namespace {

// A port that takes connections and never answers, like a stalled Stripe.
class SilentServer {
 public:
  SilentServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bind(listener_, reinterpret_cast<sockaddr*>(&address), length);
    listen(listener_, 8);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() {
    for (int connection : connections_) {
      close(connection);
    }
    close(listener_);
  }

  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Waits for a client to connect and send its request; false after 5 s.
  bool AwaitRequest() {
    pollfd waiting{listener_, POLLIN, 0};
    if (poll(&waiting, 1, 5000) != 1) {
      return false;
    }
    const int connection = accept(listener_, nullptr, nullptr);
    connections_.push_back(connection);
    pollfd reading{connection, POLLIN, 0};
    char buffer[4096];
    return poll(&reading, 1, 5000) == 1 && read(connection, buffer, sizeof buffer) > 0;
  }

  // True when a connection waits to be accepted.
  bool HasNewConnection() {
    pollfd waiting{listener_, POLLIN, 0};
    return poll(&waiting, 1, 200) == 1;
  }

  void Hangup() {
    for (int connection : connections_) {
      shutdown(connection, SHUT_RDWR);
    }
  }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::vector<int> connections_;
};

CheckoutRequest AnyRequest() {
  CheckoutRequest request;
  request.amount = 5000;
  request.currency = "EUR";
  request.description = "Charge";
  request.success_url = "https://example.test/ok";
  request.cancel_url = "https://example.test/cancel";
  return request;
}

TEST(StripeClient, ACallBeyondTheLimitAnswersAtOnceWithoutCallingStripe) {
  SilentServer stripe;
  StripeClient client(stripe.base_url(), "sk_test_x",
                      {1, std::chrono::seconds{2}, std::chrono::seconds{10}});

  auto stalled = std::async(std::launch::async,
                            [&] { return client.CreateCheckoutSession(AnyRequest(), "key-1"); });
  ASSERT_TRUE(stripe.AwaitRequest());

  const auto refused = client.CreateCheckoutSession(AnyRequest(), "key-2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(refused.error().detail.find("slow"), std::string::npos) << refused.error().detail;
  EXPECT_FALSE(stripe.HasNewConnection());

  stripe.Hangup();
  EXPECT_FALSE(stalled.get());

  // The place is given back when the stalled call ends.
  auto next = std::async(std::launch::async,
                         [&] { return client.CreateCheckoutSession(AnyRequest(), "key-3"); });
  EXPECT_TRUE(stripe.AwaitRequest());
  stripe.Hangup();
  EXPECT_FALSE(next.get());
}

}  // namespace
}  // namespace concierge::payments
