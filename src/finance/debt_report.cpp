#include "finance/debt_report.hpp"

#include "finance/allocation.hpp"
#include "finance/ledger_repository.hpp"
#include "finance/report_repository.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::finance {

namespace {

// Adds one apartment's aged open items to the report.
void AddApartment(DebtReport& report, const ReportApartment& apartment, Cents balance,
                  const std::vector<OpenItem>& items) {
  const Aging aging = AgeOpenItems(items, report.as_of);
  report.not_due += aging.not_due;
  if (aging.not_due > 0) {
    ++report.apartments_not_due;
  }
  for (std::size_t b = 0; b < aging.buckets.size(); ++b) {
    if (aging.buckets[b] > 0) {
      ++report.buckets[b].apartments;
      report.buckets[b].amount += aging.buckets[b];
    }
  }
  if (aging.overdue() > 0) {
    report.total_debt += aging.overdue();
    report.rows.push_back({apartment.apartment_id, apartment.building_id, apartment.building_code,
                           apartment.number, apartment.owner_name, balance, aging});
  }
}

}  // namespace

Result<std::shared_ptr<const DebtReport>> DebtReportService::Build(
    const Scope& scope, std::optional<std::int64_t> building_id, std::optional<Date> as_of) {
  return db_.Read([&](soci::session& sql) -> Result<std::shared_ptr<const DebtReport>> {
    std::string zone = "Europe/Athens";
    if (building_id) {
      auto building = tenancy::SelectBuilding(sql, scope, *building_id);
      if (!building) {
        return Fail(tenancy::BuildingNotFound());
      }
      zone = building->timezone;
    } else if (auto tenant = tenancy::FindTenant(sql, scope.tenant_id())) {
      zone = tenant->timezone;
    }
    const Date day = as_of.value_or(LocalDate(clock_.Now(), zone));

    // The version is read in the same snapshot the report would be built
    // from, so a cached report is exactly what building it now would give.
    const std::int64_t version = SelectBooksVersion(sql, scope);
    const std::string key = std::to_string(scope.tenant_id()) + "/" +
                            std::to_string(building_id.value_or(0)) + "/" + FormatDate(day) +
                            scope.BuildingFilter("b") + scope.ApartmentFilter("a");
    {
      std::lock_guard lock(cache_mutex_);
      const auto found = cache_.find(key);
      if (found != cache_.end() && found->second.version == version) {
        return found->second.report;
      }
    }

    CONCIERGE_TRY(computed, Compute(sql, scope, building_id, day));
    auto report = std::make_shared<const DebtReport>(std::move(*computed));
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= kCacheLimit) {
      cache_.clear();
    }
    cache_[key] = {version, report};
    return report;
  });
}

Result<DebtReport> DebtReportService::Compute(soci::session& sql, const Scope& scope,
                                              std::optional<std::int64_t> building_id, Date as_of) {
  DebtReport report;
  report.building_id = building_id;
  report.as_of = as_of;

  const auto currencies = SelectCurrencies(sql, scope, building_id);
  if (currencies.size() > 1) {
    return Fail(Error::Conflict("mixed_currencies",
                                "The buildings keep their books in different currencies; "
                                "ask for one building at a time."));
  }
  report.currency = currencies.empty() ? "" : currencies.front();

  const auto apartments = SelectReportApartments(sql, scope, building_id);
  std::vector<std::int64_t> replay;
  bool any_current = false;
  for (const auto& apartment : apartments) {
    if (apartment.last_entry_date > report.as_of) {
      replay.push_back(apartment.apartment_id);
    } else {
      any_current = true;
    }
  }
  const auto stored = any_current ? SelectOpenItems(sql, scope, building_id)
                                  : std::unordered_map<std::int64_t, std::vector<OpenItem>>{};
  const auto history = SelectEntriesUpTo(sql, scope, replay, report.as_of);

  static const std::vector<OpenItem> kNothingOpen;
  for (const auto& apartment : apartments) {
    if (apartment.last_entry_date <= report.as_of) {
      const auto found = stored.find(apartment.apartment_id);
      AddApartment(report, apartment, apartment.balance,
                   found == stored.end() ? kNothingOpen : found->second);
      continue;
    }
    const auto found = history.find(apartment.apartment_id);
    if (found == history.end()) {
      continue;
    }
    const Position position = ComputePosition(found->second, report.as_of);
    AddApartment(report, apartment, position.balance, position.open_items);
  }
  return report;
}

}  // namespace concierge::finance
