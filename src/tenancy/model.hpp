#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace concierge::tenancy {

// A management office.
struct Tenant {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string timezone = "Europe/Athens";
};

struct Building {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::string code;
  std::string name;
  std::string address;
  std::string city;
  std::string timezone = "Europe/Athens";
  std::string currency = "EUR";
};

// Per-mille ownership shares by expense category ("general" -> 25).
using Shares = std::map<std::string, int>;

struct Apartment {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::string number;
  int floor = 0;
  std::string owner_name;
  std::string owner_email;
  std::string occupant_name;
  Shares shares;
};

}  // namespace concierge::tenancy
