#pragma once

#include <optional>
#include <span>

#include "finance/model.hpp"

namespace concierge::finance {

// The FIFO rule of DESIGN.md: every credit dated on or before `as_of` pays
// the apartment's charges in order of due date (then entry id). A reversal of
// a charge shrinks that charge; a reversal of a payment shrinks the credits.
// Entries dated after `as_of` are ignored; without `as_of`, all count.
//
// `entries` are one apartment's, in any order.
[[nodiscard]] Position ComputePosition(std::span<const LedgerEntry> entries,
                                       std::optional<Date> as_of = std::nullopt);

}  // namespace concierge::finance
