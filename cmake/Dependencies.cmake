# Every dependency comes from Debian's packages (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
# RESTinio's config needs fmt found first (STACK-NOTES.md).
find_package(restinio REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(date REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(CURL REQUIRED)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(JWT REQUIRED IMPORTED_TARGET libjwt)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(QRCODEGEN REQUIRED IMPORTED_TARGET qrcodegencpp)

# SOCI ships neither a CMake config nor a pkg-config file.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE_LIBRARY soci_sqlite3 REQUIRED)
add_library(soci_all INTERFACE)
target_include_directories(soci_all INTERFACE ${SOCI_INCLUDE_DIR})
# Only the SQLite back end for now; the PostgreSQL one joins with the scale path.
target_link_libraries(soci_all INTERFACE
  ${SOCI_SQLITE_LIBRARY} ${SOCI_CORE_LIBRARY} SQLite::SQLite3 ${CMAKE_DL_LIBS})
