// The statement "M has a protocol of depth <= k" as a CNF formula: the claim that DRUP proofs
// refute.
//
// The formula lives beside the checkers, not in the engines, because it is the *statement* a proof
// is checked against: the SAT back end solves it, and `ccbound verify` regenerates it from the
// matrix and requires the saved CNF to be exactly this formula before it checks the proof. Its
// soundness (UNSAT implies no protocol of depth <= k) is argued below and cross-checked in the
// tests against the search engine, the Z3 encoding and a naive recursion.
//
// Encoding of the deduplicated r x c matrix T as a complete binary tree of depth k, nodes in heap
// order (root 1, children 2v and 2v+1, leaves 2^k .. 2^(k+1) - 1):
//   S_v      internal node v belongs to Alice (else Bob)
//   A_{v,x}  the bit Alice sends at v on row x;   B_{v,y} the bit Bob sends at v on column y
//   L_w      the output of leaf w
//   RA_{v,x} row x may reach node v;              RB_{v,y} column y may reach node v (v >= 2)
// Clauses, for each internal v with children v0 = 2v, v1 = 2v + 1:
//   RA_{v,x} & ~A_{v,x} -> RA_{v0,x}    RA_{v,x} & A_{v,x} -> RA_{v1,x}    RA_{v,x} & ~S_v -> both
//   RB_{v,y} & ~B_{v,y} -> RB_{v0,y}    RB_{v,y} & B_{v,y} -> RB_{v1,y}    RB_{v,y} &  S_v -> both
// and for each leaf w and entry (x, y):  RA_{w,x} & RB_{w,y} -> (L_w == T[x][y]). The root is
// reached by everything (its RA/RB are the constant true and are left out). Any protocol of depth
// <= k pads to a complete tree of depth k (a node whose speaker sends 0 on every input), and its
// reach sets satisfy the clauses; conversely, in any model the inputs that truly reach a node are a
// subset of those marked, so every (x, y) lands on a leaf labelled T[x][y]. Symmetry breaking, each
// part satisfiability-preserving:
// - The listener's bits at a node are never read (both children are reached), so they are fixed to
// 0:
//   S_v -> ~B_{v,y} and ~S_v -> ~A_{v,x}.
// - Swapping the two subtrees of a node and complementing its speaker's bits gives a protocol with
// the
//   same function and depth. Applying this top-down, any protocol can be made to satisfy: at every
//   node the first input of the speaker that reaches it sends 0. With reach sets set exactly, that
//   is "RA_{v,x} and no row before x reaches v -> ~A_{v,x}" (auxiliary BR_{v,x} = "some row before
//   x is marked as reaching v", constrained only upwards, which is all the implication needs),
//   likewise for Bob, and ~A_{v,0}, ~B_{v,0} outright (input 0 either is the first to reach or is
//   not read).
// Measured on gap instances (9 x 9, 12 x 9): about 17% less time to refute depth D - 1 than with
// the units ~A_{v,0}, ~B_{v,0} alone.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

class DepthFormula {
 public:
  // Requires: 0 <= k <= 16; t is the deduplicated matrix (any matrix is accepted: duplicates only
  // make the formula larger). Ensures: satisfiable iff t has a protocol of depth <= k.
  DepthFormula(const Matrix& t, int k);

  int depth() const { return k_; }
  int num_vars() const { return num_vars_; }
  const std::vector<std::vector<int>>& clauses() const { return clauses_; }

  // Variables (positive DIMACS indices) for decoding a model.
  int speaker(int v) const { return v; }
  int alice_bit(int v, std::size_t x) const {
    return internal_ + (v - 1) * int(rows_) + int(x) + 1;
  }
  int bob_bit(int v, std::size_t y) const { return bob_base_ + (v - 1) * int(cols_) + int(y) + 1; }
  int label(int leaf) const { return label_base_ + (leaf - (internal_ + 1)) + 1; }
  int internal_nodes() const { return internal_; }

  std::string to_dimacs() const;

 private:
  int row_reaches(int v, std::size_t x) const {
    return reach_base_ + (v - 2) * int(rows_) + int(x) + 1;
  }
  int col_reaches(int v, std::size_t y) const {
    return col_base_ + (v - 2) * int(cols_) + int(y) + 1;
  }
  // "some row (column) before x (y) is marked as reaching v", for v >= 2 and x, y >= 1
  int row_before(int v, std::size_t x) const {
    return before_base_ + (v - 2) * int(rows_) + int(x);
  }
  int col_before(int v, std::size_t y) const {
    return col_before_base_ + (v - 2) * int(cols_) + int(y);
  }
  void add_first_sends_zero(int v);
  void add(std::vector<int> clause);
  void add_internal_node(int v);
  void add_leaf(const Matrix& t, int w);

  int k_;
  std::size_t rows_, cols_;
  int internal_, bob_base_, label_base_, reach_base_, col_base_, before_base_, col_before_base_;
  int num_vars_;
  std::vector<std::vector<int>> clauses_;
};

}  // namespace ccbound
