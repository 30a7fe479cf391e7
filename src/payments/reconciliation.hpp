#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"

namespace concierge::payments {

// The ways what Stripe says and what the books say can disagree
// (docs/payments.md explains each and what to do about it).
enum class MismatchKind {
  kPaymentNotPosted,     // a succeeded online payment with no ledger credit
  kAmountMismatch,       // payment, charge and credit disagree on amount or currency
  kPaidWithoutPayment,   // a charge marked paid with nothing standing behind it
  kPaymentOnOpenCharge,  // a succeeded payment while its charge is still open
  kPaidTwice,            // paid online after it was marked paid by hand
  kRefundNotReversed,    // refunded at Stripe, not reversed in the ledger
  kCreditWithoutPayment  // a ledger credit claiming an online source that is not there
};

inline constexpr MismatchKind kAllMismatchKinds[] = {
    MismatchKind::kPaymentNotPosted,    MismatchKind::kAmountMismatch,
    MismatchKind::kPaidWithoutPayment,  MismatchKind::kPaymentOnOpenCharge,
    MismatchKind::kPaidTwice,           MismatchKind::kRefundNotReversed,
    MismatchKind::kCreditWithoutPayment};

[[nodiscard]] const char* MismatchKindName(MismatchKind kind);
[[nodiscard]] std::optional<MismatchKind> ParseMismatchKind(const std::string& name);

// One disagreement, with what each side says.
struct Mismatch {
  MismatchKind kind{};
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  std::optional<std::int64_t> online_charge_id;
  std::optional<std::int64_t> online_payment_id;
  std::optional<std::string> payment_intent_id;
  std::optional<std::int64_t> ledger_entry_id;
  Cents amount = 0;  // how much is in question
  std::string currency;
  std::string stripe_says;
  std::string books_say;
  bool repairable = false;
};

struct MismatchSummary {
  MismatchKind kind{};
  std::int64_t count = 0;
  std::map<std::string, Cents> totals;  // per currency
};

struct Reconciliation {
  std::vector<MismatchSummary> summary;  // every kind, zero counts included
  std::vector<Mismatch> mismatches;      // by kind, then apartment and payment
};

struct Repair {
  MismatchKind kind{};
  std::optional<std::int64_t> online_payment_id;
  std::int64_t online_charge_id = 0;
  std::vector<std::int64_t> ledger_entry_ids;  // what the repair posted
  // A credit typed by hand with the payment's reference, now linked to it.
  std::optional<std::int64_t> linked_entry_id;
  bool charge_marked_paid = false;
  bool charge_reopened = false;  // paid, but nothing stood behind it
};

// Compares online payments with the ledger, per office or building.
class ReconciliationService {
 public:
  ReconciliationService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<Reconciliation> Reconcile(const Scope& scope,
                                                 std::optional<std::int64_t> building_id);

  // Posts the missing credits and reversals, marks paid the charges a
  // matching payment settled and reopens paid charges whose payment was
  // refunded in full, each audited; idempotent (a second call finds nothing
  // left to repair). The other kinds are left for a person.
  [[nodiscard]] Result<std::vector<Repair>> Resync(const Scope& scope,
                                                   std::optional<std::int64_t> building_id,
                                                   const audit::Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::payments
