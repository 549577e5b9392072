// The statement "T has a b-fooling set of at least s entries" as CNF: the claim a DRUP proof
// refutes to certify fool_b < s.
//
// Variables: V_e, "b-entry e is chosen" (entries numbered in row-major order); U_x, "some entry of
// row x is chosen"; and the counter S_{x,j}, "at least j of U_0..U_x are true", for j = 1..s.
// Clauses:
//   - (~V_a | ~V_b) for every pair of b-entries that is not fooling (they share a b-rectangle; two
//     entries of one row never fool, so at most one entry per row is chosen);
//   - U_x == (V_e1 | V_e2 | ...) over the entries of row x;
//   - S_{x,j} -> S_{x-1,j} | U_x, and S_{x,j} -> S_{x-1,j} | S_{x-1,j-1} for j >= 2, where
//     S_{-1,j} is false (for x = 0 the clauses lose those literals);
//   - the unit S_{last row,s}.
// By induction on x, S_{x,j} true implies at least j rows among 0..x with a chosen entry, so a
// model chooses a fooling set of >= s entries; conversely a fooling set of >= s entries (in
// distinct rows) with U and S set to their true values is a model. Counting rows rather than
// entries keeps the counter small: refuting 11 entries on the 0s of IP_4 took 6.6 s instead of
// 9.6 s, and on its 1s 0.4 s instead of 1.3 s. s = 0 leaves out the final unit (satisfiable).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/fooling_set.hpp"

namespace ccbound {

class FoolingFormula {
 public:
  // Requires: s >= 0. Ensures: satisfiable iff t has a colour-fooling set of at least s entries.
  FoolingFormula(const Matrix& t, bool colour, int s);

  int num_vars() const { return num_vars_; }
  const std::vector<std::vector<int>>& clauses() const { return clauses_; }
  // The colour-entries of t in row-major order; entry e is chosen iff variable chosen(e) is true.
  const std::vector<Entry>& entries() const { return entries_; }
  int chosen(std::size_t e) const { return int(e) + 1; }

  std::string to_dimacs() const;

 private:
  int row_used(std::size_t x) const { return int(entries_.size() + x) + 1; }
  int at_least(std::size_t x, int j) const {
    return int(entries_.size() + rows_) + int(x) * s_ + j;
  }
  void add_rows();
  void add_counter();

  int s_;
  bool colour_;
  std::size_t rows_, cols_;
  std::vector<Entry> entries_;
  int num_vars_ = 0;
  std::vector<std::vector<int>> clauses_;
};

}  // namespace ccbound
