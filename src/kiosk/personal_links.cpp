#include "kiosk/personal_links.hpp"

#include "accounts/scope_factory.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"
#include "kiosk/repository.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::kiosk {

namespace {

// Longer than anything we issue ("pl_" + 43): garbage is refused unread.
constexpr std::size_t kMaxTokenLength = 100;

Error NoSuchPage() {
  return Error::NotFound(
      "personal_page_not_found",
      "This link does not open a page; ask the management office for a new one.");
}

void AuditLink(soci::session& sql, const Scope& scope, const PersonalLink& link, const char* action,
               const audit::Actor& actor, const Clock& clock) {
  audit::Event event;
  event.tenant_id = scope.tenant_id();
  event.building_id = link.building_id;
  event.actor = actor;
  event.action = action;
  event.target_type = "personal_link";
  event.target_id = std::to_string(link.id);
  event.detail = {{"apartment_id", link.apartment_id}};
  audit::Append(sql, event, clock);
}

}  // namespace

Result<IssuedLink> PersonalLinkService::Create(const Scope& scope, std::int64_t apartment_id,
                                               const audit::Actor& actor) {
  IssuedLink issued;
  issued.token = "pl_" + RandomToken(32);
  issued.url = site_origin_ + "/personal/#token=" + issued.token;
  const std::string now = FormatTimestamp(clock_.Now());
  return db_.Write([&](soci::session& sql) -> Result<IssuedLink> {
    const auto building = tenancy::SelectApartmentBuilding(sql, scope, apartment_id);
    if (!building) {
      return Fail(tenancy::ApartmentNotFound());
    }
    const auto id =
        InsertPersonalLink(sql, scope, *building, apartment_id, Sha256Hex(issued.token), now);
    issued.link = *SelectPersonalLink(sql, scope, id);
    AuditLink(sql, scope, issued.link, "personal_link.created", actor, clock_);
    return issued;
  });
}

Result<std::vector<PersonalLink>> PersonalLinkService::List(const Scope& scope,
                                                            std::int64_t apartment_id) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<PersonalLink>> {
    if (!tenancy::SelectApartmentBuilding(sql, scope, apartment_id)) {
      return Fail(tenancy::ApartmentNotFound());
    }
    return SelectPersonalLinks(sql, scope, apartment_id);
  });
}

Result<PersonalLink> PersonalLinkService::Revoke(const Scope& scope, std::int64_t id,
                                                 const audit::Actor& actor) {
  const std::string now = FormatTimestamp(clock_.Now());
  return db_.Write([&](soci::session& sql) -> Result<PersonalLink> {
    const auto link = SelectPersonalLink(sql, scope, id);
    if (!link) {
      return Fail(Error::NotFound("personal_link_not_found", "No such personal link."));
    }
    if (!link->revoked_at) {
      RevokePersonalLink(sql, scope, id, now);
      AuditLink(sql, scope, *link, "personal_link.revoked", actor, clock_);
    }
    return *SelectPersonalLink(sql, scope, id);
  });
}

Result<PersonalPage> PersonalLinkService::Open(const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenLength) {
    return Fail(NoSuchPage());
  }
  const auto found =
      db_.Read([&](soci::session& sql) { return SelectActiveLinkByHash(sql, Sha256Hex(token)); });
  if (!found) {
    return Fail(NoSuchPage());
  }
  const auto& [tenant, link] = *found;
  const Scope scope =
      accounts::ScopeFactory::ForPersonalLink(tenant, link.building_id, link.apartment_id);

  PersonalPage page;
  const bool present = db_.Read([&](soci::session& sql) {
    const auto apartment = tenancy::SelectApartment(sql, scope, link.apartment_id);
    const auto building = tenancy::SelectBuilding(sql, scope, link.building_id);
    if (!apartment || !building) {
      return false;
    }
    page.apartment_number = apartment->number;
    page.building_name = building->name;
    page.currency = building->currency;
    page.payment_instructions = SelectSettings(sql, scope, link.building_id).payment_instructions;
    return true;
  });
  if (!present) {
    return Fail(NoSuchPage());
  }
  CONCIERGE_TRY(statement,
                ledger_.GetStatement(scope, link.apartment_id, std::nullopt, std::nullopt));
  page.statement = std::move(*statement);
  page.open_charges = payments_.ListCharges(scope, link.apartment_id, std::string("open")).items;
  db_.Write(
      [&](soci::session& sql) { TouchPersonalLink(sql, link.id, FormatTimestamp(clock_.Now())); });
  return page;
}

}  // namespace concierge::kiosk
