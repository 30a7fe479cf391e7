#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "http/pipeline.hpp"

namespace concierge::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t threads = 8;
};

// Serves `pipeline` until SIGINT or SIGTERM. On a signal it stops accepting,
// lets in-flight requests finish and their responses be written (up to 10 s),
// then returns. `on_listening` runs once the socket accepts connections.
//
// This is the only translation unit that includes RESTinio (build time).
[[nodiscard]] Status Serve(const ServerOptions& options, const Pipeline& pipeline,
                           const std::function<void()>& on_listening);

}  // namespace concierge::http
