#pragma once

#include "core/error.hpp"
#include "tenancy/model.hpp"

namespace concierge::tenancy {

// Field rules shared by the API and the importer. On failure the error's
// `fields` name every offending field.
[[nodiscard]] Status ValidateBuilding(const Building& building);
[[nodiscard]] Status ValidateApartment(const Apartment& apartment);
// Category names are lowercase identifiers ("general", "elevator").
[[nodiscard]] bool IsCategoryName(const std::string& name);

}  // namespace concierge::tenancy
