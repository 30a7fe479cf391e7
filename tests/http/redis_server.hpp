#pragma once

#include <string>

namespace concierge::blackbox {

// A real redis-server of our own on a free loopback port, without
// persistence, stopped at destruction (STACK-NOTES.md: no systemd needed).
class RedisServer {
 public:
  RedisServer();
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // redis://127.0.0.1:PORT, for CONCIERGE_REDIS_URL.
  [[nodiscard]] std::string Url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] bool ready() const { return ready_; }

 private:
  std::string folder_;
  int port_ = 0;
  bool ready_ = false;
};

}  // namespace concierge::blackbox
