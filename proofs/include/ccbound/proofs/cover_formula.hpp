// The statement "the b-entries of T can be covered (partitioned) by k b-rectangles" as CNF: the
// claim a DRUP proof refutes to certify C_b > k (chi_b > k).
//
// Like depth_formula.hpp it lives beside the checkers: the engine solves it, and the checker
// regenerates it from the matrix and the pinned fooling set before it checks a proof.
//
// Variables, for rectangles i = 0..k-1:
//   R_{i,x}  row x is in rectangle i          C_{i,y}  column y is in rectangle i
//   Z_{i,e}  b-entry e = (x, y) is in rectangle i, i.e. R_{i,x} & C_{i,y}
// Clauses:
//   - monochromatic: (~R_{i,x} | ~C_{i,y}) for every entry (x, y) that is not b;
//   - covered: Z_{i,e} -> R_{i,x}, Z_{i,e} -> C_{i,y}, and (Z_{0,e} | ... | Z_{k-1,e});
//   - partition only: R_{i,x} & C_{i,y} -> Z_{i,e}, and ~Z_{i,e} | ~Z_{j,e} for i < j.
// A model's rectangles {x : R_{i,x}} x {y : C_{i,y}} cover (partition) the b-entries, some may be
// empty; conversely any cover (partition) with at most k rectangles satisfies the clauses.
//
// Covers only: every rectangle is maximal, (R_{i,x} | C_{i,y1} | ... ) over the columns y where row
// x is not b, and the same for columns. Sound because each rectangle of a cover can be grown to a
// maximal one and the result is still a cover with as many rectangles (not so for partitions).
//
// Symmetry breaking by a b-fooling set P = (p_0, ..., p_{s-1}), s <= k: the units R_{j,x_j},
// C_{j,y_j} put p_j in rectangle j. Sound because no rectangle contains two entries of P, so in any
// cover the rectangles containing p_0, ..., p_{s-1} are distinct and can be renumbered 0..s-1. The
// checker must therefore check P (proofs/fooling_set.hpp) as part of the certificate. The other
// rectangles s..k-1 are interchangeable, so their row sets are put in lexicographic order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/fooling_set.hpp"

namespace ccbound {

class CoverFormula {
 public:
  // Requires: pinned.colour == colour and pinned is a fooling set of t with at most k entries
  // (else the formula may be unsatisfiable for a coverable matrix: check it first); 0 <= k.
  // Ensures: satisfiable iff the colour-entries of t have a cover (partition, if `partition`) by
  // at most k colour-rectangles.
  CoverFormula(const Matrix& t, bool colour, int k, bool partition, const FoolingSet& pinned);

  int rectangles() const { return k_; }
  int num_vars() const { return num_vars_; }
  const std::vector<std::vector<int>>& clauses() const { return clauses_; }

  // Variables (positive DIMACS indices) for decoding a model.
  int row_in(int i, std::size_t x) const { return i * int(rows_) + int(x) + 1; }
  int col_in(int i, std::size_t y) const { return col_base_ + i * int(cols_) + int(y) + 1; }

  std::string to_dimacs() const;

 private:
  // Entry-major, so that entries can be numbered as they are met.
  int entry_in(int i, std::size_t e) const { return entry_base_ + int(e) * k_ + i + 1; }
  void add_entry(std::size_t e, std::size_t x, std::size_t y);
  void add_maximality(const Matrix& t);
  void add_row_order(int i);

  int k_;
  bool colour_, partition_;
  std::size_t rows_, cols_, entries_ = 0;
  int col_base_, entry_base_, num_vars_;
  std::vector<std::vector<int>> clauses_;
};

}  // namespace ccbound
