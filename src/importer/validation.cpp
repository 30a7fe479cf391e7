#include "importer/validation.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "tenancy/validation.hpp"

namespace concierge::importer {

namespace {

using finance::EntryKind;

constexpr std::size_t kMaxDescriptionCharacters = 500;
constexpr long kSharesTotal = 1000;

template <typename Names>
std::string Join(const Names& names) {
  std::string text;
  for (const auto& name : names) {
    text += (text.empty() ? "" : ",") + std::string(name);
  }
  return text;
}

// The tenancy and core checks write sentences for the API ("An amount is
// written like 123.45."); in a list of problems the lowercase style of the
// importer's own reasons reads better.
std::string AsReason(std::string detail) {
  if (!detail.empty() && detail.back() == '.') {
    detail.pop_back();
  }
  if (!detail.empty() && detail.front() >= 'A' && detail.front() <= 'Z') {
    detail.front() = static_cast<char>(detail.front() - 'A' + 'a');
  }
  return detail;
}

// One data row of the file `Csv` describes. A column gets at most one
// problem: the first one found is the one worth fixing.
template <typename Csv>
class Row {
 public:
  using Column = typename Csv::Column;

  Row(CsvRecord& record, ProblemList& problems) : record_(record), problems_(problems) {}

  [[nodiscard]] std::string& operator[](Column column) { return record_.fields[column]; }
  [[nodiscard]] long line() const { return record_.line; }
  [[nodiscard]] bool failed() const { return failed_columns_ != 0; }

  void Fail(Column column, std::string reason) {
    const unsigned bit = 1u << column;
    if ((failed_columns_ & bit) != 0) {
      return;
    }
    failed_columns_ |= bit;
    problems_.Add(Csv::kFile, record_.line, Csv::kHeader[column], std::move(reason));
  }

