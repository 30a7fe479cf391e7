#include "fake_stripe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace concierge::blackbox {

FakeStripe::FakeStripe() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  ::listen(listener_, 16);
  thread_ = std::thread([this] { Serve(); });
}

FakeStripe::~FakeStripe() {
  stopping_ = true;
  thread_.join();
  ::close(listener_);
}

std::vector<FakeStripe::Recorded> FakeStripe::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

void FakeStripe::Serve() {
  int session = 0;
  while (!stopping_) {
    pollfd ready{listener_, POLLIN, 0};
    if (::poll(&ready, 1, 50) <= 0) {
      continue;
    }
    const int client = ::accept(listener_, nullptr, nullptr);
    std::string data;
    char buffer[4096];
    std::size_t expected = std::string::npos;
    while (true) {
      const ssize_t n = ::read(client, buffer, sizeof buffer);
      if (n <= 0) {
        break;
      }
      data.append(buffer, static_cast<std::size_t>(n));
      const auto end = data.find("\r\n\r\n");
      if (end != std::string::npos && expected == std::string::npos) {
        std::string head = data.substr(0, end);
        for (char& c : head) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const auto at = head.find("content-length:");
        expected = end + 4 + (at == std::string::npos ? 0 : std::stoul(head.substr(at + 15)));
      }
      if (expected != std::string::npos && data.size() >= expected) {
        break;
      }
    }

    Recorded recorded;
    const auto line_end = data.find("\r\n");
    const auto head_end = data.find("\r\n\r\n");
    recorded.request_line = data.substr(0, line_end);
    recorded.headers = data.substr(line_end + 2, head_end - line_end - 2);
    for (char& c : recorded.headers) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    recorded.body = data.substr(head_end + 4);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(recorded);
    }

    ++session;
    const std::string id = "cs_test_" + std::to_string(session);
    const std::string body = R"({"id":")" + id + R"(","object":"checkout.session",)" +
                             R"("url":"https://checkout.stripe.com/c/pay/)" + id +
                             R"(","payment_intent":null,"status":"open"})";
    const std::string answer =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    (void)::write(client, answer.data(), answer.size());
    ::close(client);
  }
}

}  // namespace concierge::blackbox
