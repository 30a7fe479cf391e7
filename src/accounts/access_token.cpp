#include "accounts/access_token.hpp"

#include <cstdlib>
#include <memory>

#include <jwt.h>

namespace concierge::accounts {

namespace {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtHandle = std::unique_ptr<jwt_t, JwtDeleter>;

constexpr const char* kTokenType = "access";

Error Invalid() {
  return Error::Unauthenticated("The access token is invalid or has expired.");
}

const unsigned char* KeyBytes(const std::string& secret) {
  return reinterpret_cast<const unsigned char*>(secret.data());
}

}  // namespace

std::string AccessTokens::Issue(std::int64_t user_id, std::int64_t tenant_id) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) {
    throw std::bad_alloc();
  }
  JwtHandle jwt(raw);
  const auto now = clock_.Now().time_since_epoch().count();
  jwt_add_grant(jwt.get(), "sub", std::to_string(user_id).c_str());
  jwt_add_grant(jwt.get(), "typ", kTokenType);
  jwt_add_grant_int(jwt.get(), "tid", static_cast<long>(tenant_id));
  jwt_add_grant_int(jwt.get(), "iat", static_cast<long>(now));
  jwt_add_grant_int(jwt.get(), "exp", static_cast<long>(now + ttl_.count()));
  jwt_set_alg(jwt.get(), JWT_ALG_HS256, KeyBytes(secret_), static_cast<int>(secret_.size()));

  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) {
    throw std::runtime_error("JWT encoding failed");
  }
  std::string token(encoded);
  free(encoded);
  return token;
}

Result<AccessClaims> AccessTokens::Verify(const std::string& token) const {
  if (token.empty() || token.size() > 4096) {
    return Fail(Invalid());
  }
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), KeyBytes(secret_), static_cast<int>(secret_.size())) != 0) {
    return Fail(Invalid());
  }
  JwtHandle jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) {
    return Fail(Invalid());
  }
  const char* type = jwt_get_grant(jwt.get(), "typ");
  const char* subject = jwt_get_grant(jwt.get(), "sub");
  if (type == nullptr || std::string(type) != kTokenType || subject == nullptr) {
    return Fail(Invalid());
  }

  const long expires = jwt_get_grant_int(jwt.get(), "exp");
  const long tenant = jwt_get_grant_int(jwt.get(), "tid");
  if (expires <= 0 || tenant <= 0 || expires <= clock_.Now().time_since_epoch().count()) {
    return Fail(Invalid());
  }
  AccessClaims claims;
  try {
    claims.user_id = std::stoll(subject);
  } catch (const std::exception&) {
    return Fail(Invalid());
  }
  claims.tenant_id = tenant;
  claims.expires_at = Timestamp{std::chrono::seconds{expires}};
  return claims;
}

}  // namespace concierge::accounts
