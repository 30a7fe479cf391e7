#include "core/log.hpp"

#include <atomic>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace concierge::log {

namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

// spdlog writes the time and level; the rest of the JSON object is ours.
spdlog::logger& Logger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto made = std::make_shared<spdlog::logger>("concierge",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
    made->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
    made->set_level(spdlog::level::trace);
    made->flush_on(spdlog::level::trace);
    return made;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpdlog(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

void SetLevel(std::string_view level) {
  Level parsed = Level::kInfo;
  if (level == "debug") {
    parsed = Level::kDebug;
  } else if (level == "warn") {
    parsed = Level::kWarn;
  } else if (level == "error") {
    parsed = Level::kError;
  }
  g_min_level = static_cast<int>(parsed);
}

bool Enabled(Level level) {
  return static_cast<int>(level) >= g_min_level.load();
}

void Write(Level level, std::string_view message, const nlohmann::json& fields) {
  if (!Enabled(level)) {
    return;
  }
  nlohmann::json line = {{"msg", message}};
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      line[key] = value;
    }
  }
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Drop the braces: the pattern already opened the object and closes it.
  text = text.substr(1, text.size() - 2);
  Logger().log(ToSpdlog(level), text);
}

void Debug(std::string_view message, const nlohmann::json& fields) {
  Write(Level::kDebug, message, fields);
}
void Info(std::string_view message, const nlohmann::json& fields) {
  Write(Level::kInfo, message, fields);
}
void Warn(std::string_view message, const nlohmann::json& fields) {
  Write(Level::kWarn, message, fields);
}
void Error(std::string_view message, const nlohmann::json& fields) {
  Write(Level::kError, message, fields);
}

}  // namespace concierge::log
