#include "tenancy/validation.hpp"

#include "core/date.hpp"
#include "core/money.hpp"

namespace concierge::tenancy {

namespace {

bool IsBuildingCode(const std::string& code) {
  if (code.empty() || code.size() > 32) {
    return false;
  }
  for (char c : code) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

Status Outcome(std::map<std::string, std::string> fields) {
  if (fields.empty()) {
    return {};
  }
  return Fail(
      Error::Invalid("invalid_input", "The request has invalid fields.", std::move(fields)));
}

}  // namespace

bool IsCategoryName(const std::string& name) {
  if (name.empty() || name.size() > 32) {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

Status ValidateBuilding(const Building& building) {
  std::map<std::string, std::string> fields;
  if (!IsBuildingCode(building.code)) {
    fields["code"] = "Use 1 to 32 letters, digits, '-' or '_'.";
  }
  if (building.name.empty() || building.name.size() > 200) {
    fields["name"] = "A name of 1 to 200 characters is required.";
  }
  if (building.address.size() > 300) {
    fields["address"] = "At most 300 characters.";
  }
  if (building.city.size() > 100) {
    fields["city"] = "At most 100 characters.";
  }
  if (!IsKnownTimeZone(building.timezone)) {
    fields["timezone"] = "Not a known time zone (e.g. Europe/Athens).";
  }
  if (!HasCents(building.currency)) {
    fields["currency"] =
        "An ISO 4217 code of three capital letters with cents (e.g. EUR); currencies without"
        " two decimal places (JPY, KWD) are not supported.";
  }
  return Outcome(std::move(fields));
}

Status ValidateApartment(const Apartment& apartment) {
  std::map<std::string, std::string> fields;
  if (apartment.number.empty() || apartment.number.size() > 32) {
    fields["number"] = "A number of 1 to 32 characters is required.";
  }
  if (apartment.floor < -10 || apartment.floor > 300) {
    fields["floor"] = "A floor from -10 to 300.";
  }
  if (apartment.owner_email.size() > 254 ||
      (!apartment.owner_email.empty() && apartment.owner_email.find('@') == std::string::npos)) {
    fields["owner_email"] = "Not an e-mail address.";
  }
  if (apartment.owner_name.size() > 200) {
    fields["owner_name"] = "At most 200 characters.";
  }
  if (apartment.occupant_name.size() > 200) {
    fields["occupant_name"] = "At most 200 characters.";
  }
  for (const auto& [category, per_mille] : apartment.shares) {
    if (!IsCategoryName(category)) {
      fields["shares"] = "Category '" + category + "' is not a lowercase name.";
    } else if (per_mille < 0 || per_mille > 1000) {
      fields["shares"] = "Shares are per mille, from 0 to 1000.";
    }
  }
  return Outcome(std::move(fields));
}

}  // namespace concierge::tenancy
