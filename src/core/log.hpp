#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace concierge::log {

// Structured logging: a fixed message plus fields, written as one JSON object
// per line to stderr. Fields must hold nothing secret or personal.
enum class Level { kDebug, kInfo, kWarn, kError };

void SetLevel(std::string_view level);
[[nodiscard]] bool Enabled(Level level);
void Write(Level level, std::string_view message, const nlohmann::json& fields);

void Debug(std::string_view message, const nlohmann::json& fields);
void Info(std::string_view message, const nlohmann::json& fields);
void Warn(std::string_view message, const nlohmann::json& fields);
void Error(std::string_view message, const nlohmann::json& fields);

}  // namespace concierge::log
