#include "payments/charge_audit.hpp"

#include <string>
#include <utility>

#include "audit/repository.hpp"

namespace concierge::payments {

void AuditCharge(soci::session& sql, const Clock& clock, const audit::Actor& actor,
                 std::int64_t tenant_id, std::int64_t building_id, std::int64_t charge_id,
                 const char* action, nlohmann::json detail) {
  audit::Event event;
  event.tenant_id = tenant_id;
  event.building_id = building_id;
  event.actor = actor;
  event.action = action;
  event.target_type = "online_charge";
  event.target_id = std::to_string(charge_id);
  event.detail = std::move(detail);
  audit::Append(sql, event, clock);
}

}  // namespace concierge::payments
