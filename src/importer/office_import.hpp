#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace concierge::importer {

// One bad cell or row, located for a person fixing the spreadsheet.
struct ImportProblem {
  std::string file;    // "ledger.csv"
  long line = 0;       // physical line in the file, from 1 (the header is line 1)
  std::string column;  // header name of the offending column, or "" for the whole row
  std::string reason;

  // "ledger.csv:17:amount: at most two decimal places"
  [[nodiscard]] std::string ToString() const;
};

struct ImportSummary {
  std::int64_t tenant_id = 0;
  bool tenant_created = false;
  long buildings_created = 0;
  long buildings_updated = 0;
  long apartments_created = 0;
  long apartments_updated = 0;
  long entries_created = 0;
  long entries_unchanged = 0;  // references already imported
};

// Called now and then during a long import: phase name, rows done, rows in all.
using ImportProgress = std::function<void(const std::string& phase, long done, long total)>;

struct ImportOptions {
  std::string directory;    // holds buildings.csv, apartments.csv, ledger.csv
  std::string tenant_slug;  // created when it does not exist
  std::string tenant_name;  // used when the tenant is created; slug when empty
  ImportProgress progress;  // may be empty
};

// Outcome of an import: a summary, or every problem found (nothing written).
struct ImportOutcome {
  std::vector<ImportProblem> problems;
  ImportSummary summary;

  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Reads and validates all three files completely before writing anything;
// then writes everything in one transaction. Re-importing the same data
// changes nothing. Throws only on database failures.
[[nodiscard]] ImportOutcome ImportOffice(storage::Database& db, const ImportOptions& options);

}  // namespace concierge::importer
