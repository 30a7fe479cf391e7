#include "importer/office_import.hpp"

#include <filesystem>
#include <limits>
#include <system_error>
#include <unordered_map>

#include "accounts/scope_factory.hpp"
#include "importer/csv_reader.hpp"
#include "importer/plan.hpp"
#include "importer/repository.hpp"
#include "importer/validation.hpp"
#include "importer/writer.hpp"
#include "tenancy/repository.hpp"

namespace concierge::importer {

namespace {

struct SourceFiles {
  CsvTable buildings;
  CsvTable apartments;
  CsvTable ledger;
};

// One of the three files, or an empty table and a problem.
template <typename Csv>
CsvTable ReadSource(const std::filesystem::path& directory, ProblemList& problems) {
  const std::filesystem::path path = directory / Csv::kFile;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    problems.Add(Csv::kFile, 0, "", "the file is missing from " + directory.string());
    return {};
  }

  auto table = ReadCsvFile(path.string());
  if (!table) {
    problems.Add(Csv::kFile, table.error().line, "", table.error().reason);
    return {};
  }
  if (!CheckHeader(Csv::kFile, Csv::kHeader, table->header, problems)) {
    return {};
  }
  return std::move(*table);
}

SourceFiles ReadSources(const std::string& directory, ProblemList& problems) {
  SourceFiles files;
  files.buildings = ReadSource<BuildingsCsv>(directory, problems);
  files.apartments = ReadSource<ApartmentsCsv>(directory, problems);
  files.ledger = ReadSource<LedgerCsv>(directory, problems);
  return files;
}

void LoadBuildings(soci::session& sql, const Scope& scope, ImportPlan& plan) {
  const auto with_entries = SelectBuildingsWithEntries(sql, scope);
  for (tenancy::Building& building : tenancy::SelectBuildings(sql, scope)) {
    BuildingPlan stored;
    stored.has_entries = with_entries.contains(building.id);
    stored.building = std::move(building);
    plan.building_codes.emplace(stored.building.code, plan.buildings.size());
    plan.buildings.push_back(std::move(stored));
  }
}

// Returns the plan index of each apartment, by its id.
std::unordered_map<std::int64_t, std::size_t> LoadApartments(soci::session& sql, const Scope& scope,
                                                             ImportPlan& plan) {
  std::unordered_map<std::int64_t, std::size_t> building_index;
  for (std::size_t i = 0; i < plan.buildings.size(); ++i) {
    building_index.emplace(plan.buildings[i].building.id, i);
  }

  tenancy::ApartmentFilter every;
  every.limit = std::numeric_limits<std::int64_t>::max();
  std::unordered_map<std::int64_t, std::size_t> apartment_index;
  for (tenancy::Apartment& apartment : tenancy::SelectApartments(sql, scope, every)) {
    const auto building = building_index.find(apartment.building_id);
    if (building == building_index.end()) {
      continue;  // filed under another office's building: not ours to touch
    }
    ApartmentPlan stored;
    stored.building = building->second;
    stored.apartment = std::move(apartment);
    const std::size_t index = plan.apartments.size();
    plan.buildings[stored.building].apartments.emplace(stored.apartment.number, index);
    apartment_index.emplace(stored.apartment.id, index);
    plan.apartments.push_back(std::move(stored));
  }
  return apartment_index;
}

// What the office already holds, for the files to be checked against.
ImportPlan LoadOffice(soci::session& sql, const std::string& tenant_slug) {
  ImportPlan plan;
  plan.tenant = tenancy::FindTenantBySlug(sql, tenant_slug);
  if (!plan.tenant) {
    return plan;
  }

  const Scope scope = accounts::ScopeFactory::ForOperator(plan.tenant->id);
  LoadBuildings(sql, scope, plan);
  const auto apartment_index = LoadApartments(sql, scope, plan);
  ForEachReferencedEntry(
      sql, scope,
      [&](std::int64_t apartment_id, const std::string& reference, const StoredEntry& entry) {
        // Left out, an entry's reference would still be guarded by the
        // UNIQUE index: the insert would fail and roll back.
        const auto index = apartment_index.find(apartment_id);
        if (index != apartment_index.end()) {
          plan.apartments[index->second].stored_references.emplace(reference, entry);
        }
      });
  return plan;
}

void Validate(SourceFiles& files, ImportPlan& plan, ProblemList& problems,
              const ImportProgress& progress) {
  PlanBuildings(files.buildings, plan, problems);
  PlanApartments(files.apartments, plan, problems);
  CheckShareTotals(plan, problems);
  PlanLedger(files.ledger, plan, problems, progress);
}

ImportOutcome Refused(ProblemList& problems, const std::optional<tenancy::Tenant>& tenant) {
  ImportOutcome outcome;
  outcome.problems = problems.Take();
  outcome.summary.tenant_id = tenant ? tenant->id : 0;
  return outcome;
}

}  // namespace

void ProblemList::Add(std::string_view file, long line, std::string_view column,
                      std::string reason) {
  if (problems_.size() >= kMaxProblems) {
    ++unlisted_;
    return;
  }
  problems_.push_back({std::string(file), line, std::string(column), std::move(reason)});
}

std::vector<ImportProblem> ProblemList::Take() {
  std::vector<ImportProblem> problems = std::move(problems_);
  if (unlisted_ > 0) {
    problems.push_back({"", 0, "",
                        "and " + std::to_string(unlisted_) +
                            " more problems not listed: fix these and import again"});
  }
  problems_.clear();
  unlisted_ = 0;
  return problems;
}

std::string ImportProblem::ToString() const {
  std::string text = file;
  if (line > 0) {
    text += ":" + std::to_string(line);
  }
  if (!column.empty()) {
    text += ":" + column;
  }
  return text.empty() ? reason : text + ": " + reason;
}

ImportOutcome ImportOffice(storage::Database& db, const ImportOptions& options) {
  ProblemList problems;
  if (options.tenant_slug.empty()) {
    problems.Add("", 0, "", "the office's slug is required");
  }
  SourceFiles files = ReadSources(options.directory, problems);
  if (!problems.empty()) {
    return Refused(problems, std::nullopt);
  }

  // The checks against the office's current data run under the write lock,
  // so nothing can change between them and the writes.
  return db.Write([&](soci::session& sql) -> ImportOutcome {
    ImportPlan plan = LoadOffice(sql, options.tenant_slug);
    Validate(files, plan, problems, options.progress);
    if (!problems.empty()) {
      return Refused(problems, plan.tenant);  // nothing was written: the commit is empty
    }

    ImportOutcome outcome;
    outcome.summary = WritePlan(sql, plan, options);
    return outcome;
  });
}

}  // namespace concierge::importer
