#include "storage/rows.hpp"

namespace concierge::storage {

std::int64_t Int(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) {
    return 0;
  }
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(column));
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_double:
      return static_cast<std::int64_t>(row.get<double>(column));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(column));
    default:
      throw soci::soci_error("column " + std::to_string(column) + " is not a number");
  }
}

std::optional<std::int64_t> OptionalInt(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) {
    return std::nullopt;
  }
  return Int(row, column);
}

std::string Text(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) {
    return {};
  }
  if (row.get_properties(column).get_data_type() != soci::dt_string) {
    return std::to_string(Int(row, column));
  }
  return row.get<std::string>(column);
}

std::optional<std::string> OptionalText(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) {
    return std::nullopt;
  }
  return Text(row, column);
}

}  // namespace concierge::storage
