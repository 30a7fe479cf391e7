#include "redis_server.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace concierge::blackbox {

namespace {

int UnusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

bool Run(const std::string& command) {
  return std::system(command.c_str()) == 0;
}

}  // namespace

RedisServer::RedisServer() {
  folder_ = (std::filesystem::temp_directory_path() /
             ("concierge-redis-" + std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())))
                .string();
  std::filesystem::create_directories(folder_);
  port_ = UnusedPort();
  const std::string port = std::to_string(port_);
  if (!Run("redis-server --bind 127.0.0.1 --port " + port +
           " --save '' --appendonly no --daemonize yes --dir " + folder_ + " --pidfile " + folder_ +
           "/redis.pid --logfile " + folder_ + "/redis.log")) {
    return;
  }
  // Ready in about 20 ms; a generous bound only for a loaded machine.
  for (int attempt = 0; attempt < 250 && !ready_; ++attempt) {
    ready_ = Run("redis-cli -p " + port + " ping >/dev/null 2>&1");
    if (!ready_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

RedisServer::~RedisServer() {
  (void)Run("redis-cli -p " + std::to_string(port_) + " shutdown nosave >/dev/null 2>&1");
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace concierge::blackbox
