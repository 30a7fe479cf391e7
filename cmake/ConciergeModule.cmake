# concierge_module(NAME SOURCES ... [DEPS ...] [TESTS ...])
#
# Each domain module is one static library `concierge_<NAME>`; its unit tests
# (`*_test.cpp` beside the sources) build into `<NAME>_test`, registered with CTest.
function(concierge_module name)
  cmake_parse_arguments(MOD "" "" "SOURCES;DEPS;TESTS;TEST_DEPS" ${ARGN})
  set(target concierge_${name})
  add_library(${target} STATIC ${MOD_SOURCES})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${MOD_DEPS})
  if(MOD_TESTS)
    add_executable(${name}_test ${MOD_TESTS})
    target_link_libraries(${name}_test PRIVATE ${target} ${MOD_TEST_DEPS} GTest::gtest GTest::gtest_main)
    gtest_discover_tests(${name}_test TEST_PREFIX "${name}." DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
