#pragma once

#include <cstdint>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "audit/model.hpp"
#include "core/clock.hpp"

namespace concierge::payments {

// Records an audit event about online charge `charge_id` on the caller's
// transaction, so it commits or rolls back with the change it describes.
void AuditCharge(soci::session& sql, const Clock& clock, const audit::Actor& actor,
                 std::int64_t tenant_id, std::int64_t building_id, std::int64_t charge_id,
                 const char* action, nlohmann::json detail);

}  // namespace concierge::payments
