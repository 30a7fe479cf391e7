#include "finance/ledger_service.hpp"

#include "audit/repository.hpp"
#include "finance/ledger_repository.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::finance {

namespace {

Error ReferenceTaken(const std::string& reference) {
  return Error{ErrorKind::kConflict,
               "reference_exists",
               "The apartment already has an entry with reference " + reference + ".",
               {{"reference", "Already used for this apartment."}}};
}

Status CheckText(const std::optional<std::string>& reference, const std::string& description) {
  if (reference && (reference->empty() || reference->size() > 100)) {
    return Fail(Error::Field("reference", "Use 1 to 100 characters."));
  }
  if (description.size() > 500) {
    return Fail(Error::Field("description", "At most 500 characters."));
  }
  return {};
}

audit::Event EntryEvent(const Scope& scope, const LedgerEntry& entry, const audit::Actor& actor,
                        const char* action) {
  audit::Event event;
  event.tenant_id = scope.tenant_id();
  event.building_id = entry.building_id;
  event.actor = actor;
  event.action = action;
  event.target_type = "ledger_entry";
  event.target_id = std::to_string(entry.id);
  event.detail = {{"apartment_id", entry.apartment_id},
                  {"kind", EntryKindName(entry.kind)},
                  {"amount", FormatAmount(entry.amount)},
                  {"entry_date", FormatDate(entry.entry_date)}};
  if (entry.reverses_entry_id) {
    event.detail["reverses_entry_id"] = *entry.reverses_entry_id;
  }
  return event;
}

}  // namespace

bool IsPaymentMethod(const std::string& method) {
  return method == "cash" || method == "bank_transfer" || method == "card" || method == "other";
}

Result<LedgerEntry> PostInTransaction(soci::session& sql, const Scope& scope, LedgerEntry entry,
                                      const audit::Actor& actor, const char* action,
                                      const Clock& clock, const nlohmann::json& detail) {
  const auto building = tenancy::SelectApartmentBuilding(sql, scope, entry.apartment_id);
  if (!building) {
    return Fail(tenancy::ApartmentNotFound());
  }
  if (entry.reference && ReferenceExists(sql, scope, entry.apartment_id, *entry.reference)) {
    return Fail(ReferenceTaken(*entry.reference));
  }
  if (auto room = CheckBalanceRoom(sql, scope, entry.apartment_id, entry.amount); !room) {
    return Fail(room.error());
  }
  entry.tenant_id = scope.tenant_id();
  entry.building_id = *building;
  entry.id = InsertEntry(sql, scope, entry);
  if (entry.kind == EntryKind::kPayment) {
    ApplyCreditToPosition(sql, scope, entry.building_id, entry.apartment_id, entry.amount,
                          entry.entry_date);
  } else {
    RefreshPosition(sql, scope, entry.building_id, entry.apartment_id);
  }
  audit::Event event = EntryEvent(scope, entry, actor, action);
  if (detail.is_object()) {
    event.detail.update(detail);
  }
  audit::Append(sql, event, clock);
  return entry;
}

Result<LedgerEntry> LedgerService::Post(const Scope& scope, LedgerEntry entry,
                                        const audit::Actor& actor, const char* action) {
  return db_.Write([&](soci::session& sql) {
    return PostInTransaction(sql, scope, std::move(entry), actor, action, clock_);
  });
}

Result<LedgerEntry> LedgerService::PostCharge(const Scope& scope, std::int64_t apartment_id,
                                              const ChargeInput& input, const audit::Actor& actor) {
  if (input.amount <= 0) {
    return Fail(Error::Field("amount", "Must be more than zero."));
  }
  if (input.due_date < input.entry_date) {
    return Fail(Error::Field("due_date", "Cannot be before the entry date."));
  }
  if (auto text = CheckText(input.reference, input.description); !text) {
    return Fail(text.error());
  }
  LedgerEntry entry;
  entry.apartment_id = apartment_id;
  entry.kind = EntryKind::kCharge;
  entry.entry_date = input.entry_date;
  entry.due_date = input.due_date;
  entry.amount = input.amount;
  entry.description = input.description;
  entry.reference = input.reference;
  return Post(scope, std::move(entry), actor, "ledger.charge_posted");
}

