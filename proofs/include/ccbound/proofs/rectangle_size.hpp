// The largest b-monochromatic rectangle, and the size bound it gives: every b-rectangle of a cover
// holds at most that many b-entries, so C_b >= ceil(#b-entries / largest) (and chi_b >= C_b).
//
// There is no witness to check for "no rectangle is larger": the number is computed here, in the
// checkers' library, by exhaustive enumeration, and the engines only read it. The enumeration runs
// over the subsets of the smaller side of the deduplicated matrix, weighting each class by its
// number of duplicates, so it is limited to kMaxSizeBoundSide classes on that side.
#pragma once

#include <cstdint>
#include <optional>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

inline constexpr std::size_t kMaxSizeBoundSide = 20;

struct RectangleSizeBound {
  std::uint64_t largest = 0;  // entries in the largest colour-rectangle of M
  std::uint64_t entries = 0;  // colour-entries of M
  int cover_lower() const { return largest == 0 ? 0 : int((entries + largest - 1) / largest); }
};

// Ensures: the exact largest colour-rectangle of m, or nullopt when both sides of the deduplicated
// matrix have more than kMaxSizeBoundSide classes, or the larger side more than 64.
std::optional<RectangleSizeBound> rectangle_size_bound(const Matrix& m, bool colour);

}  // namespace ccbound
