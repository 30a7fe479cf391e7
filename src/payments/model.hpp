#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace concierge::payments {

// An amount an apartment may pay online.
struct OnlineCharge {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  Cents amount = 0;
  std::string currency;
  std::string description;
  std::string status = "open";          // open, paid
  std::optional<std::string> paid_via;  // online, manual
  std::optional<std::string> paid_at;
  std::vector<std::int64_t> settles;  // ledger charge entry ids
};

struct NewOnlineCharge {
  std::int64_t apartment_id = 0;
  Cents amount = 0;
  std::string description;
  std::vector<std::int64_t> settles;
};

struct MarkPaidInput {
  std::string method;  // cash, bank_transfer, card, other
  Date date{};
  std::string reference;
  std::string note;
};

struct OnlinePayment {
  std::int64_t id = 0;
  std::int64_t apartment_id = 0;
  std::int64_t online_charge_id = 0;
  std::string payment_intent_id;
  std::optional<std::string> checkout_session_id;
  Cents amount = 0;
  std::string currency;
  std::string status;
  Cents refunded = 0;
  std::optional<std::string> mismatch;
  std::optional<std::int64_t> ledger_entry_id;
  std::string created_at;
};

// Which part of a list to answer: `limit` rows from `offset`.
struct ListWindow {
  std::int64_t offset = 0;
  std::int64_t limit = 500;
};

// One window of a list and how many rows the whole list has.
template <typename Item>
struct Listed {
  std::int64_t count = 0;
  std::vector<Item> items;
};

struct StripeEvent {
  std::string id;
  std::string type;
  long long created = 0;
  std::string received_at;
  std::optional<std::string> processed_at;
  std::string outcome;
  std::optional<std::string> error;
  int attempts = 0;
  std::string payload_hash;
};

}  // namespace concierge::payments
