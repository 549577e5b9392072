# The fuzz targets and what they link, shared by the libFuzzer build (tests/fuzz/CMakeLists.txt,
# CCBOUND_FUZZ=ON, Clang) and the replay build (tests/CMakeLists.txt, any compiler), where each
# target is linked with standalone_main.cpp and run over its corpus and regression inputs.

set(CCBOUND_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

#   target      library it exercises
set(CCBOUND_FUZZ_TARGETS
    matrix      ccbound::core
    protocol    ccbound::protocols
    dimacs      ccbound::proofs
    drat        ccbound::proofs
    claims      ccbound::claims
    expression  ccbound::claims)

# Calls add(name library) for each row of CCBOUND_FUZZ_TARGETS.
macro(ccbound_foreach_fuzz_target add)
  set(_rows ${CCBOUND_FUZZ_TARGETS})
  while(_rows)
    list(POP_FRONT _rows _name _library)
    cmake_language(CALL ${add} ${_name} ${_library})
  endwhile()
endmacro()

function(ccbound_add_fuzz_replay name library)
  add_executable(fuzz_${name}_replay ${CCBOUND_FUZZ_DIR}/fuzz_${name}.cpp
                                     ${CCBOUND_FUZZ_DIR}/standalone_main.cpp)
  target_link_libraries(fuzz_${name}_replay PRIVATE ${library} fmt::fmt)
  target_include_directories(fuzz_${name}_replay PRIVATE ${CCBOUND_FUZZ_DIR})
  ccbound_target_defaults(fuzz_${name}_replay)
endfunction()

# One test, fuzz_regressions, replaying every target over corpus/<name>/ and regressions/<name>/.
function(ccbound_add_fuzz_regressions)
  ccbound_foreach_fuzz_target(ccbound_add_fuzz_replay)
  set(pairs "")
  set(_rows ${CCBOUND_FUZZ_TARGETS})
  while(_rows)
    list(POP_FRONT _rows _name _library)
    list(APPEND pairs "${_name}=$<TARGET_FILE:fuzz_${_name}_replay>")
  endwhile()
  add_test(NAME fuzz_regressions COMMAND bash ${CCBOUND_FUZZ_DIR}/replay.sh ${CCBOUND_FUZZ_DIR}
                                         ${pairs})
  set_tests_properties(fuzz_regressions PROPERTIES TIMEOUT 600)
endfunction()
