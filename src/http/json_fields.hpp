#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace concierge::http {

// Readers for fields of a JSON request body. Each failure is a 400 whose
// `errors` names the field. Amounts travel as decimal strings ("12.50"); a
// JSON number is refused so that no binary fraction ever touches money.
[[nodiscard]] Result<std::string> StringField(const nlohmann::json& body, const char* name,
                                              std::size_t max_length = 500);
[[nodiscard]] Result<std::optional<std::string>> OptionalStringField(const nlohmann::json& body,
                                                                     const char* name,
                                                                     std::size_t max_length = 500);
[[nodiscard]] Result<Cents> AmountField(const nlohmann::json& body, const char* name);
[[nodiscard]] Result<std::optional<Cents>> OptionalAmountField(const nlohmann::json& body,
                                                               const char* name);
[[nodiscard]] Result<Date> DateField(const nlohmann::json& body, const char* name);
[[nodiscard]] Result<std::optional<Date>> OptionalDateField(const nlohmann::json& body,
                                                            const char* name);

// A positive integer id, or nothing when the field is absent or null.
[[nodiscard]] Result<std::optional<std::int64_t>> OptionalIdField(const nlohmann::json& body,
                                                                  const char* name);

// Refuses a body that names a field outside `known` (a misspelt name would
// otherwise change nothing, in silence) or sends null for a field outside
// `nullable` (only a field that can be cleared takes null). Every offending
// field is named in the error.
[[nodiscard]] Status KnownFields(const nlohmann::json& body,
                                 std::initializer_list<std::string_view> known,
                                 std::initializer_list<std::string_view> nullable = {});

// An optional value as JSON: the value, or null.
template <typename T>
[[nodiscard]] nlohmann::json OptionalJson(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// A query parameter that must be a date when present.
struct Request;
[[nodiscard]] Result<std::optional<Date>> DateQuery(const Request& request, const char* name);

}  // namespace concierge::http
