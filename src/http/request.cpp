#include "http/request.hpp"

#include <charconv>

namespace concierge::http {

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::QueryParam(std::string_view wanted) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);

    const auto equals = pair.find('=');
    auto name = PercentDecode(pair.substr(0, equals));
    if (name && *name == wanted) {
      return PercentDecode(equals == std::string_view::npos ? std::string_view{}
                                                            : pair.substr(equals + 1));
    }
  }
  return std::nullopt;
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::Text(int status, std::string content_type, std::string body) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
    } else if (text[i] == '%') {
      int value = 0;
      if (i + 2 >= text.size()) {
        return std::nullopt;
      }
      const auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec != std::errc{} || end != text.data() + i + 3) {
        return std::nullopt;
      }
      decoded += static_cast<char>(value);
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

Result<nlohmann::json> JsonBody(const Request& request) {
  const auto type = request.Header("content-type");
  const bool json = type && type->rfind("application/json", 0) == 0 &&
                    (type->size() == 16 || (*type)[16] == ';' || (*type)[16] == ' ');
  if (!json) {
    return Fail(Error{ErrorKind::kUnsupportedMediaType,
                      "unsupported_media_type",
                      "Send the body as application/json.",
                      {}});
  }
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    return Fail(Error::Invalid("invalid_json", "The body is not valid JSON."));
  }
  if (!body.is_object()) {
    return Fail(Error::Invalid("invalid_json", "The body must be a JSON object."));
  }
  return body;
}

namespace {

std::optional<std::int64_t> PositiveId(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

Result<std::int64_t> IdParam(const Request& request, const std::string& name) {
  const auto found = request.path_params.find(name);
  const auto id = found == request.path_params.end() ? std::nullopt : PositiveId(found->second);
  if (!id) {
    return Fail(Error::NotFound("not_found", "Nothing exists at this address."));
  }
  return *id;
}

Result<std::optional<std::int64_t>> IdQuery(const Request& request, const std::string& name) {
  const auto text = request.QueryParam(name);
  if (!text) {
    return std::optional<std::int64_t>{};
  }
  const auto id = PositiveId(*text);
  if (!id) {
    return Fail(Error::Field(name, "Must be a positive whole number."));
  }
  return std::optional<std::int64_t>{*id};
}

}  // namespace concierge::http
