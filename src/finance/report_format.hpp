#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "finance/debt_report.hpp"

namespace concierge::finance {

// The JSON answer of DESIGN.md's debt report.
[[nodiscard]] nlohmann::json DebtReportJson(const DebtReport& report);

// One header row and one row per indebted apartment; text cells are
// neutralised against formula injection, amounts stay numbers.
[[nodiscard]] std::string DebtReportCsv(const DebtReport& report);

}  // namespace concierge::finance
