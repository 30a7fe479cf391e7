#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace concierge::audit {

// Who did something and from where; carried from the HTTP layer (or the
// command line) into the services that record audit events.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string name = "system";  // the user's e-mail, "anonymous" or "system"
  std::string request_id;
  std::string client_address;
};

struct Event {
  std::int64_t id = 0;
  std::optional<std::int64_t> tenant_id;
  std::optional<std::int64_t> building_id;
  Actor actor;
  std::string action;       // "ledger.payment_recorded", "auth.login_failed", ...
  std::string target_type;  // "ledger_entry", "user", ...
  std::string target_id;
  // Small and never secret: no passwords, tokens or card data.
  nlohmann::json detail = nlohmann::json::object();
  std::string created_at;
};

}  // namespace concierge::audit
