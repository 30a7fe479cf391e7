#include "http/server.hpp"

#include <atomic>
#include <csignal>
#include <thread>
#include <vector>

#include <restinio/all.hpp>

#include "core/log.hpp"

namespace concierge::http {

namespace {

using ServerTraits = restinio::default_traits_t;
using RestinioRequest = restinio::request_handle_t;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 400 ? "OK" : "Error";
  }
}

Request ToRequest(const RestinioRequest& incoming) {
  Request request;
  const auto& header = incoming->header();
  request.method = header.method().c_str();
  request.path = std::string(header.path());
  request.query = std::string(header.query());
  for (const auto& field : header) {
    std::string name = field.name();
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    request.headers.emplace_back(std::move(name), field.value());
  }
  request.body = incoming->body();
  request.peer_address = incoming->remote_endpoint().address().to_string();
  return request;
}

}  // namespace

Status Serve(const ServerOptions& options, const Pipeline& pipeline,
             const std::function<void()>& on_listening) {
  std::atomic<int> in_flight{0};
  asio::io_context io_context;

  // Our own limit answers 413 with a problem body; RESTinio's, set well above
  // it, only guards memory against absurd bodies by dropping the connection.
  restinio::incoming_http_msg_limits_t limits;
  limits.max_body_size(pipeline.max_body_bytes() * 4 + 4096);

  auto settings =
      restinio::server_settings_t<ServerTraits>{}
          .port(options.port)
          .address(options.host)
          .incoming_http_msg_limits(limits)
          .read_next_http_message_timelimit(std::chrono::seconds(60))
          .handle_request_timeout(std::chrono::seconds(60))
          .request_handler([&](RestinioRequest incoming) {
            ++in_flight;
            Request request = ToRequest(incoming);
            Response response = pipeline.Handle(request);

            auto builder = incoming->create_response(restinio::http_status_line_t{
                restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                ReasonPhrase(response.status)});
            builder.append_header(restinio::http_field::content_type, response.content_type);
            for (const auto& [name, value] : response.headers) {
              builder.append_header(name, value);
            }
            builder.set_body(std::move(response.body));
            builder.done([&in_flight](const asio::error_code&) { --in_flight; });
            return restinio::request_accepted();
          });

  restinio::http_server_t<ServerTraits> server{restinio::external_io_context(io_context),
                                               std::move(settings)};

  std::exception_ptr failure;
  std::atomic<bool> stopping{false};
  asio::steady_timer drain_timer{io_context};
  auto drain_deadline = std::chrono::steady_clock::now();

  std::function<void()> wait_for_drain = [&] {
    if (in_flight.load() == 0 || std::chrono::steady_clock::now() > drain_deadline) {
      log::Info("server stopped", {{"in_flight", in_flight.load()}});
      io_context.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([&](const asio::error_code&) { wait_for_drain(); });
  };

  asio::signal_set signals{io_context, SIGINT, SIGTERM};
  signals.async_wait([&](const asio::error_code& error, int signal_number) {
    if (error || stopping.exchange(true)) {
      return;
    }
    log::Info("shutting down", {{"signal", signal_number}, {"in_flight", in_flight.load()}});
    server.close_async(
        [&] {
          drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
          asio::post(io_context, wait_for_drain);
        },
        [&](std::exception_ptr ex) {
          failure = ex;
          io_context.stop();
        });
  });

  server.open_async(
      [&] {
        log::Info("listening", {{"address", options.host}, {"port", options.port}});
        on_listening();
      },
      [&](std::exception_ptr ex) {
        failure = ex;
        io_context.stop();
      });

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < options.threads; ++i) {
    threads.emplace_back([&] { io_context.run(); });
  }
  io_context.run();
  for (auto& thread : threads) {
    thread.join();
  }

  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      return Fail(Error{ErrorKind::kUnavailable,
                        "listen_failed",
                        "Cannot serve on " + options.host + ":" + std::to_string(options.port) +
                            ": " + error.what(),
                        {}});
    }
  }
  return {};
}

}  // namespace concierge::http
