#include "finance/report_format.hpp"

#include "core/csv.hpp"
#include "http/json_fields.hpp"

namespace concierge::finance {

nlohmann::json DebtReportJson(const DebtReport& report) {
  nlohmann::json buckets = nlohmann::json::object();
  for (Bucket bucket : kBuckets) {
    const auto& total = report.buckets[static_cast<std::size_t>(bucket)];
    buckets[BucketName(bucket)] = {{"apartments", total.apartments},
                                   {"amount", FormatAmount(total.amount)}};
  }

  nlohmann::json rows = nlohmann::json::array();
  for (const DebtRow& row : report.rows) {
    nlohmann::json row_buckets = nlohmann::json::object();
    for (Bucket bucket : kBuckets) {
      row_buckets[BucketName(bucket)] =
          FormatAmount(row.aging.buckets[static_cast<std::size_t>(bucket)]);
    }
    const Date oldest = *row.aging.oldest_overdue_due_date;
    rows.push_back({{"apartment_id", row.apartment_id},
                    {"building_id", row.building_id},
                    {"building_code", row.building_code},
                    {"number", row.number},
                    {"owner_name", row.owner_name},
                    {"balance", FormatAmount(row.balance)},
                    {"overdue", FormatAmount(row.aging.overdue())},
                    {"not_due", FormatAmount(row.aging.not_due)},
                    {"oldest_due_date", FormatDate(oldest)},
                    {"days_overdue", DaysBetween(oldest, report.as_of)},
                    {"buckets", std::move(row_buckets)}});
  }

  return {{"as_of", FormatDate(report.as_of)},
          {"building_id", http::OptionalJson(report.building_id)},
          {"currency",
           report.currency.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.currency)},
          {"buckets", std::move(buckets)},
          {"not_due", FormatAmount(report.not_due)},
          {"total_debt", FormatAmount(report.total_debt)},
          {"indebted_apartments", report.rows.size()},
          {"apartments", std::move(rows)}};
}

std::string DebtReportCsv(const DebtReport& report) {
  const std::vector<std::string> header = {"as_of",       "building_code", "apartment_number",
                                           "owner_name",  "balance",       "overdue",
                                           "0-30",        "31-60",         "61-90",
                                           "90+",         "not_due",       "oldest_due_date",
                                           "days_overdue"};
  std::vector<std::string> cells;
  for (const auto& name : header) {
    cells.push_back(CsvText(name));
  }
  std::string text = CsvLine(cells);

  for (const DebtRow& row : report.rows) {
    const Date oldest = *row.aging.oldest_overdue_due_date;
    cells = {CsvText(FormatDate(report.as_of)),
             CsvText(row.building_code),
             CsvText(row.number),
             CsvText(row.owner_name),
             CsvNumber(FormatAmount(row.balance)),
             CsvNumber(FormatAmount(row.aging.overdue()))};
    for (Cents amount : row.aging.buckets) {
      cells.push_back(CsvNumber(FormatAmount(amount)));
    }
    cells.push_back(CsvNumber(FormatAmount(row.aging.not_due)));
    cells.push_back(CsvText(FormatDate(oldest)));
    cells.push_back(CsvNumber(std::to_string(DaysBetween(oldest, report.as_of))));
    text += CsvLine(cells);
  }
  return text;
}

}  // namespace concierge::finance
