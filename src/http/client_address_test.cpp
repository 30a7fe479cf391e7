#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include "http/request.hpp"

namespace concierge::http {
namespace {

Request From(const std::string& peer, const std::vector<std::string>& forwarded) {
  Request request;
  request.peer_address = peer;
  for (const auto& value : forwarded) {
    request.headers.emplace_back("x-forwarded-for", value);
  }
  return request;
}

TrustedProxies Trust(const std::string& text) {
  auto proxies = TrustedProxies::Parse(text, "CONCIERGE_TRUSTED_PROXIES");
  EXPECT_TRUE(proxies) << text;
  return proxies.value_or(TrustedProxies{});
}

TEST(ClientAddress, WithoutTrustedProxiesForwardedForIsIgnored) {
  const TrustedProxies nobody;
  EXPECT_EQ(nobody.ClientOf(From("203.0.113.9", {"198.51.100.1"})), "203.0.113.9");
}

TEST(ClientAddress, AnUntrustedPeerCannotChooseItsAddress) {
  const TrustedProxies proxies = Trust("10.0.0.1");
  EXPECT_EQ(proxies.ClientOf(From("203.0.113.9", {"198.51.100.1"})), "203.0.113.9");
}

TEST(ClientAddress, IsReadFromTheRightSkippingTrustedProxies) {
  const TrustedProxies proxies = Trust("10.0.0.1, 10.0.0.2");
  // The client wrote "1.2.3.4" itself; the outer proxy appended the real peer.
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"1.2.3.4, 198.51.100.7, 10.0.0.2"})),
            "198.51.100.7");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"1.2.3.4", "198.51.100.7, 10.0.0.2"})),
            "198.51.100.7");
}

TEST(ClientAddress, CidrRangesAndIpv6AreUnderstood) {
  const TrustedProxies proxies = Trust("10.0.0.0/8,fd00::/8");
  EXPECT_TRUE(proxies.Contains("10.200.3.4"));
  EXPECT_TRUE(proxies.Contains("::ffff:10.1.1.1"));
  EXPECT_TRUE(proxies.Contains("fd12::1"));
  EXPECT_FALSE(proxies.Contains("11.0.0.1"));
  EXPECT_FALSE(proxies.Contains("fe80::1"));
  EXPECT_EQ(proxies.ClientOf(From("fd00::5", {"2001:db8::7"})), "2001:db8::7");
}

TEST(ClientAddress, AGarbledHopIsItsOwnKeyNotTheProxysWhichAllShare) {
  const TrustedProxies proxies = Trust("10.0.0.1");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"not-an-address"})), "forwarded:not-an-address");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {})), "10.0.0.1");
}

TEST(ClientAddress, PortsAndBracketsAddedByProxiesAreDropped) {
  const TrustedProxies proxies = Trust("10.0.0.1");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"198.51.100.7:5678"})), "198.51.100.7");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"[2001:db8::7]:443"})), "2001:db8::7");
  EXPECT_EQ(proxies.ClientOf(From("10.0.0.1", {"[2001:db8::7]"})), "2001:db8::7");
}

TEST(ClientAddress, AnIpv6ClientIsThrottledByItsSlash64) {
  EXPECT_EQ(AddressBucket("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(AddressBucket("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64");
  EXPECT_NE(AddressBucket("2001:db8:1:3::1"), AddressBucket("2001:db8:1:2::1"));
  EXPECT_EQ(AddressBucket("198.51.100.7"), "198.51.100.7");
}

TEST(ClientAddress, BadSettingsAreRefusedNamingTheVariable) {
  for (const char* text : {"10.0.0.1/33", "example.com", "10.0.0.0/x", "::1/129"}) {
    const auto parsed = TrustedProxies::Parse(text, "CONCIERGE_TRUSTED_PROXIES");
    ASSERT_FALSE(parsed) << text;
    EXPECT_NE(parsed.error().detail.find("CONCIERGE_TRUSTED_PROXIES"), std::string::npos);
  }
}

}  // namespace
}  // namespace concierge::http
