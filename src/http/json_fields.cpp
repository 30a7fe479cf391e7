#include "http/json_fields.hpp"

#include "core/text.hpp"
#include "http/request.hpp"

namespace concierge::http {

namespace {

bool Contains(std::initializer_list<std::string_view> names, std::string_view name) {
  for (const auto candidate : names) {
    if (candidate == name) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status KnownFields(const nlohmann::json& body, std::initializer_list<std::string_view> known,
                   std::initializer_list<std::string_view> nullable) {
  std::map<std::string, std::string> fields;
  for (const auto& [name, value] : body.items()) {
    if (!Contains(known, name)) {
      fields[name] = "Unknown field.";
    } else if (value.is_null() && !Contains(nullable, name)) {
      fields[name] = "Cannot be null; leave the field out to keep its value.";
    }
  }
  if (fields.empty()) {
    return {};
  }
  return Fail(
      Error::Invalid("invalid_input", "The request has invalid fields.", std::move(fields)));
}

Result<std::optional<std::string>> OptionalStringField(const nlohmann::json& body, const char* name,
                                                       std::size_t max_length) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<std::string>{};
  }
  if (!body[name].is_string()) {
    return Fail(Error::Field(name, "Must be a string."));
  }
  auto value = body[name].get<std::string>();
  if (CharacterCount(value) > max_length) {
    return Fail(Error::Field(name, "At most " + std::to_string(max_length) + " characters."));
  }
  return std::optional<std::string>{std::move(value)};
}

Result<std::string> StringField(const nlohmann::json& body, const char* name,
                                std::size_t max_length) {
  auto value = OptionalStringField(body, name, max_length);
  if (!value) {
    return Fail(value.error());
  }
  if (!value->has_value() || (*value)->empty()) {
    return Fail(Error::Field(name, "Required."));
  }
  return std::move(**value);
}

Result<std::optional<Cents>> OptionalAmountField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<Cents>{};
  }
  if (!body[name].is_string()) {
    return Fail(Error::Field(name, "Send amounts as decimal strings, like \"12.50\"."));
  }
  auto cents = ParseAmount(body[name].get<std::string>());
  if (!cents) {
    return Fail(Error::Field(name, cents.error().detail));
  }
  return std::optional<Cents>{*cents};
}

Result<Cents> AmountField(const nlohmann::json& body, const char* name) {
  auto amount = OptionalAmountField(body, name);
  if (!amount) {
    return Fail(amount.error());
  }
  if (!amount->has_value()) {
    return Fail(Error::Field(name, "Required."));
  }
  return **amount;
}

Result<std::optional<Date>> OptionalDateField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<Date>{};
  }
  if (!body[name].is_string()) {
    return Fail(Error::Field(name, "A date written as YYYY-MM-DD."));
  }
  auto date = ParseDate(body[name].get<std::string>());
  if (!date) {
    return Fail(Error::Field(name, date.error().detail));
  }
  return std::optional<Date>{*date};
}

Result<Date> DateField(const nlohmann::json& body, const char* name) {
  auto date = OptionalDateField(body, name);
  if (!date) {
    return Fail(date.error());
  }
  if (!date->has_value()) {
    return Fail(Error::Field(name, "Required."));
  }
  return **date;
}

Result<std::optional<std::int64_t>> OptionalIdField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<std::int64_t>{};
  }
  if (!body[name].is_number_integer() || body[name].get<std::int64_t>() <= 0) {
    return Fail(Error::Field(name, "A positive whole number."));
  }
  return std::optional<std::int64_t>{body[name].get<std::int64_t>()};
}

Result<std::optional<Date>> DateQuery(const Request& request, const char* name) {
  const auto text = request.QueryParam(name);
  if (!text) {
    return std::optional<Date>{};
  }
  auto date = ParseDate(*text);
  if (!date) {
    return Fail(Error::Field(name, date.error().detail));
  }
  return std::optional<Date>{*date};
}

}  // namespace concierge::http
