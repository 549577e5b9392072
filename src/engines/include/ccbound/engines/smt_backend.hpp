// The Z3 back end: a second, independent decision procedure for "M has a protocol of depth <= k".
//
// It exists to cross-check the CaDiCaL back end, so it shares no encoding code with the CNF one:
// instead of tracking which rows and columns reach each node of a complete depth-k tree, it gives
// every input pair its own path bits and selects the node each bit is sent at with multiplexers
// (see smt_backend.cpp). A model is decoded into a Protocol over the original matrix's indices
// (unverified: callers re-run it through protocols/verifier). The same query can be exported as
// SMT-LIB 2 text for --smt2-out, so anyone can re-run it with their own solver.
#pragma once

#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

enum class SmtStatus { sat, unsat, unknown };

struct SmtAnswer {
  SmtStatus status = SmtStatus::unknown;
  Protocol protocol;  // when sat: a protocol of depth <= k on the original rows and columns
  double seconds = 0;
  std::string skipped;  // when unknown because Z3 was not even asked: "skipped: ..." (why)
};

// Requires: k >= 0 and p.original not empty (else throws InputError). Decides with Z3 whether
// m = p.original has a protocol of depth <= k. When sat, `protocol` computes m in at most k bits,
// each Alice node's `ones` listing the original rows that reach the node and send 1 (likewise for
// Bob). Returns unknown when the deadline passes (a running Z3 call is interrupted within about
// 10 ms: z3::context::interrupt, though its first phases notice late) or Z3 gives up, and, with
// `skipped` saying why, when the encoding would not fit the memory or the stop slack
// (engines/src/formula_budget.hpp). Throws std::runtime_error if Z3 reports an error.
// Never prints. An unsat answer carries no proof: solve() confirms it with a checked engine.
SmtAnswer smt_decide_depth(const PreparedMatrix& p, int k, const Deadline& deadline);

// The same on a matrix prepared here, with timeout_seconds (<= 0: no limit).
inline SmtAnswer smt_decide_depth(const Matrix& m, int k, double timeout_seconds) {
  return smt_decide_depth(prepare(m), k, Deadline(timeout_seconds));
}

// Requires: as smt_decide_depth. Ensures: the same query (same encoding of the deduplicated
// matrix) as SMT-LIB 2 text, ending in (check-sat); sat iff m has a protocol of depth <= k.
std::string smt2_query(const Matrix& m, int k);

}  // namespace ccbound