Result<LedgerEntry> LedgerService::RecordPayment(const Scope& scope, std::int64_t apartment_id,
                                                 const PaymentInput& input,
                                                 const audit::Actor& actor) {
  if (input.amount <= 0) {
    return Fail(Error::Field("amount", "Must be more than zero."));
  }
  if (!IsPaymentMethod(input.method)) {
    return Fail(Error::Field("method", "One of cash, bank_transfer, card, other."));
  }
  if (auto text = CheckText(input.reference, input.description); !text) {
    return Fail(text.error());
  }
  LedgerEntry entry;
  entry.apartment_id = apartment_id;
  entry.kind = EntryKind::kPayment;
  entry.entry_date = input.entry_date;
  entry.amount = -input.amount;
  entry.method = input.method;
  entry.description = input.description.empty() ? "Payment" : input.description;
  entry.reference = input.reference;
  return Post(scope, std::move(entry), actor, "ledger.payment_recorded");
}

Result<LedgerEntry> LedgerService::Reverse(const Scope& scope, std::int64_t entry_id,
                                           const ReversalInput& input, const audit::Actor& actor) {
  if (input.reason.empty() || input.reason.size() > 500) {
    return Fail(Error::Field("reason", "Say why, in 1 to 500 characters."));
  }
  return db_.Write([&](soci::session& sql) -> Result<LedgerEntry> {
    auto original = SelectEntry(sql, scope, entry_id);
    if (!original) {
      return Fail(Error::NotFound("entry_not_found", "No such ledger entry."));
    }
    if (original->kind == EntryKind::kReversal) {
      return Fail(Error::Conflict("cannot_reverse_reversal",
                                  "A reversal cannot be reversed; post a new entry instead."));
    }
    const Cents left = original->amount + SumReversalsOf(sql, scope, entry_id);
    if (left == 0) {
      return Fail(Error::Conflict("already_reversed", "The entry is already fully reversed."));
    }
    const Cents magnitude = input.amount.value_or(left < 0 ? -left : left);
    if (magnitude <= 0 || magnitude > (left < 0 ? -left : left)) {
      return Fail(Error::Field("amount",
                               "Must be more than zero and at most what is left of "
                               "the entry."));
    }
    auto building = tenancy::SelectBuilding(sql, scope, original->building_id);
    const Date today = LocalDate(clock_.Now(), building ? building->timezone : "UTC");
    const Date date = input.entry_date.value_or(today);
    if (date < original->entry_date) {
      return Fail(Error::Field("date", "Cannot be before the entry it reverses."));
    }

    LedgerEntry reversal;
    reversal.apartment_id = original->apartment_id;
    reversal.kind = EntryKind::kReversal;
    reversal.entry_date = date;
    reversal.amount = left < 0 ? magnitude : -magnitude;
    reversal.description = "Reversal of entry " + std::to_string(entry_id) + ": " + input.reason;
    reversal.reverses_entry_id = entry_id;
    return PostInTransaction(sql, scope, std::move(reversal), actor, "ledger.entry_reversed",
                             clock_, {{"reason", input.reason}});
  });
}

Result<Statement> LedgerService::GetStatement(const Scope& scope, std::int64_t apartment_id,
                                              std::optional<Date> from, std::optional<Date> to) {
  return db_.Read([&](soci::session& sql) -> Result<Statement> {
    if (!tenancy::SelectApartment(sql, scope, apartment_id)) {
      return Fail(tenancy::ApartmentNotFound());
    }
    Statement statement;
    statement.apartment_id = apartment_id;
    Cents running = 0;
    for (auto& entry : SelectApartmentEntries(sql, scope, apartment_id)) {
      if (to && entry.entry_date > *to) {
        break;
      }
      running += entry.amount;
      if (from && entry.entry_date < *from) {
        statement.opening_balance = running;
        continue;
      }
      statement.lines.push_back({std::move(entry), running});
    }
    statement.closing_balance = running;
    return statement;
  });
}

}  // namespace concierge::finance
