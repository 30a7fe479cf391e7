#include "finance/distribution.hpp"

#include <algorithm>
#include <numeric>

namespace concierge::finance {

Result<std::vector<Cents>> DistributeByShares(Cents amount, std::span<const ShareHolder> holders) {
  const long long total_shares = std::accumulate(
      holders.begin(), holders.end(), 0LL,
      [](long long sum, const ShareHolder& holder) { return sum + holder.per_mille; });
  if (total_shares != 1000) {
    return Fail(Error::Invalid(
        "shares_do_not_sum",
        "The shares sum to " + std::to_string(total_shares) + " per mille, not 1000."));
  }
  if (amount < 0) {
    return Fail(Error::Invalid("invalid_amount", "Only positive amounts can be distributed."));
  }

  std::vector<Cents> parts(holders.size());
  std::vector<std::size_t> order(holders.size());
  Cents distributed = 0;
  for (std::size_t i = 0; i < holders.size(); ++i) {
    parts[i] = amount * holders[i].per_mille / 1000;
    distributed += parts[i];
    order[i] = i;
  }

  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Cents rest_a = amount * holders[a].per_mille % 1000;
    const Cents rest_b = amount * holders[b].per_mille % 1000;
    return rest_a != rest_b ? rest_a > rest_b : holders[a].per_mille > holders[b].per_mille;
  });
  for (std::size_t k = 0; distributed < amount; ++k) {
    ++parts[order[k]];
    ++distributed;
  }
  return parts;
}

}  // namespace concierge::finance
