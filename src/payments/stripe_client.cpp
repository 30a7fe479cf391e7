#include "payments/stripe_client.hpp"

#include <algorithm>
#include <memory>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "core/log.hpp"

namespace concierge::payments {

namespace {

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::string Escape(const std::string& text) {
  std::string escaped;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      escaped += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      escaped += buffer;
    }
  }
  return escaped;
}

Error Unavailable(const std::string& detail) {
  return Error{ErrorKind::kUnavailable, "payment_provider_unavailable", detail, {}};
}

// Holds one of the client's in-flight places for the length of a call.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& count) : count_(count), position_(++count) {}
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

  // This call's place among those in flight, counting itself.
  [[nodiscard]] int position() const { return position_; }

 private:
  std::atomic<int>& count_;
  int position_;
};

}  // namespace

std::string FormEncode(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + Escape(name) + "=" + Escape(value);
  }
  return body;
}

Result<CheckoutSession> StripeClient::CreateCheckoutSession(const CheckoutRequest& request,
                                                            const std::string& idempotency_key) {
  if (!configured()) {
    return Fail(Unavailable("Online payments are not configured (CONCIERGE_STRIPE_SECRET_KEY)."));
  }
  const InFlight place(in_flight_);
  if (place.position() > limits_.max_in_flight) {
    log::Warn("stripe calls at their limit", {{"in_flight", place.position()}});
    return Fail(Unavailable("The payment provider is slow to answer; try again in a minute."));
  }

  std::string currency = request.currency;
  std::transform(currency.begin(), currency.end(), currency.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::map<std::string, std::string> fields = {
      {"mode", "payment"},
      {"success_url", request.success_url},
      {"cancel_url", request.cancel_url},
      {"line_items[0][quantity]", "1"},
      {"line_items[0][price_data][currency]", currency},
      {"line_items[0][price_data][unit_amount]", std::to_string(request.amount)},
      {"line_items[0][price_data][product_data][name]", request.description},
  };
  for (const auto& [key, value] : request.metadata) {
    fields["metadata[" + key + "]"] = value;
    fields["payment_intent_data[metadata][" + key + "]"] = value;
  }
  const std::string body = FormEncode(fields);

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  for (const std::string& header :
       {"Authorization: Bearer " + secret_key_, "Idempotency-Key: " + idempotency_key,
        std::string("Content-Type: application/x-www-form-urlencoded")}) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  }
  std::string answer;
  const std::string url = api_base_ + "/v1/checkout/sessions";
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(limits_.connect_timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(limits_.timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);

  const CURLcode code = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK) {
    log::Warn("stripe request failed", {{"error", curl_easy_strerror(code)}});
    return Fail(Unavailable("The payment provider could not be reached; try again."));
  }
  const auto json = nlohmann::json::parse(answer, nullptr, false);
  if (status != 200 || json.is_discarded() || !json.is_object() || !json.contains("id") ||
      !json["id"].is_string() || !json.contains("url") || !json["url"].is_string()) {
    log::Warn("stripe refused a checkout session", {{"status", status}});
    return Fail(Unavailable("The payment provider refused the payment; try again later."));
  }
  return CheckoutSession{json["id"].get<std::string>(), json["url"].get<std::string>()};
}

}  // namespace concierge::payments
