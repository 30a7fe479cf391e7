#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace concierge {

// One CSV cell of text: quoted when needed (RFC 4180), and neutralised
// against formula injection: a cell starting with = + - @ tab or carriage
// return gets a leading apostrophe so spreadsheets show it as text.
[[nodiscard]] std::string CsvText(std::string_view text);

// A cell that is a number written by us ("-150.00"): left as it is, so that
// spreadsheets keep it numeric.
[[nodiscard]] std::string CsvNumber(std::string_view number);

// Joins cells with commas and ends the line with CRLF.
[[nodiscard]] std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace concierge
