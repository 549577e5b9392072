// Catch2 checks on the CNF back end shared by the SAT and cross-engine tests.
#pragma once

#include <catch2/catch.hpp>

#include "ccbound/protocols/verifier.hpp"
#include "ccbound/engines/sat_backend.hpp"

namespace ccbound::testing {

// CaDiCaL finds a protocol of depth <= k, and the verifier accepts it at that cost.
inline void check_sat_at(const Matrix& m, int k) {
  const SatAnswer answer = sat_decide_depth(m, k, Deadline());
  REQUIRE(answer.status == SatStatus::sat);
  const Verdict v = verify_protocol(m, answer.protocol);
  CHECK(v.ok);
  CHECK(v.cost <= k);
}

// ... and D(m) = d exactly: depth d - 1 is refuted.
inline void check_sat_finds_exactly(const Matrix& m, int d) {
  check_sat_at(m, d);
  if (d > 0) CHECK(sat_decide_depth(m, d - 1, Deadline()).status == SatStatus::unsat);
}

}  // namespace ccbound::testing