 private:
  CsvRecord& record_;
  ProblemList& problems_;
  unsigned failed_columns_ = 0;
};

// False, and a problem naming the row, when a record is short or long:
// its cells cannot be trusted to be in their columns.
template <typename Csv>
bool HasAllFields(const CsvRecord& record, ProblemList& problems) {
  if (record.fields.size() == Csv::kHeader.size()) {
    return true;
  }
  problems.Add(Csv::kFile, record.line, "",
               "expected " + std::to_string(Csv::kHeader.size()) + " fields, found " +
                   std::to_string(record.fields.size()));
  return false;
}

// Puts the field errors of a tenancy validation on the columns they concern.
template <typename Csv, typename ColumnOf>
void ReportFieldErrors(Row<Csv>& row, const Status& status, ColumnOf column_of) {
  if (status) {
    return;
  }
  for (const auto& [field, message] : status.error().fields) {
    row.Fail(column_of(field), AsReason(message));
  }
}

std::optional<int> ParseWholeNumber(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) {
    return std::nullopt;
  }
  return value;
}

// Stricter than tenancy::ValidateApartment, which only wants an '@'.
bool IsPlausibleEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
    return false;
  }
  return std::none_of(email.begin(), email.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// Characters, not bytes: the reader has already checked the text is UTF-8.
std::size_t CountCharacters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

template <typename Csv>
std::optional<std::size_t> FindBuilding(Row<Csv>& row, const ImportPlan& plan) {
  const std::string& code = row[Csv::kBuildingCode];
  if (code.empty()) {
    row.Fail(Csv::kBuildingCode, "a building code is required");
    return std::nullopt;
  }
  const auto found = plan.building_codes.find(code);
  if (found == plan.building_codes.end()) {
    row.Fail(Csv::kBuildingCode,
             "unknown building " + code + ": it is neither in buildings.csv nor in the office");
    return std::nullopt;
  }
  return found->second;
}

// ---- buildings.csv ----

BuildingsCsv::Column BuildingColumnOf(const std::string& field) {
  static const std::map<std::string, BuildingsCsv::Column> kColumns = {
      {"code", BuildingsCsv::kCode},         {"name", BuildingsCsv::kName},
      {"address", BuildingsCsv::kAddress},   {"city", BuildingsCsv::kCity},
      {"timezone", BuildingsCsv::kTimezone}, {"currency", BuildingsCsv::kCurrency}};
  const auto found = kColumns.find(field);
  return found == kColumns.end() ? BuildingsCsv::kCode : found->second;
}

tenancy::Building BuildingFrom(Row<BuildingsCsv>& row) {
  tenancy::Building building;
  building.code = std::move(row[BuildingsCsv::kCode]);
  building.name = std::move(row[BuildingsCsv::kName]);
  building.address = std::move(row[BuildingsCsv::kAddress]);
  building.city = std::move(row[BuildingsCsv::kCity]);
  building.timezone = std::move(row[BuildingsCsv::kTimezone]);
  building.currency = std::move(row[BuildingsCsv::kCurrency]);
  return building;
}

bool SameBuilding(const tenancy::Building& a, const tenancy::Building& b) {
  return a.name == b.name && a.address == b.address && a.city == b.city &&
         a.timezone == b.timezone && a.currency == b.currency;
}

// Adds a new building to the plan, or the file's values to one the office has.
void MergeBuilding(tenancy::Building building, Row<BuildingsCsv>& row, ImportPlan& plan) {
  const auto known = plan.building_codes.find(building.code);
  if (known == plan.building_codes.end()) {
    plan.building_codes.emplace(building.code, plan.buildings.size());
    BuildingPlan added;
    added.building = std::move(building);
    added.line = row.line();
    plan.buildings.push_back(std::move(added));
    return;
  }

  BuildingPlan& planned = plan.buildings[known->second];
  if (planned.line != 0) {
    row.Fail(BuildingsCsv::kCode, "building " + building.code + " already appears on line " +
                                      std::to_string(planned.line));
    return;
  }
  // Amounts carry no currency of their own: switching would relabel the books.
  if (planned.has_entries && planned.building.currency != building.currency) {
    row.Fail(BuildingsCsv::kCurrency, "building " + building.code + " keeps its books in " +
                                          planned.building.currency +
                                          " and has ledger entries: its currency cannot change");
  }
  building.id = planned.building.id;
  building.tenant_id = planned.building.tenant_id;
  planned.changed = !SameBuilding(planned.building, building);
  planned.building = std::move(building);
  planned.line = row.line();
}

// ---- apartments.csv ----

std::string ShareCategory(ApartmentsCsv::Column column) {
  return std::string(ApartmentsCsv::kHeader[column].substr(ApartmentsCsv::kSharePrefix.size()));
}

ApartmentsCsv::Column ApartmentColumnOf(const std::string& field) {
  if (field == "number") {
    return ApartmentsCsv::kNumber;
  }
  if (field == "floor") {
    return ApartmentsCsv::kFloor;
  }
  if (field == "owner_email") {
    return ApartmentsCsv::kOwnerEmail;
  }
  if (field == "owner_name") {
    return ApartmentsCsv::kOwnerName;
  }
  if (field == "occupant_name") {
    return ApartmentsCsv::kOccupantName;
  }
  return ApartmentsCsv::kSharesGeneral;
}

tenancy::Apartment ApartmentFrom(Row<ApartmentsCsv>& row) {
  tenancy::Apartment apartment;
  apartment.number = std::move(row[ApartmentsCsv::kNumber]);
  apartment.owner_name = std::move(row[ApartmentsCsv::kOwnerName]);
  apartment.owner_email = std::move(row[ApartmentsCsv::kOwnerEmail]);
  apartment.occupant_name = std::move(row[ApartmentsCsv::kOccupantName]);
  if (const auto floor = ParseWholeNumber(row[ApartmentsCsv::kFloor])) {
    apartment.floor = *floor;
  } else {
    row.Fail(ApartmentsCsv::kFloor, "the floor is a whole number, like 3 or -1");
  }
  return apartment;
}

// Fills `shares` from the share cells; returns the categories whose cell
// could not be read.
std::vector<std::string> ReadShares(Row<ApartmentsCsv>& row, tenancy::Shares& shares) {
  std::vector<std::string> unreadable;
  for (const ApartmentsCsv::Column column : ApartmentsCsv::kShareColumns) {
    const std::string& cell = row[column];
    if (cell.empty()) {
      continue;
    }
    const auto per_mille = ParseWholeNumber(cell);
    if (!per_mille || *per_mille < 0 || *per_mille > kSharesTotal) {
      row.Fail(column, "a share is a whole number of per mille from 0 to 1000, or empty");
      unreadable.push_back(ShareCategory(column));
      continue;
    }
    shares[ShareCategory(column)] = *per_mille;
  }
  return unreadable;
}

void CheckApartmentFields(Row<ApartmentsCsv>& row, const tenancy::Apartment& apartment) {
  if (!apartment.owner_email.empty() && !IsPlausibleEmail(apartment.owner_email)) {
    row.Fail(ApartmentsCsv::kOwnerEmail, "not an e-mail address");
  }
  ReportFieldErrors(row, tenancy::ValidateApartment(apartment),
                    [](const std::string& field) { return ApartmentColumnOf(field); });
}

bool SameApartment(const tenancy::Apartment& a, const tenancy::Apartment& b) {
  return a.floor == b.floor && a.owner_name == b.owner_name && a.owner_email == b.owner_email &&
         a.occupant_name == b.occupant_name && a.shares == b.shares;
}

// Adds a new apartment to the plan, or the file's values to one the office has.
void MergeApartment(tenancy::Apartment apartment, std::size_t building, Row<ApartmentsCsv>& row,
                    ImportPlan& plan) {
  BuildingPlan& owner = plan.buildings[building];
  const auto known = owner.apartments.find(apartment.number);
  if (known == owner.apartments.end()) {
    owner.apartments.emplace(apartment.number, plan.apartments.size());
    ApartmentPlan added;
    added.building = building;
    added.apartment = std::move(apartment);
    added.line = row.line();
    plan.apartments.push_back(std::move(added));
    return;
  }

  ApartmentPlan& planned = plan.apartments[known->second];
  if (planned.line != 0) {
    row.Fail(ApartmentsCsv::kNumber, "apartment " + apartment.number + " of building " +
                                         owner.building.code + " already appears on line " +
                                         std::to_string(planned.line));
    return;
  }
  apartment.id = planned.apartment.id;
  apartment.tenant_id = planned.apartment.tenant_id;
  apartment.building_id = planned.apartment.building_id;
  planned.changed = !SameApartment(planned.apartment, apartment);
  planned.apartment = std::move(apartment);
  planned.line = row.line();
}

void CheckCategoryTotal(const ImportPlan& plan, const BuildingPlan& building,
                        ApartmentsCsv::Column column, ProblemList& problems) {
  const std::string category = ShareCategory(column);
  long filled = 0;
  long sum = 0;
  for (const auto& [number, index] : building.apartments) {
    const tenancy::Shares& shares = plan.apartments[index].apartment.shares;
    if (const auto found = shares.find(category); found != shares.end()) {
      ++filled;
      sum += found->second;
    }
  }

  const auto count = static_cast<long>(building.apartments.size());
  const std::string name = std::string(ApartmentsCsv::kHeader[column]);
  const std::string of_building = name + " of building " + building.building.code;
  if (filled == 0) {
    return;
  }
  if (filled < count) {
    problems.Add(ApartmentsCsv::kFile, building.first_apartment_line, name,
                 of_building + " is empty for " + std::to_string(count - filled) + " of its " +
                     std::to_string(count) + " apartments: fill it for all of them or none");
  } else if (sum != kSharesTotal) {
    problems.Add(ApartmentsCsv::kFile, building.first_apartment_line, name,
                 of_building + " adds up to " + std::to_string(sum) + " per mille, not 1000");
  }
}

// ---- ledger.csv ----

std::optional<std::size_t> FindApartment(Row<LedgerCsv>& row, const ImportPlan& plan) {
  const auto building = FindBuilding(row, plan);
  if (!building) {
    return std::nullopt;
  }
  const std::string& number = row[LedgerCsv::kNumber];
  if (number.empty()) {
    row.Fail(LedgerCsv::kNumber, "an apartment number is required");
    return std::nullopt;
  }
  const BuildingPlan& owner = plan.buildings[*building];
  const auto found = owner.apartments.find(number);
  if (found == owner.apartments.end()) {
    row.Fail(LedgerCsv::kNumber, "building " + owner.building.code + " has no apartment " + number +
                                     " in apartments.csv or in the office");
    return std::nullopt;
  }
  return found->second;
}

// A reference names one entry of an apartment, in the file as in the database.
void NoteReference(Row<LedgerCsv>& row, ApartmentPlan& apartment) {
  const std::string& reference = row[LedgerCsv::kReference];
  if (reference.empty()) {
    return;  // ReadEntry reports it
  }
  const auto [first, fresh] = apartment.file_references.emplace(reference, row.line());
  if (!fresh) {
    row.Fail(LedgerCsv::kReference, "reference " + reference +
                                        " already appears for this apartment on line " +
                                        std::to_string(first->second));
  }
}

std::optional<EntryKind> ReadKind(Row<LedgerCsv>& row) {
  const std::string& kind = row[LedgerCsv::kKind];
  if (kind == "charge") {
    return EntryKind::kCharge;
  }
  if (kind == "payment") {
    return EntryKind::kPayment;
  }
  row.Fail(LedgerCsv::kKind, "the kind is charge or payment");
  return std::nullopt;
}

std::optional<Date> ReadEntryDate(Row<LedgerCsv>& row) {
  const auto date = ParseDate(row[LedgerCsv::kEntryDate]);
  if (!date) {
    row.Fail(LedgerCsv::kEntryDate, AsReason(date.error().detail));
    return std::nullopt;
  }
  return *date;
}

// Positive in the file; stored signed, payments negative.
Cents ReadAmount(Row<LedgerCsv>& row, std::optional<EntryKind> kind) {
  const auto amount = ParseAmount(row[LedgerCsv::kAmount]);
  if (!amount) {
    row.Fail(LedgerCsv::kAmount, AsReason(amount.error().detail));
    return 0;
  }
  if (*amount == 0) {
    row.Fail(LedgerCsv::kAmount, "the amount must be more than zero");
    return 0;
  }
  return kind == EntryKind::kPayment ? -*amount : *amount;
}

std::optional<Date> ReadDueDate(Row<LedgerCsv>& row, std::optional<EntryKind> kind,
                                std::optional<Date> entry_date) {
  const std::string& text = row[LedgerCsv::kDueDate];
  if (text.empty()) {
    if (kind == EntryKind::kCharge) {
      row.Fail(LedgerCsv::kDueDate, "a charge needs a due date");
    }
    return std::nullopt;
  }
  if (kind == EntryKind::kPayment) {
    row.Fail(LedgerCsv::kDueDate, "a payment has no due date: leave it empty");
    return std::nullopt;
  }

  const auto due = ParseDate(text);
  if (!due) {
    row.Fail(LedgerCsv::kDueDate, AsReason(due.error().detail));
    return std::nullopt;
  }
  if (entry_date && *due < *entry_date) {
    row.Fail(LedgerCsv::kDueDate, "the due date is before the entry date");
  }
  return *due;
}

// The row as an entry, or nothing when any of its cells has a problem.
std::optional<NewEntry> ReadEntry(Row<LedgerCsv>& row) {
  NewEntry entry;
  const std::optional<EntryKind> kind = ReadKind(row);
  const std::optional<Date> entry_date = ReadEntryDate(row);
  entry.amount = ReadAmount(row, kind);
  entry.due_date = ReadDueDate(row, kind, entry_date);
  if (CountCharacters(row[LedgerCsv::kDescription]) > kMaxDescriptionCharacters) {
    row.Fail(LedgerCsv::kDescription, "at most 500 characters");
  }
  if (row[LedgerCsv::kReference].empty()) {
    row.Fail(LedgerCsv::kReference,
             "a reference is required: it is what lets a second import skip the entry");
  }
  if (row.failed()) {
    return std::nullopt;
  }

  entry.kind = *kind;
  entry.entry_date = *entry_date;
  entry.description = std::move(row[LedgerCsv::kDescription]);
  entry.reference = std::move(row[LedgerCsv::kReference]);
  return entry;
}

bool SameValues(const StoredEntry& stored, const NewEntry& entry) {
  return stored.kind == entry.kind && stored.entry_date == entry.entry_date &&
         stored.amount == entry.amount && stored.due_date == entry.due_date;
}

// New entries join the plan; a reference the database already has is
// skipped when it holds the same entry, and refused when it does not.
void AddEntry(NewEntry entry, Row<LedgerCsv>& row, ImportPlan& plan) {
  ApartmentPlan& apartment = plan.apartments[entry.apartment];
  const auto stored = apartment.stored_references.find(entry.reference);
  if (stored == apartment.stored_references.end()) {
    apartment.gets_entries = true;
    plan.entries.push_back(std::move(entry));
    return;
  }
  if (SameValues(stored->second, entry)) {
    ++plan.entries_unchanged;
    return;
  }
  row.Fail(LedgerCsv::kReference,
           "reference " + entry.reference + " was imported before with different values");
}

}  // namespace

