#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace concierge::finance {

enum class EntryKind { kCharge, kPayment, kReversal };

[[nodiscard]] const char* EntryKindName(EntryKind kind);
[[nodiscard]] std::optional<EntryKind> ParseEntryKind(std::string_view text);

// One posted ledger line. `amount` is signed: debits (charges, reversals of
// payments) positive, credits (payments, reversals of charges) negative.
struct LedgerEntry {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  EntryKind kind = EntryKind::kCharge;
  Date entry_date{};
  std::optional<Date> due_date;
  Cents amount = 0;
  std::string description;
  std::optional<std::string> reference;
  std::optional<std::string> method;
  std::string source = "manual";
  std::optional<std::int64_t> reverses_entry_id;
  std::optional<std::int64_t> expense_sheet_id;
};

// What is still owed of one charge after every credit has been applied.
struct OpenItem {
  std::int64_t entry_id = 0;
  Date due_date{};
  Cents open = 0;
};

// An apartment's standing: its balance and the charges still (partly) open,
// oldest due first. Sum of open amounts == balance when the balance is positive.
struct Position {
  Cents balance = 0;
  std::optional<Date> last_entry_date;
  std::vector<OpenItem> open_items;
};

// The four buckets of overdue debt, by days past due.
enum class Bucket { k0To30, k31To60, k61To90, kOver90 };
inline constexpr std::array kBuckets = {Bucket::k0To30, Bucket::k31To60, Bucket::k61To90,
                                        Bucket::kOver90};
[[nodiscard]] const char* BucketName(Bucket bucket);

}  // namespace concierge::finance
