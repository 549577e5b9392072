// The least number of b-rectangles covering, or partitioning, the b-entries, exactly: SAT on
// CoverFormula with a fooling set pinned, first at the proved lower bound, then downwards from the
// trivial cover by distinct rows or columns; the last refutation carries a checked DRUP proof.
//
// Works on the deduplicated matrix (duplicates change neither number) and returns rectangles in
// the original indices. On timeout the interval proved so far is returned, and likewise when the
// next formula would not fit the memory or time budget (engines/src/formula_budget.hpp), with the
// reason in `skipped`. Callers re-check the cover with proofs/rectangle_cover before use.
#pragma once

#include <optional>
#include <string>

#include "ccbound/engines/cnf_solver.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/proofs/fooling_set.hpp"
#include "ccbound/proofs/rectangle_cover.hpp"

namespace ccbound {

struct CoverResult {
  RectangleCover best;  // of m: the number is <= best.rectangles.size()
  int lower = 0;        // the number is >= lower
  std::string lower_reason;
  FoolingSet pinned;   // the fooling set pinned in the refuted formula (original indices)
  int refuted_k = -1;  // the refutation says: no cover/partition with refuted_k rectangles
  std::optional<CheckedRefutation> refutation;
  bool timed_out = false;
  std::string skipped;  // "skipped: the formula would need ~N clauses ...": why SAT stopped short
  int upper() const { return int(best.rectangles.size()); }
  bool exact() const { return lower == upper(); }
};

// Requires: `pinned` is a colour-fooling set of m (checked by the caller); known_lower a proved
// lower bound (e.g. a rank for a partition) with its reason, or 0.
// Ensures: best covers (partitions) the colour-entries of m = p.original; lower <= the cover
// (partition) number.
CoverResult min_rectangle_cover(const PreparedMatrix& p, bool colour, bool partition,
                                const FoolingSet& pinned, int known_lower,
                                const std::string& known_reason, const Deadline& deadline,
                                const ProofFiles& files);

}  // namespace ccbound
