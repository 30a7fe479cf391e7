#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "http/request.hpp"

namespace concierge::http {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Every address as 16 bytes: IPv4 as IPv4-mapped IPv6, so one range type
// serves both families and "::ffff:10.0.0.1" equals "10.0.0.1".
std::optional<std::array<unsigned char, 16>> ToBytes(std::string_view text) {
  const std::string copy(Trim(text));
  std::array<unsigned char, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

bool IsMappedV4(const std::array<unsigned char, 16>& bytes) {
  static constexpr unsigned char kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(bytes.data(), kPrefix, 12) == 0;
}

}  // namespace

std::optional<std::string> CanonicalAddress(std::string_view text) {
  const auto bytes = ToBytes(text);
  if (!bytes) {
    return std::nullopt;
  }
  char out[INET6_ADDRSTRLEN] = {};
  if (IsMappedV4(*bytes)) {
    inet_ntop(AF_INET, bytes->data() + 12, out, sizeof out);
  } else {
    inet_ntop(AF_INET6, bytes->data(), out, sizeof out);
  }
  return std::string(out);
}

std::string AddressBucket(std::string_view address) {
  auto bytes = ToBytes(address);
  if (!bytes || IsMappedV4(*bytes)) {
    return std::string(address);
  }
  // One IPv6 client commonly holds a whole /64: count it as one.
  std::fill(bytes->begin() + 8, bytes->end(), 0);
  char out[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, bytes->data(), out, sizeof out);
  return std::string(out) + "/64";
}

namespace {

// The host of an X-Forwarded-For entry: proxies may append a port
// ("1.2.3.4:5678", "[2001:db8::1]:443") or brackets.
std::string_view ForwardedHost(std::string_view hop) {
  if (!hop.empty() && hop.front() == '[') {
    const auto close = hop.find(']');
    return close == std::string_view::npos ? hop : hop.substr(1, close - 1);
  }
  const auto colon = hop.find(':');
  if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos) {
    return hop.substr(0, colon);
  }
  return hop;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view text, std::string_view variable) {
  TrustedProxies proxies;
  while (!Trim(text).empty()) {
    const auto comma = text.find(',');
    const std::string_view entry = Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);

    const auto slash = entry.find('/');
    const auto bytes = ToBytes(entry.substr(0, slash));
    const Error bad = Error::Invalid(
        "invalid_setting", std::string(variable) + " holds addresses or CIDR ranges, not '" +
                               std::string(entry) + "'.");
    if (!bytes) {
      return Fail(bad);
    }
    Range range{*bytes, 128};
    if (slash != std::string_view::npos) {
      const std::string_view bits = entry.substr(slash + 1);
      int prefix = -1;
      const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      const int max_bits = IsMappedV4(*bytes) ? 32 : 128;
      if (ec != std::errc{} || end != bits.data() + bits.size() || prefix < 0 ||
          prefix > max_bits) {
        return Fail(bad);
      }
      range.prefix_bits = IsMappedV4(*bytes) ? 96 + prefix : prefix;
    }
    proxies.ranges_.push_back(range);
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  const auto bytes = ToBytes(address);
  if (!bytes) {
    return false;
  }
  for (const Range& range : ranges_) {
    bool inside = true;
    for (int bit = 0; bit < range.prefix_bits && inside; ++bit) {
      const int mask = 0x80 >> (bit % 8);
      inside = ((*bytes)[bit / 8] & mask) == (range.bytes[bit / 8] & mask);
    }
    if (inside) {
      return true;
    }
  }
  return false;
}

std::string TrustedProxies::ClientOf(const Request& request) const {
  std::string client = CanonicalAddress(request.peer_address).value_or(request.peer_address);
  if (!Contains(client)) {
    return client;
  }

  // Several X-Forwarded-For headers read as one list, in order.
  std::vector<std::string_view> hops;
  for (const auto& [name, value] : request.headers) {
    if (name != "x-forwarded-for") {
      continue;
    }
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      hops.push_back(Trim(rest.substr(0, comma)));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const auto address = CanonicalAddress(ForwardedHost(*hop));
    if (!address) {
      // A trusted proxy wrote something that is not an address: keep it as
      // the key rather than counting everyone as the proxy.
      return "forwarded:" + std::string(hop->substr(0, 64));
    }
    client = *address;
    if (!Contains(client)) {
      return client;
    }
  }
  return client;
}

}  // namespace concierge::http
