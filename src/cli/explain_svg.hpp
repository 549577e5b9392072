// The matrix grid of `explain`: one square per entry, rows for Alice's inputs and columns for
// Bob's, each square filled with the colour of the protocol leaf it reaches and marked 1 or 0.
#pragma once

#include <string>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "explain_tree.hpp"

namespace ccbound::cli {

// Requires: leaves partition m's entries (as unfold_protocol's do). Ensures: an inline <svg> with
// one <rect class="cell"> per entry carrying data-row, data-col, data-value and data-leaf; 1-cells
// and 0-cells differ in shade, in a text mark, and in class ("one" / "zero").
std::string matrix_svg(const Matrix& m, const std::vector<LeafRectangle>& leaves);

}  // namespace ccbound::cli
