// Builds the depth-k CNF (see depth_formula.hpp for the encoding and why it is sound).
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/proofs/dimacs_writer.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace ccbound {

DepthFormula::DepthFormula(const Matrix& t, int k) : k_(k), rows_(t.rows()), cols_(t.cols()) {
  if (k < 0 || k > 16) throw std::invalid_argument("DepthFormula: depth must be in [0, 16]");
  const int nodes = (1 << (k + 1)) - 1;
  internal_ = (1 << k) - 1;
  bob_base_ = internal_ + internal_ * int(rows_);
  label_base_ = bob_base_ + internal_ * int(cols_);
  reach_base_ = label_base_ + (1 << k);
  col_base_ = reach_base_ + (nodes - 1) * int(rows_);
  before_base_ = col_base_ + (nodes - 1) * int(cols_);
  col_before_base_ = before_base_ + (internal_ - 1) * int(rows_);
  num_vars_ = col_before_base_ + (internal_ - 1) * int(cols_);
  if (internal_ < 1) num_vars_ = col_base_;
  for (int v = 1; v <= internal_; ++v) add_internal_node(v);
  for (int w = internal_ + 1; w <= nodes; ++w) add_leaf(t, w);
}

// Literals that are constant true (the root's reach variables) are passed as 0 and left out.
void DepthFormula::add(std::vector<int> clause) {
  std::erase(clause, 0);
  clauses_.push_back(std::move(clause));
}

void DepthFormula::add_internal_node(int v) {
  const int s = speaker(v);
  for (std::size_t x = 0; x < rows_; ++x) {
    const int reach = v == 1 ? 0 : -row_reaches(v, x);
    const int a = alice_bit(v, x);
    add({reach, a, row_reaches(2 * v, x)});
    add({reach, -a, row_reaches(2 * v + 1, x)});
    add({reach, s, row_reaches(2 * v, x)});
    add({reach, s, row_reaches(2 * v + 1, x)});
  }
  for (std::size_t y = 0; y < cols_; ++y) {
    const int reach = v == 1 ? 0 : -col_reaches(v, y);
    const int b = bob_bit(v, y);
    add({reach, b, col_reaches(2 * v, y)});
    add({reach, -b, col_reaches(2 * v + 1, y)});
    add({reach, -s, col_reaches(2 * v, y)});
    add({reach, -s, col_reaches(2 * v + 1, y)});
  }
  add({-alice_bit(v, 0)});  // symmetry breaking, see the header
  add({-bob_bit(v, 0)});
  for (std::size_t x = 0; x < rows_; ++x) add({s, -alice_bit(v, x)});
  for (std::size_t y = 0; y < cols_; ++y) add({-s, -bob_bit(v, y)});
  if (v >= 2) add_first_sends_zero(v);
}

// The first row marked as reaching v sends 0 there, and likewise the first column.
void DepthFormula::add_first_sends_zero(int v) {
  for (std::size_t x = 1; x < rows_; ++x) {
    add({-row_before(v, x), x == 1 ? 0 : row_before(v, x - 1), row_reaches(v, x - 1)});
    add({-row_reaches(v, x), row_before(v, x), -alice_bit(v, x)});
  }
  for (std::size_t y = 1; y < cols_; ++y) {
    add({-col_before(v, y), y == 1 ? 0 : col_before(v, y - 1), col_reaches(v, y - 1)});
    add({-col_reaches(v, y), col_before(v, y), -bob_bit(v, y)});
  }
}

void DepthFormula::add_leaf(const Matrix& t, int w) {
  const bool root = w == 1;
  for (std::size_t x = 0; x < rows_; ++x)
    for (std::size_t y = 0; y < cols_; ++y) {
      const int out = t.at(x, y) ? label(w) : -label(w);
      add({root ? 0 : -row_reaches(w, x), root ? 0 : -col_reaches(w, y), out});
    }
}

std::string DepthFormula::to_dimacs() const {
  return to_dimacs_text(
      fmt::format("ccbound: M has a protocol of depth <= {} ({} x {} deduplicated)", k_, rows_,
                  cols_),
      num_vars_, clauses_);
}

}  // namespace ccbound
