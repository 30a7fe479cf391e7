#include "tenancy/routes.hpp"

#include "http/json_fields.hpp"
#include "http/pagination.hpp"

namespace concierge::tenancy {

namespace {

using http::Call;
using http::Permission;
using http::Response;

const Permission kOfficeStaff = Permission::Office();

nlohmann::json Results(const std::vector<Building>& buildings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& building : buildings) {
    list.push_back(BuildingJson(building));
  }
  return list;
}

// Copies a string field onto `target` when the body has it; a present field
// of the wrong type is an error naming it. Lengths are the validator's to judge.
Status ReadString(const nlohmann::json& body, const char* name, std::string& target) {
  CONCIERGE_TRY(value, http::OptionalStringField(body, name, 100'000));
  if (value->has_value()) {
    target = std::move(**value);
  }
  return {};
}

Status ReadInt(const nlohmann::json& body, const char* name, int& target) {
  if (!body.contains(name)) {
    return {};
  }
  if (!body[name].is_number_integer()) {
    return Fail(Error::Field(name, "Must be a whole number."));
  }
  const auto value = body[name].get<long long>();
  if (value < -1000000 || value > 1000000) {
    return Fail(Error::Field(name, "Out of range."));
  }
  target = static_cast<int>(value);
  return {};
}

Status ApplyBuilding(const nlohmann::json& body, Building& building) {
  for (const auto& [name, field] : {std::pair{"code", &building.code},
                                    {"name", &building.name},
                                    {"address", &building.address},
                                    {"city", &building.city},
                                    {"timezone", &building.timezone},
                                    {"currency", &building.currency}}) {
    CONCIERGE_TRY(read, ReadString(body, name, *field));
  }
  return {};
}

Status ApplyApartment(const nlohmann::json& body, Apartment& apartment) {
  for (const auto& [name, field] : {std::pair{"number", &apartment.number},
                                    {"owner_name", &apartment.owner_name},
                                    {"owner_email", &apartment.owner_email},
                                    {"occupant_name", &apartment.occupant_name}}) {
    CONCIERGE_TRY(read, ReadString(body, name, *field));
  }
  CONCIERGE_TRY(read, ReadInt(body, "floor", apartment.floor));
  if (body.contains("shares")) {
    if (!body["shares"].is_object()) {
      return Fail(Error::Field("shares", "Must map category names to per-mille integers."));
    }
    Shares shares;
    for (const auto& [category, value] : body["shares"].items()) {
      if (!value.is_number_integer()) {
        return Fail(Error::Field("shares", "Must map category names to per-mille integers."));
      }
      const auto per_mille = value.get<long long>();
      shares[category] = per_mille < 0 || per_mille > 1000 ? -1 : static_cast<int>(per_mille);
    }
    apartment.shares = std::move(shares);
  }
  return {};
}

Result<Response> ListBuildings(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(buildings, service.ListBuildings(call.scope()));
  return Response::Json(200, Results(*buildings));
}

Result<Response> CreateBuilding(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  Building building;
  CONCIERGE_TRY(applied, ApplyBuilding(*body, building));
  CONCIERGE_TRY(created, service.CreateBuilding(call.scope(), std::move(building)));
  return Response::Json(201, BuildingJson(*created));
}

Result<Response> GetBuilding(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(building, service.GetBuilding(call.scope(), *id));
  return Response::Json(200, BuildingJson(*building));
}

Result<Response> PatchBuilding(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(updated, service.UpdateBuilding(call.scope(), *id, [&](Building& building) {
    return ApplyBuilding(*body, building);
  }));
  return Response::Json(200, BuildingJson(*updated));
}

Result<Response> RemoveBuilding(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(deleted, service.DeleteBuilding(call.scope(), *id));
  return Response::Text(204, "application/json", "");
}

Result<Response> ListApartments(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  ApartmentFilter filter{*building_id, page->offset(), page->page_size};
  CONCIERGE_TRY(listed, service.ListApartments(call.scope(), filter));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& apartment : listed->second) {
    results.push_back(ApartmentJson(apartment));
  }
  return Response::Json(200,
                        http::PageBody(call.request, *page, listed->first, std::move(results)));
}

Result<Response> CreateApartment(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  Apartment apartment;
  if (!body->contains("building_id") || !(*body)["building_id"].is_number_integer()) {
    return Fail(Error::Field("building_id", "The building's id is required."));
  }
  apartment.building_id = (*body)["building_id"].get<std::int64_t>();
  CONCIERGE_TRY(applied, ApplyApartment(*body, apartment));
  CONCIERGE_TRY(created, service.CreateApartment(call.scope(), std::move(apartment)));
  return Response::Json(201, ApartmentJson(*created));
}

Result<Response> GetApartment(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(apartment, service.GetApartment(call.scope(), *id));
  return Response::Json(200, ApartmentJson(*apartment));
}

Result<Response> PatchApartment(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  if (body->contains("building_id")) {
    return Fail(Error::Field("building_id", "An apartment cannot move to another building."));
  }
  CONCIERGE_TRY(updated, service.UpdateApartment(call.scope(), *id, [&](Apartment& apartment) {
    return ApplyApartment(*body, apartment);
  }));
  return Response::Json(200, ApartmentJson(*updated));
}

Result<Response> RemoveApartment(TenancyService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(deleted, service.DeleteApartment(call.scope(), *id));
  return Response::Text(204, "application/json", "");
}

}  // namespace

nlohmann::json BuildingJson(const Building& building) {
  return {{"id", building.id},
          {"code", building.code},
          {"name", building.name},
          {"address", building.address},
          {"city", building.city},
          {"timezone", building.timezone},
          {"currency", building.currency}};
}

nlohmann::json ApartmentJson(const Apartment& apartment) {
  return {{"id", apartment.id},
          {"building_id", apartment.building_id},
          {"number", apartment.number},
          {"floor", apartment.floor},
          {"owner_name", apartment.owner_name},
          {"owner_email", apartment.owner_email},
          {"occupant_name", apartment.occupant_name},
          {"shares", apartment.shares}};
}

void AddRoutes(http::Router& router, TenancyService& service) {
  auto bind = [&service](auto handler) {
    return [&service, handler](const Call& call) { return handler(service, call); };
  };
  const Permission any = Permission::Authenticated();
  router.Add({"GET", "/api/buildings/", any, bind(ListBuildings), "List the caller's buildings"});
  router.Add({"POST", "/api/buildings/", kOfficeStaff, bind(CreateBuilding), "Create a building"});
  router.Add({"GET", "/api/buildings/{id}/", any, bind(GetBuilding), "Read a building"});
  router.Add(
      {"PATCH", "/api/buildings/{id}/", kOfficeStaff, bind(PatchBuilding), "Change a building"});
  router.Add({"DELETE", "/api/buildings/{id}/", kOfficeStaff, bind(RemoveBuilding),
              "Remove an empty building"});
  router.Add({"GET", "/api/apartments/", any, bind(ListApartments), "List apartments"});
  router.Add(
      {"POST", "/api/apartments/", kOfficeStaff, bind(CreateApartment), "Create an apartment"});
  router.Add({"GET", "/api/apartments/{id}/", any, bind(GetApartment), "Read an apartment"});
  router.Add({"PATCH", "/api/apartments/{id}/", kOfficeStaff, bind(PatchApartment),
              "Change an apartment"});
  router.Add({"DELETE", "/api/apartments/{id}/", kOfficeStaff, bind(RemoveApartment),
              "Remove an apartment without books"});
}

}  // namespace concierge::tenancy
