// The steps solve() is made of, shared by its engine strategies (an implementation detail).
//
// Every step only tightens [r.lower, r.upper] and adopts a value only after its certificate has
// been checked by code that shares nothing with the engine that produced it.
#pragma once

#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/engines/solve.hpp"

namespace ccbound::steps {

// Adopts `protocol` as the upper bound if the verifier accepts it and it is shallower. A protocol
// the verifier rejects is a bug in an engine: throws std::logic_error.
void offer_protocol(SolveResult& r, const Matrix& m, Protocol protocol, const std::string& method);

// The shallower one-way protocol.
void set_oneway_upper(SolveResult& r, const Matrix& m);

// Rank witnesses over GF(2), then GF(p), while they can still raise the lower bound.
void offer_rank_bounds(SolveResult& r, const Matrix& m, const Deduplicated& d,
                       const Deadline& deadline);

// Exact search between the current bounds (requires at most 64 distinct rows and columns).
void run_search(SolveResult& r, const Matrix& m, const Deadline& deadline);

// Asks CaDiCaL whether depth k is possible, with a DRUP proof written to proof_dir. UNSAT with a
// proof our checker accepts raises the lower bound to k + 1; SAT offers the decoded protocol.
// Returns false when the deadline passed first.
bool sat_step(SolveResult& r, const Matrix& m, int k, const Deadline& deadline,
              const std::string& proof_dir);

// The same with Z3 (no proof: a lower bound from it is marked unchecked).
bool smt_step(SolveResult& r, const Matrix& m, int k, const Deadline& deadline);

}  // namespace ccbound::steps
