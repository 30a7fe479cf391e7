#pragma once

// Private to the importer: the CSV layouts of DESIGN.md ("Import format"),
// the list of problems, and the validated plan of what an import will write.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "finance/model.hpp"
#include "importer/office_import.hpp"
#include "tenancy/model.hpp"

namespace concierge::importer {

struct BuildingsCsv {
  static constexpr std::string_view kFile = "buildings.csv";
  static constexpr std::array<std::string_view, 6> kHeader = {
      "building_code", "name", "address", "city", "timezone", "currency"};
  enum Column { kCode, kName, kAddress, kCity, kTimezone, kCurrency };
};

struct ApartmentsCsv {
  static constexpr std::string_view kFile = "apartments.csv";
  static constexpr std::array<std::string_view, 9> kHeader = {
      "building_code", "apartment_number", "floor",           "owner_name",    "owner_email",
      "occupant_name", "shares_general",   "shares_elevator", "shares_heating"};
  enum Column {
    kBuildingCode,
    kNumber,
    kFloor,
    kOwnerName,
    kOwnerEmail,
    kOccupantName,
    kSharesGeneral,
    kSharesElevator,
    kSharesHeating
  };
  // The share columns, in header order; the category is the name after "shares_".
  static constexpr std::array<Column, 3> kShareColumns = {kSharesGeneral, kSharesElevator,
                                                          kSharesHeating};
  static constexpr std::string_view kSharePrefix = "shares_";
};

struct LedgerCsv {
  static constexpr std::string_view kFile = "ledger.csv";
  static constexpr std::array<std::string_view, 8> kHeader = {
      "building_code", "apartment_number", "entry_date",  "kind",
      "amount",        "due_date",         "description", "reference"};
  enum Column {
    kBuildingCode,
    kNumber,
    kEntryDate,
    kKind,
    kAmount,
    kDueDate,
    kDescription,
    kReference
  };
};

// Every problem found, in the order found, up to kMaxProblems: past a few
// hundred a person fixes the file's generator, not the rows one by one.
class ProblemList {
 public:
  static constexpr std::size_t kMaxProblems = 200;

  void Add(std::string_view file, long line, std::string_view column, std::string reason);
  [[nodiscard]] bool empty() const { return problems_.empty(); }
  // The problems, plus a last line saying how many more were not listed.
  [[nodiscard]] std::vector<ImportProblem> Take();

 private:
  std::vector<ImportProblem> problems_;
  long unlisted_ = 0;
};

// A ledger entry already in the database under a reference.
struct StoredEntry {
  finance::EntryKind kind = finance::EntryKind::kCharge;
  Date entry_date{};
  std::optional<Date> due_date;
  Cents amount = 0;  // signed as stored: payments negative
};

struct BuildingPlan {
  tenancy::Building building;  // id != 0 when the database has it
  bool has_entries = false;    // in the database
  long line = 0;               // in buildings.csv; 0 when not in the file
  long first_apartment_line = 0;
  bool changed = false;  // the file's values differ from the database's
  // Categories with an unreadable share cell: their totals are not checked.
  std::vector<std::string> unreadable_share_categories;
  std::unordered_map<std::string, std::size_t> apartments;  // number -> ImportPlan::apartments
};

struct ApartmentPlan {
  std::size_t building = 0;      // index into ImportPlan::buildings
  tenancy::Apartment apartment;  // id != 0 when the database has it
  long line = 0;                 // in apartments.csv; 0 when not in the file
  bool changed = false;
  bool gets_entries = false;
  std::unordered_map<std::string, long> file_references;  // reference -> ledger.csv line
  std::unordered_map<std::string, StoredEntry> stored_references;
};

// A ledger row that will be inserted. `amount` is signed as stored.
struct NewEntry {
  std::size_t apartment = 0;  // index into ImportPlan::apartments
  finance::EntryKind kind = finance::EntryKind::kCharge;
  Date entry_date{};
  std::optional<Date> due_date;
  Cents amount = 0;
  std::string description;
  std::string reference;
};

// What the database holds for the office, merged with the files: after a
// clean validation, exactly what the import will write.
struct ImportPlan {
  std::optional<tenancy::Tenant> tenant;
  std::vector<BuildingPlan> buildings;
  std::unordered_map<std::string, std::size_t> building_codes;  // code -> buildings
  std::vector<ApartmentPlan> apartments;
  std::vector<NewEntry> entries;
  long entries_unchanged = 0;
};

// Calls ImportOptions::progress now and then during one phase.
class ProgressReporter {
 public:
  ProgressReporter(const ImportProgress& progress, std::string phase, long total, long every)
      : progress_(progress), phase_(std::move(phase)), total_(total), every_(every) {}

  // Reports when `done` is a multiple of the interval, and at the end.
  void At(long done) const {
    if (progress_ && (done % every_ == 0 || done == total_)) {
      progress_(phase_, done, total_);
    }
  }

 private:
  const ImportProgress& progress_;
  std::string phase_;
  long total_;
  long every_;
};

inline constexpr long kProgressEveryRows = 10'000;

}  // namespace concierge::importer
