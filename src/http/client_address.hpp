#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace concierge::http {

struct Request;

// The reverse proxies whose X-Forwarded-For is believed (DESIGN.md section 6).
// Immutable after Parse; safe to share between threads.
class TrustedProxies {
 public:
  TrustedProxies() = default;

  // Comma-separated IPv4/IPv6 addresses or CIDR ranges; empty trusts nobody.
  // Fails naming `variable` on anything else.
  [[nodiscard]] static Result<TrustedProxies> Parse(std::string_view text,
                                                    std::string_view variable);

  [[nodiscard]] bool Contains(std::string_view address) const;
  [[nodiscard]] bool empty() const { return ranges_.empty(); }

  // Who the request is from: the socket peer, unless the peer is trusted;
  // then X-Forwarded-For read from the right, skipping trusted entries, so
  // the first untrusted one is the client. Whatever a client writes to the
  // left of that cannot change its key. An entry that is not an address ends
  // the walk at the trusted hop that passed it on.
  [[nodiscard]] std::string ClientOf(const Request& request) const;

 private:
  struct Range {
    std::array<unsigned char, 16> bytes{};
    int prefix_bits = 0;
  };

  std::vector<Range> ranges_;
};

// An address in canonical text (IPv4-mapped IPv6 as plain IPv4); nullopt when
// `text` is not an address.
[[nodiscard]] std::optional<std::string> CanonicalAddress(std::string_view text);

// The key a client address is throttled under: the address itself, or for
// IPv6 its /64, which one client commonly holds whole.
[[nodiscard]] std::string AddressBucket(std::string_view address);

}  // namespace concierge::http
