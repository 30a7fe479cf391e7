#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace concierge::http {

// `page` (from 1) and `page_size` (1 to 500, default 50) of a list request.
struct PageRequest {
  std::int64_t page = 1;
  std::int64_t page_size = 50;

  [[nodiscard]] std::int64_t offset() const { return (page - 1) * page_size; }
};

inline constexpr std::int64_t kMaxPageSize = 500;

[[nodiscard]] Result<PageRequest> ParsePage(const Request& request);

// {count, next, previous, results}; next and previous are relative links
// that keep the request's other query parameters.
[[nodiscard]] nlohmann::json PageBody(const Request& request, const PageRequest& page,
                                      std::int64_t count, nlohmann::json results);

}  // namespace concierge::http
