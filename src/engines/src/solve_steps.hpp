// The steps solve() is made of, shared by its engine strategies (an implementation detail).
//
// Every step only tightens the certified interval [r.lower, r.upper] and adopts a value only after
// its certificate has been checked by code that shares nothing with the engine that produced it.
// Every step takes the one PreparedMatrix solve() made.
#pragma once

#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/engines/smt_backend.hpp"
#include "ccbound/engines/solve.hpp"

namespace ccbound::steps {

// Adds a reason to r.note ("...; ..."): why the answer may not be exact.
void add_note(SolveResult& r, const std::string& note);

// Adopts `protocol` as the upper bound if the verifier accepts it and it is shallower. A protocol
// the verifier rejects is a bug in an engine: throws std::logic_error.
void offer_protocol(SolveResult& r, const Matrix& m, Protocol protocol, const std::string& method);

// The shallower one-way protocol.
void set_oneway_upper(SolveResult& r, const PreparedMatrix& p);

// Rank witnesses over GF(2), then GF(p), while they can still raise the lower bound. A check that
// would overrun the stop slack is skipped (noted, and r.timed_out set).
void offer_rank_bounds(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline);

// Exact search between the current bounds (requires at most 64 distinct rows and columns).
void run_search(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline);

// Asks CaDiCaL whether depth k is possible, with a DRUP proof kept in proof_dir. UNSAT with a
// proof our checker accepts raises the lower bound to k + 1; SAT offers the decoded protocol.
// Returns false when the deadline passed first (the proof check included), or when the formula or
// its proof would not fit the budgets (engines/src/formula_budget.hpp): then r.note says
// "skipped: ..." (it is left empty otherwise).
bool sat_step(SolveResult& r, const PreparedMatrix& p, int k, const Deadline& deadline,
              const std::string& proof_dir);

// Asks Z3 whether depth k is possible; SAT offers the decoded protocol. Returns Z3's answer and
// adopts nothing else: an unsat answer has no proof. Unknown with r.note "skipped: ..." when the
// encoding would not fit the budgets (r.note is left empty otherwise).
SmtStatus smt_step(SolveResult& r, const PreparedMatrix& p, int k, const Deadline& deadline);

// Z3 answered unsat at depth k: confirms it by sat_step (a checked DRUP proof) in the time left,
// else records it as r.unchecked_lower. CaDiCaL finding a protocol of depth k instead is an
// internal error (the two back ends disagree).
void confirm_smt_refutation(SolveResult& r, const PreparedMatrix& p, int k,
                            const Deadline& deadline, const std::string& proof_dir);

}  // namespace ccbound::steps
