// A matrix prepared once for the engines: the original matrix, whose row and column indices every
// protocol and certificate speaks of, beside its deduplicated form (duplicate rows and columns
// removed; D, the ranks, the partition, cover and fooling-set numbers and the one-way costs are
// unchanged) and the maps between the two.
//
// solve() and bounds() build one PreparedMatrix per problem and pass it down to every step and
// engine, so the deduplication and the class lists are computed once per problem rather than once
// per step or per depth. The checkers never take one: they derive what they need from the matrix.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

struct PreparedMatrix {
  Matrix original;
  Deduplicated reduced;  // reduced.matrix has pairwise distinct rows and columns
  // The original rows (columns) in each row (column) class of reduced.matrix, increasing.
  std::vector<std::vector<std::uint32_t>> row_members;
  std::vector<std::vector<std::uint32_t>> col_members;

  const Matrix& distinct() const { return reduced.matrix; }
};

// Ensures: result.original == m, result.reduced == deduplicate(m), and the member lists invert
// reduced.row_class and reduced.col_class.
PreparedMatrix prepare(const Matrix& m);

// The original indices of every class in `classes` (a row list when rows, else a column list),
// in increasing order.
std::vector<std::uint32_t> original_members(const PreparedMatrix& p,
                                            const std::vector<std::uint32_t>& classes, bool rows);

}  // namespace ccbound
