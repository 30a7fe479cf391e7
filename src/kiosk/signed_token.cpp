#include "kiosk/signed_token.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace concierge::kiosk {

namespace {

// Long enough for any real token, short enough that nothing big is parsed.
constexpr std::size_t kMaxTokenLength = 1024;

Error Invalid() {
  return Error::Invalid("kiosk_token_invalid",
                        "The kiosk code is not valid; scan the code on the lobby screen again.",
                        {{"token", "Not a valid kiosk token."}});
}

Error Expired() {
  return Error::Invalid("kiosk_token_expired",
                        "The kiosk code has expired; scan the code on the lobby screen again.",
                        {{"token", "The token has expired."}});
}

std::string Mac(const SigningKey& key, std::string_view encoded_payload) {
  return Base64UrlEncode(HmacSha256(key.secret, encoded_payload));
}

std::optional<std::int64_t> PositiveInt(const nlohmann::json& payload, const char* name) {
  const auto found = payload.find(name);
  if (found == payload.end() || !found->is_number_integer() || found->get<std::int64_t>() <= 0) {
    return std::nullopt;
  }
  return found->get<std::int64_t>();
}

}  // namespace

TokenSigner::TokenSigner(std::vector<SigningKey> keys, std::chrono::seconds ttl, const Clock& clock)
    : keys_(std::move(keys)), ttl_(ttl), clock_(clock) {
  if (keys_.empty()) {
    throw std::invalid_argument("a TokenSigner needs at least one key");
  }
}

TokenClaims TokenSigner::NewClaims(std::string_view purpose, std::int64_t tenant_id,
                                   std::int64_t building_id, std::int64_t device_id) const {
  TokenClaims claims;
  claims.purpose = purpose;
  claims.tenant_id = tenant_id;
  claims.building_id = building_id;
  claims.device_id = device_id;
  claims.issued_at = clock_.Now();
  claims.expires_at = claims.issued_at + ttl_;
  claims.nonce = RandomToken(12);
  return claims;
}

std::string TokenSigner::Sign(TokenClaims claims) const {
  const SigningKey& key = keys_.front();
  const nlohmann::json payload = {{"pur", claims.purpose},
                                  {"ten", claims.tenant_id},
                                  {"bld", claims.building_id},
                                  {"dev", claims.device_id},
                                  {"iat", claims.issued_at.time_since_epoch().count()},
                                  {"exp", claims.expires_at.time_since_epoch().count()},
                                  {"non", claims.nonce},
                                  {"kid", key.id}};
  const std::string encoded = Base64UrlEncode(payload.dump());
  return encoded + "." + Mac(key, encoded);
}

std::optional<TokenClaims> TokenSigner::Authentic(std::string_view token) const {
  const auto dot = token.find('.');
  if (token.size() > kMaxTokenLength || dot == std::string_view::npos || dot == 0) {
    return std::nullopt;
  }
  const std::string_view encoded = token.substr(0, dot);
  const std::string_view mac = token.substr(dot + 1);

  auto decoded = Base64UrlDecode(encoded);
  if (!decoded) {
    return std::nullopt;
  }
  const auto payload = nlohmann::json::parse(*decoded, nullptr, false);
  if (payload.is_discarded() || !payload.is_object() || !payload.contains("kid") ||
      !payload["kid"].is_string()) {
    return std::nullopt;
  }
  const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const SigningKey& candidate) {
    return candidate.id == payload["kid"].get<std::string>();
  });
  // A retired key is simply one that is no longer configured.
  if (key == keys_.end() || !ConstantTimeEquals(Mac(*key, encoded), mac)) {
    return std::nullopt;
  }

  // Past the MAC the payload is ours; its shape is still checked, not assumed.
  TokenClaims claims;
  const auto tenant = PositiveInt(payload, "ten");
  const auto building = PositiveInt(payload, "bld");
  const auto device = PositiveInt(payload, "dev");
  const auto issued = PositiveInt(payload, "iat");
  const auto expires = PositiveInt(payload, "exp");
  if (!tenant || !building || !device || !issued || !expires || !payload.contains("pur") ||
      !payload["pur"].is_string()) {
    return std::nullopt;
  }
  claims.purpose = payload["pur"].get<std::string>();
  claims.tenant_id = *tenant;
  claims.building_id = *building;
  claims.device_id = *device;
  claims.issued_at = Timestamp{std::chrono::seconds(*issued)};
  claims.expires_at = Timestamp{std::chrono::seconds(*expires)};
  if (payload.contains("non") && payload["non"].is_string()) {
    claims.nonce = payload["non"].get<std::string>();
  }
  claims.key_id = key->id;
  return claims;
}

Result<TokenClaims> TokenSigner::Verify(std::string_view token, std::string_view purpose,
                                        std::optional<std::int64_t> building_id) const {
  auto authentic = Authentic(token);
  if (!authentic) {
    return Fail(Invalid());
  }
  const TokenClaims& claims = *authentic;
  if (claims.purpose != purpose) {
    return Fail(Invalid());
  }
  if (building_id && *building_id != claims.building_id) {
    return Fail(Invalid());
  }
  if (clock_.Now() > claims.expires_at) {
    return Fail(Expired());
  }
  return claims;
}

SigningKey DerivedSigningKey(const std::string& secret_key) {
  return {"derived", HexEncode(HmacSha256(secret_key, "concierge kiosk signing key v1"))};
}

}  // namespace concierge::kiosk
