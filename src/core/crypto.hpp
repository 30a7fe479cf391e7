#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace concierge {

// Thin wrappers over libsodium; every function is thread-safe once
// InitCrypto() has run (it is idempotent).
void InitCrypto();

// `bytes` random bytes, base64url without padding.
[[nodiscard]] std::string RandomToken(std::size_t bytes);

[[nodiscard]] std::string HexEncode(std::string_view bytes);
[[nodiscard]] std::string Base64UrlEncode(std::string_view bytes);
[[nodiscard]] Result<std::string> Base64UrlDecode(std::string_view text);

// SHA-256 of `data`, lowercase hex.
[[nodiscard]] std::string Sha256Hex(std::string_view data);
// HMAC-SHA256 of `message` keyed with `key` (any length), raw 32 bytes.
[[nodiscard]] std::string HmacSha256(std::string_view key, std::string_view message);
// Compares in time that depends only on the lengths, never on the contents.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Argon2id with libsodium's interactive limits; the result embeds salt and
// parameters. Takes about 100 ms by design: never call on a hot path.
[[nodiscard]] std::string HashPassword(std::string_view password);
[[nodiscard]] bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace concierge
