#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "finance/ledger_service.hpp"
#include "payments/service.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

struct PersonalLink {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  std::string created_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
};

struct IssuedLink {
  PersonalLink link;
  std::string token;  // shown once; only its hash is kept
  std::string url;
};

// What the holder of a personal link sees: their apartment, read-only.
struct PersonalPage {
  std::string building_name;
  std::string apartment_number;
  std::string currency;
  finance::Statement statement;
  std::vector<payments::OnlineCharge> open_charges;
  std::string payment_instructions;
};

// Apartment personal pages: unguessable links (256 random bits, stored
// hashed) that managers make and revoke, opening a read-only view of one
// apartment without an account. Thread-safe.
class PersonalLinkService {
 public:
  PersonalLinkService(storage::Database& db, const Clock& clock, finance::LedgerService& ledger,
                      payments::PaymentsService& payments, std::string site_origin)
      : db_(db),
        clock_(clock),
        ledger_(ledger),
        payments_(payments),
        site_origin_(std::move(site_origin)) {}

  [[nodiscard]] Result<IssuedLink> Create(const Scope& scope, std::int64_t apartment_id,
                                          const audit::Actor& actor);
  [[nodiscard]] Result<std::vector<PersonalLink>> List(const Scope& scope,
                                                       std::int64_t apartment_id);
  [[nodiscard]] Result<PersonalLink> Revoke(const Scope& scope, std::int64_t id,
                                            const audit::Actor& actor);

  // 404 for an unknown or revoked token, the same answer for both.
  [[nodiscard]] Result<PersonalPage> Open(const std::string& token);

 private:
  storage::Database& db_;
  const Clock& clock_;
  finance::LedgerService& ledger_;
  payments::PaymentsService& payments_;
  std::string site_origin_;
};

}  // namespace concierge::kiosk
