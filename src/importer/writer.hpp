#pragma once

#include <soci/soci.h>

#include "importer/plan.hpp"

namespace concierge::importer {

// Writes a validated plan on `sql`, inside the caller's transaction: creates
// the tenant when needed, upserts buildings and apartments (with their
// shares), inserts the new ledger entries and refreshes the stored position
// of every apartment that got one. Fills in the ids of what it creates.
// Precondition: validating the plan found no problem. Throws soci_error.
[[nodiscard]] ImportSummary WritePlan(soci::session& sql, ImportPlan& plan,
                                      const ImportOptions& options);

}  // namespace concierge::importer
