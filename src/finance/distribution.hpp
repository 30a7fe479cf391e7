#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"

namespace concierge::finance {

struct ShareHolder {
  std::int64_t apartment_id = 0;
  int per_mille = 0;
};

// Splits `amount` by per-mille shares so that the parts sum to `amount`
// exactly: each part is rounded down, and the cents left over go one each to
// the largest remainders (ties to the larger share, then the earlier holder).
// Refuses shares that do not sum to exactly 1000.
[[nodiscard]] Result<std::vector<Cents>> DistributeByShares(Cents amount,
                                                            std::span<const ShareHolder> holders);

}  // namespace concierge::finance
