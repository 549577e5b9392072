// Covers and partitions of the b-entries of M by b-monochromatic rectangles, and their checker.
//
// The least number of 1-rectangles covering the 1s is the cover number C1 (N1 = ceil(log2 C1) is
// the nondeterministic complexity); if they must not overlap, it is the partition number chi1 (the
// binary rank). The leaves of a protocol partition M into monochromatic rectangles, so
// leaves >= chi1 + chi0 >= C1 + C0. An explicit cover or partition is the certificate of an upper
// bound on these numbers; this checker re-walks it entry by entry and shares no engine code.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/witness_check.hpp"

namespace ccbound {

struct Rectangle {
  std::vector<std::uint32_t> rows;  // distinct row indices of M
  std::vector<std::uint32_t> cols;  // distinct column indices of M
};

struct RectangleCover {
  bool colour = true;      // the value b of the entries covered
  bool partition = false;  // every b-entry in exactly one rectangle (else: at least one)
  std::vector<Rectangle> rectangles;
};

// Ensures: ok iff every rectangle has at least one row and one column, distinct in-range indices,
// only cover.colour entries, and every cover.colour entry of m lies in at least one rectangle
// (exactly one when cover.partition).
WitnessCheck check_rectangle_cover(const Matrix& m, const RectangleCover& cover);

}  // namespace ccbound