bool CheckHeader(std::string_view file, std::span<const std::string_view> expected,
                 const std::vector<std::string>& header, ProblemList& problems) {
  if (std::equal(expected.begin(), expected.end(), header.begin(), header.end())) {
    return true;
  }
  const std::string wanted = Join(expected);
  problems.Add(file, 1, "",
               header.empty()
                   ? "the file is empty: it must start with the header " + wanted
                   : "the header must be exactly " + wanted + " (found " + Join(header) + ")");
  return false;
}

void PlanBuildings(CsvTable& table, ImportPlan& plan, ProblemList& problems) {
  for (CsvRecord& record : table.records) {
    if (!HasAllFields<BuildingsCsv>(record, problems)) {
      continue;
    }
    Row<BuildingsCsv> row(record, problems);
    tenancy::Building building = BuildingFrom(row);
    ReportFieldErrors(row, tenancy::ValidateBuilding(building), BuildingColumnOf);

    // Kept even when other cells are wrong, so that its apartments and
    // entries are not all reported as belonging to an unknown building.
    if (!building.code.empty()) {
      MergeBuilding(std::move(building), row, plan);
    }
  }
}

void PlanApartments(CsvTable& table, ImportPlan& plan, ProblemList& problems) {
  for (CsvRecord& record : table.records) {
    if (!HasAllFields<ApartmentsCsv>(record, problems)) {
      continue;
    }
    Row<ApartmentsCsv> row(record, problems);
    const std::optional<std::size_t> building = FindBuilding(row, plan);
    tenancy::Apartment apartment = ApartmentFrom(row);
    const std::vector<std::string> unreadable = ReadShares(row, apartment.shares);
    CheckApartmentFields(row, apartment);
    if (!building || apartment.number.empty()) {
      continue;
    }

    BuildingPlan& owner = plan.buildings[*building];
    owner.unreadable_share_categories.insert(owner.unreadable_share_categories.end(),
                                             unreadable.begin(), unreadable.end());
    if (owner.first_apartment_line == 0) {
      owner.first_apartment_line = row.line();
    }
    MergeApartment(std::move(apartment), *building, row, plan);
  }
}

