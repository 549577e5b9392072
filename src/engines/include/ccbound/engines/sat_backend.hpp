// The CaDiCaL back end for D: decides "M has a protocol of depth <= k" on the DepthFormula of the
// deduplicated matrix (proofs/depth_formula), and decodes a model into a protocol over the original
// indices. solve() runs the same formula through solve_cnf (cnf_solver.hpp), which checks the DRUP
// proof of an unsat answer; sat_decide_depth is the plain decision, for tests and cross-checks.
#pragma once

#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/engines/cnf_solver.hpp"
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

struct SatAnswer {
  SatStatus status = SatStatus::unknown;
  Protocol protocol;  // when sat: computes m in at most k bits (unverified: the caller verifies)
  double seconds = 0;
  int variables = 0;
  std::size_t clauses = 0;
};

// Requires: formula == DepthFormula(p.distinct(), k) for some k, and model a satisfying assignment
// of it (model[v] for v = 1..num_vars). Ensures: a protocol over p.original's indices of depth
// <= k (unverified: the caller verifies), skipping nodes where the speaker sends the same bit on
// every input that reaches them.
Protocol decode_depth_model(const DepthFormula& formula, const PreparedMatrix& p,
                            const std::vector<bool>& model);

// Requires: 0 <= k <= 16. If proof_path is not empty, CaDiCaL writes its binary DRAT proof there
// (meaningful when the answer is unsat; nothing checks it here). Returns unknown when the deadline
// passes.
SatAnswer sat_decide_depth(const PreparedMatrix& p, int k, const Deadline& deadline,
                           const std::string& proof_path = "");

inline SatAnswer sat_decide_depth(const Matrix& m, int k, const Deadline& deadline,
                                  const std::string& proof_path = "") {
  return sat_decide_depth(prepare(m), k, deadline, proof_path);
}

}  // namespace ccbound
