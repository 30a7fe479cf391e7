#include "http/pagination.hpp"

#include <charconv>

namespace concierge::http {

namespace {

Result<std::int64_t> ReadPositive(const Request& request, const std::string& name,
                                  std::int64_t fallback, std::int64_t max) {
  const auto text = request.QueryParam(name);
  if (!text) {
    return fallback;
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 1 || value > max) {
    return Fail(
        Error::Field(name, "Must be a whole number from 1 to " + std::to_string(max) + "."));
  }
  return value;
}

std::string LinkToPage(const Request& request, std::int64_t page) {
  std::string query;
  std::string_view rest = request.query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty() || pair.rfind("page=", 0) == 0) {
      continue;
    }
    query += std::string(pair) + "&";
  }
  return request.path + "?" + query + "page=" + std::to_string(page);
}

}  // namespace

Result<PageRequest> ParsePage(const Request& request) {
  auto page = ReadPositive(request, "page", 1, 1'000'000'000);
  if (!page) {
    return Fail(page.error());
  }
  auto size = ReadPositive(request, "page_size", 50, kMaxPageSize);
  if (!size) {
    return Fail(size.error());
  }
  return PageRequest{*page, *size};
}

nlohmann::json PageBody(const Request& request, const PageRequest& page, std::int64_t count,
                        nlohmann::json results) {
  const bool has_next = page.offset() + page.page_size < count;
  return {
      {"count", count},
      {"next", has_next ? nlohmann::json(LinkToPage(request, page.page + 1)) : nullptr},
      {"previous", page.page > 1 ? nlohmann::json(LinkToPage(request, page.page - 1)) : nullptr},
      {"results", std::move(results)},
  };
}

}  // namespace concierge::http
