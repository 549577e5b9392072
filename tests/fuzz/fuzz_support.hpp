// What every fuzz target shares: the input bound and the rule for which exceptions are expected.
//
// A target hands the parser the fuzzer's bytes inside expect_input_errors(). An InputError (and so
// an ExpressionError, which is one) is the documented answer to bad input and ends the run
// quietly; any other exception escapes, which libFuzzer and the standalone runner both report as a
// crash. Inputs over kMaxFuzzInput bytes are skipped, so the fuzzer hunts for wrong answers to
// small inputs rather than rediscovering that large inputs are slow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ccbound/core/error.hpp"

namespace ccbound::fuzz {

inline constexpr std::size_t kMaxFuzzInput = 64 * 1024;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs f(); returns normally when it succeeds or throws InputError, and lets anything else escape.
template <class F>
void expect_input_errors(F&& f) {
  try {
    f();
  } catch (const InputError&) {
  }
}

// A property the parser promised does not hold: report it and abort, so it is a finding.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

}  // namespace ccbound::fuzz
