#include "importer/writer.hpp"

#include "accounts/scope_factory.hpp"
#include "finance/ledger_repository.hpp"
#include "importer/repository.hpp"
#include "tenancy/repository.hpp"

namespace concierge::importer {

namespace {

// Refreshing one apartment reads its whole history (about a hundred rows in
// a typical office), so this phase reports more often than the others.
constexpr long kProgressEveryApartments = 1'000;

tenancy::Tenant EnsureTenant(soci::session& sql, const ImportPlan& plan,
                             const ImportOptions& options, ImportSummary& summary) {
  if (plan.tenant) {
    return *plan.tenant;
  }
  tenancy::Tenant tenant;
  tenant.slug = options.tenant_slug;
  tenant.name = options.tenant_name.empty() ? options.tenant_slug : options.tenant_name;
  summary.tenant_created = true;
  return tenancy::InsertTenant(sql, std::move(tenant));
}

void WriteBuildings(soci::session& sql, const Scope& scope, ImportPlan& plan,
                    ImportSummary& summary) {
  for (BuildingPlan& planned : plan.buildings) {
    tenancy::Building& building = planned.building;
    if (building.id == 0) {
      building.id = tenancy::InsertBuilding(sql, scope, building);
      ++summary.buildings_created;
    } else if (planned.changed) {
      tenancy::UpdateBuilding(sql, scope, building);
      ++summary.buildings_updated;
    }
  }
}

// InsertApartment and UpdateApartment both store the shares through
// tenancy::ReplaceShares, so an apartment's categories are the file's.
void WriteApartments(soci::session& sql, const Scope& scope, ImportPlan& plan,
                     ImportSummary& summary) {
  for (ApartmentPlan& planned : plan.apartments) {
    tenancy::Apartment& apartment = planned.apartment;
    apartment.building_id = plan.buildings[planned.building].building.id;
    if (apartment.id == 0) {
      apartment.id = tenancy::InsertApartment(sql, scope, apartment);
      ++summary.apartments_created;
    } else if (planned.changed) {
      tenancy::UpdateApartment(sql, scope, apartment);
      ++summary.apartments_updated;
    }
  }
}

void WriteEntries(soci::session& sql, const Scope& scope, const ImportPlan& plan,
                  const ImportProgress& progress, ImportSummary& summary) {
  const auto total = static_cast<long>(plan.entries.size());
  const ProgressReporter reporter(progress, "writing ledger", total, kProgressEveryRows);
  reporter.At(0);

  EntryInserter inserter(sql, scope);
  long done = 0;
  for (const NewEntry& entry : plan.entries) {
    const tenancy::Apartment& apartment = plan.apartments[entry.apartment].apartment;
    inserter.Insert(apartment.building_id, apartment.id, entry);
    reporter.At(++done);
  }
  summary.entries_created = done;
}

// The debt report reads the stored positions, so they must include the new
// entries before the transaction commits.
void RefreshBalances(soci::session& sql, const Scope& scope, const ImportPlan& plan,
                     const ImportProgress& progress) {
  std::vector<const tenancy::Apartment*> touched;
  for (const ApartmentPlan& planned : plan.apartments) {
    if (planned.gets_entries) {
      touched.push_back(&planned.apartment);
    }
  }

  const auto total = static_cast<long>(touched.size());
  const ProgressReporter reporter(progress, "refreshing balances", total, kProgressEveryApartments);
  reporter.At(0);
  long done = 0;
  for (const tenancy::Apartment* apartment : touched) {
    finance::RefreshPosition(sql, scope, apartment->building_id, apartment->id);
    reporter.At(++done);
  }
}

}  // namespace

ImportSummary WritePlan(soci::session& sql, ImportPlan& plan, const ImportOptions& options) {
  ImportSummary summary;
  const tenancy::Tenant tenant = EnsureTenant(sql, plan, options, summary);
  summary.tenant_id = tenant.id;
  const Scope scope = accounts::ScopeFactory::ForOperator(tenant.id);

  WriteBuildings(sql, scope, plan, summary);
  WriteApartments(sql, scope, plan, summary);
  WriteEntries(sql, scope, plan, options.progress, summary);
  RefreshBalances(sql, scope, plan, options.progress);

  summary.entries_unchanged = plan.entries_unchanged;
  return summary;
}

}  // namespace concierge::importer
