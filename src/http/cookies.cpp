#include "http/cookies.hpp"

namespace concierge::http {

std::optional<std::string> CookieValue(const Request& request, const std::string& name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") {
      continue;
    }
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      std::string_view pair = rest.substr(0, semicolon);
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      while (!pair.empty() && pair.front() == ' ') {
        pair.remove_prefix(1);
      }
      const auto equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

std::string SetCookie(const std::string& name, const std::string& value,
                      const CookieAttributes& attributes) {
  std::string text = name + "=" + value + "; Path=" + attributes.path +
                     "; Max-Age=" + std::to_string(attributes.max_age.count()) +
                     "; HttpOnly; SameSite=Strict";
  if (attributes.secure) {
    text += "; Secure";
  }
  return text;
}

}  // namespace concierge::http
