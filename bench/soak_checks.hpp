// What the soak checks on one matrix: interval claims on D that must all intersect, the
// certificates behind each answer, and the relations that always hold between the measures
// (../shared/REFERENCE.md). A CaseCheck collects the claims and the problems of one matrix; the
// check_* functions feed it and never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/matrix.hpp"
#include "ccbound/engines/solve.hpp"

namespace ccbound::soak {

// lower <= D(M) <= upper, as someone claims it (no upper: a lower bound only).
struct Claim {
  std::string who;
  int lower = 0;
  std::optional<int> upper;
};

class CaseCheck {
 public:
  void fail(std::string what) { problems_.push_back(std::move(what)); }
  void claim(std::string who, int lower, std::optional<int> upper) {
    claims_.push_back({std::move(who), lower, upper});
  }
  // D(M), if some claim is exact.
  std::optional<int> exact_d() const;
  const std::vector<Claim>& claims() const { return claims_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<Claim> claims_;
  std::vector<std::string> problems_;
};

// One solve() answer on `input` (M, M^T or J - M): both sides of its interval must be checked
// (for the smt engine too: Z3's unsat is confirmed by CaDiCaL or kept apart as unchecked_lower).
void check_solve(CaseCheck& check, std::string_view who, const Matrix& input,
                 const SolveResult& r);

// One compute_bounds() answer on M: every measure's interval and certificate, the relations
// between them, and the bounds on D they imply (theirs, and recomputed here from the lower sides).
void check_bounds(CaseCheck& check, const Matrix& m, const BoundsResult& b);

// All claims must intersect; at most one problem line names the widest conflict.
void check_claims(CaseCheck& check);

}  // namespace ccbound::soak
