// The CaDiCaL back end: decides "M has a protocol of depth <= k" on the DepthFormula of the
// deduplicated matrix, decodes a model into a protocol over the original indices, and on request
// writes a DRAT proof of unsatisfiability that proofs/drup_checker re-checks.
#pragma once

#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/matrix.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

enum class SatStatus { sat, unsat, unknown };

struct SatAnswer {
  SatStatus status = SatStatus::unknown;
  Protocol protocol;  // when sat: computes m in at most k bits (unverified: the caller verifies)
  double seconds = 0;
  int variables = 0;
  std::size_t clauses = 0;
};

// Requires: 0 <= k <= 16. If proof_path is not empty, CaDiCaL writes its binary DRAT proof there
// (meaningful when the answer is unsat). Returns unknown when the deadline passes.
SatAnswer sat_decide_depth(const Matrix& m, int k, const Deadline& deadline,
                           const std::string& proof_path = "");

}  // namespace ccbound
