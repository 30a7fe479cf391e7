#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace concierge::storage {

// Column readers that do not care how the back end typed a value: SQLite
// reports computed columns as text and declared INTEGER columns as 64-bit.
[[nodiscard]] std::int64_t Int(const soci::row& row, std::size_t column);
[[nodiscard]] std::optional<std::int64_t> OptionalInt(const soci::row& row, std::size_t column);
[[nodiscard]] std::string Text(const soci::row& row, std::size_t column);
[[nodiscard]] std::optional<std::string> OptionalText(const soci::row& row, std::size_t column);

// The indicator that binds an optional value as SQL NULL when it is empty.
template <typename T>
[[nodiscard]] soci::indicator NullIf(const std::optional<T>& value) {
  return value ? soci::i_ok : soci::i_null;
}

}  // namespace concierge::storage
