#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace concierge::blackbox {

// A local stand-in for Stripe's API: records every request and answers a
// Checkout Session the way Stripe does. One connection at a time is plenty.
class FakeStripe {
 public:
  struct Recorded {
    std::string request_line;
    std::string headers;  // raw, lower-cased names
    std::string body;
  };

  FakeStripe();
  ~FakeStripe();

  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::vector<Recorded> requests();

 private:
  void Serve();

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<Recorded> requests_;
  std::thread thread_;
};

}  // namespace concierge::blackbox
