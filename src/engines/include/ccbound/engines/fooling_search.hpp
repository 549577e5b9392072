// The largest fooling set of one colour, exactly: a greedy clique in the "fooling pair" graph,
// then SAT on FoolingFormula for one more entry until the formula is refuted with a checked DRUP
// proof, or a proved upper bound (a cover number, or the distinct rows and columns) is met.
//
// Works on the deduplicated matrix (entries of a fooling set lie in distinct rows and columns, so
// duplicates never help) and returns entries in the original indices. On timeout the interval
// proved so far is returned, and likewise when the next formula would not fit the memory or time
// budget (engines/src/formula_budget.hpp), with the reason in `skipped`. Callers re-check the
// witness with proofs/fooling_set before use.
#pragma once

#include <optional>
#include <string>

#include "ccbound/engines/cnf_solver.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/proofs/fooling_set.hpp"

namespace ccbound {

struct FoolingResult {
  FoolingSet best;  // a fooling set of m: fool >= best.entries.size()
  int upper = 0;    // fool <= upper
  std::string upper_reason;
  std::optional<CheckedRefutation> refutation;  // behind `upper`, when it is a SAT refutation
  bool timed_out = false;
  std::string skipped;  // "skipped: ...": why SAT was not tried, or stopped short, for want of room
  bool exact() const { return int(best.entries.size()) == upper; }
};

// A fooling set from greedy passes only (no SAT, no upper side beyond the trivial one): the pin
// for the cover searches, which then give the upper hint for max_fooling_set.
FoolingSet greedy_fooling_set(const PreparedMatrix& p, bool colour, const Deadline& deadline);

// Requires: `upper_hint` is a proved upper bound (a cover number) or -1, with its reason.
// Ensures: best is a colour-fooling set of m = p.original; upper >= the largest such set.
FoolingResult max_fooling_set(const PreparedMatrix& p, bool colour, int upper_hint,
                              const std::string& hint_reason, const Deadline& deadline,
                              const ProofFiles& files);

}  // namespace ccbound
