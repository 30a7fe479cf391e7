#pragma once

// Checks the rows of the three files against each other and against what
// the database already holds (loaded into the plan first), and merges the
// good ones into the plan. Every problem goes to `problems`; the plan is
// only fit to write when there are none. Nothing here touches the database.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "importer/csv_reader.hpp"
#include "importer/plan.hpp"

namespace concierge::importer {

// Header and field-count checks shared by the three files. False (and a
// problem at line 1) when `header` is not exactly `expected`.
[[nodiscard]] bool CheckHeader(std::string_view file, std::span<const std::string_view> expected,
                               const std::vector<std::string>& header, ProblemList& problems);

// Each of these moves the text of the rows it accepts out of `table`.
void PlanBuildings(CsvTable& table, ImportPlan& plan, ProblemList& problems);

// After PlanBuildings: apartments may name buildings of the file or of the database.
void PlanApartments(CsvTable& table, ImportPlan& plan, ProblemList& problems);

// After PlanApartments: per building, each share category sums to 1000 over
// its apartments (those in the file and those only in the database), or is
// empty for all of them.
void CheckShareTotals(const ImportPlan& plan, ProblemList& problems);

// After PlanApartments. A reference the apartment already has in the
// database is skipped when its values match, and a problem when they differ.
void PlanLedger(CsvTable& table, ImportPlan& plan, ProblemList& problems,
                const ImportProgress& progress);

}  // namespace concierge::importer
