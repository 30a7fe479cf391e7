#include "storage/database_url.hpp"

namespace concierge::storage {

namespace {

Error BadUrl(const std::string& why) {
  return Error::Invalid("invalid_setting", "CONCIERGE_DATABASE_URL " + why);
}

// PostgreSQL key=value strings quote values with single quotes.
std::string Quoted(const std::string& value) {
  std::string text = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') {
      text += '\\';
    }
    text += c;
  }
  return text + "'";
}

Result<DatabaseUrl> ParsePostgres(const std::string& rest) {
  // user:pass@host:port/dbname
  const auto at = rest.rfind('@');
  const std::string credentials = at == std::string::npos ? "" : rest.substr(0, at);
  const std::string location = at == std::string::npos ? rest : rest.substr(at + 1);
  const auto slash = location.find('/');
  if (slash == std::string::npos || slash + 1 == location.size()) {
    return Fail(BadUrl("must name a database: postgresql://user:pass@host:port/dbname."));
  }
  const std::string host_port = location.substr(0, slash);
  const std::string dbname = location.substr(slash + 1);
  const auto colon = host_port.rfind(':');

  std::string text = "dbname=" + Quoted(dbname);
  if (!host_port.empty()) {
    text += " host=" + Quoted(host_port.substr(0, colon));
  }
  if (colon != std::string::npos) {
    text += " port=" + Quoted(host_port.substr(colon + 1));
  }
  if (!credentials.empty()) {
    const auto separator = credentials.find(':');
    text += " user=" + Quoted(credentials.substr(0, separator));
    if (separator != std::string::npos) {
      text += " password=" + Quoted(credentials.substr(separator + 1));
    }
  }
  return DatabaseUrl{Dialect::kPostgres, "", text};
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url) {
  const std::string sqlite_prefix = "sqlite://";
  if (url.rfind(sqlite_prefix, 0) == 0) {
    const std::string path = url.substr(sqlite_prefix.size());
    if (path.empty()) {
      return Fail(BadUrl("must name a file: sqlite:///path/to/file.db."));
    }
    if (path.find_first_of(" '\"") != std::string::npos) {
      return Fail(BadUrl("must not contain spaces or quotes in the file path."));
    }
    return DatabaseUrl{Dialect::kSqlite, path, "db=" + path + " timeout=5"};
  }
  for (const std::string prefix : {"postgresql://", "postgres://"}) {
    if (url.rfind(prefix, 0) == 0) {
      return ParsePostgres(url.substr(prefix.size()));
    }
  }
  return Fail(BadUrl("must start with sqlite:// or postgresql://."));
}

}  // namespace concierge::storage