void CheckShareTotals(const ImportPlan& plan, ProblemList& problems) {
  for (const BuildingPlan& building : plan.buildings) {
    if (building.first_apartment_line == 0) {
      continue;  // the files leave this building's apartments as they are
    }
    for (const ApartmentsCsv::Column column : ApartmentsCsv::kShareColumns) {
      const auto& unreadable = building.unreadable_share_categories;
      if (std::find(unreadable.begin(), unreadable.end(), ShareCategory(column)) ==
          unreadable.end()) {
        CheckCategoryTotal(plan, building, column, problems);
      }
    }
  }
}

void PlanLedger(CsvTable& table, ImportPlan& plan, ProblemList& problems,
                const ImportProgress& progress) {
  const auto total = static_cast<long>(table.records.size());
  const ProgressReporter reporter(progress, "validating ledger", total, kProgressEveryRows);
  reporter.At(0);
  long done = 0;
  for (CsvRecord& record : table.records) {
    reporter.At(++done);
    if (!HasAllFields<LedgerCsv>(record, problems)) {
      continue;
    }
    Row<LedgerCsv> row(record, problems);
    const std::optional<std::size_t> apartment = FindApartment(row, plan);
    if (apartment) {
      NoteReference(row, plan.apartments[*apartment]);
    }
    // ReadEntry refuses a row with any problem, an unknown apartment included.
    std::optional<NewEntry> entry = ReadEntry(row);
    if (!entry) {
      continue;
    }
    entry->apartment = *apartment;
    AddEntry(std::move(*entry), row, plan);
  }
}

}  // namespace concierge::importer
