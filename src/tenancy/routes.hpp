#pragma once

#include "http/router.hpp"
#include "tenancy/service.hpp"

namespace concierge::tenancy {

// /api/buildings/... and /api/apartments/...; `service` must outlive `router`.
void AddRoutes(http::Router& router, TenancyService& service);

// The JSON shapes, shared with modules that embed a building or apartment.
[[nodiscard]] nlohmann::json BuildingJson(const Building& building);
[[nodiscard]] nlohmann::json ApartmentJson(const Apartment& apartment);

}  // namespace concierge::tenancy
