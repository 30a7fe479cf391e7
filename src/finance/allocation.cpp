#include "finance/allocation.hpp"

#include <algorithm>
#include <unordered_map>

namespace concierge::finance {

Position ComputePosition(std::span<const LedgerEntry> entries, std::optional<Date> as_of) {
  Position position;
  std::vector<OpenItem> debits;
  std::unordered_map<std::int64_t, std::size_t> debit_index;
  Cents credits = 0;

  auto counts = [&](const LedgerEntry& entry) { return !as_of || entry.entry_date <= *as_of; };

  for (const LedgerEntry& entry : entries) {
    if (!counts(entry) || entry.kind != EntryKind::kCharge) {
      continue;
    }
    debit_index[entry.id] = debits.size();
    debits.push_back({entry.id, entry.due_date.value_or(entry.entry_date), entry.amount});
  }

  for (const LedgerEntry& entry : entries) {
    if (!counts(entry)) {
      continue;
    }
    position.balance += entry.amount;
    if (!position.last_entry_date || entry.entry_date > *position.last_entry_date) {
      position.last_entry_date = entry.entry_date;
    }
    if (entry.kind == EntryKind::kPayment) {
      credits -= entry.amount;
    } else if (entry.kind == EntryKind::kReversal) {
      const auto reversed =
          entry.reverses_entry_id ? debit_index.find(*entry.reverses_entry_id) : debit_index.end();
      if (reversed != debit_index.end()) {
        debits[reversed->second].open += entry.amount;
      } else {
        credits -= entry.amount;
      }
    }
  }

  std::sort(debits.begin(), debits.end(), [](const OpenItem& a, const OpenItem& b) {
    return a.due_date != b.due_date ? a.due_date < b.due_date : a.entry_id < b.entry_id;
  });
  for (OpenItem& debit : debits) {
    const Cents applied = std::clamp<Cents>(credits, 0, std::max<Cents>(debit.open, 0));
    debit.open -= applied;
    credits -= applied;
    if (debit.open > 0) {
      position.open_items.push_back(debit);
    }
  }
  return position;
}

}  // namespace concierge::finance
