// Fooling sets and their checker.
//
// A b-fooling set is a set of b-entries of M such that for any two of them, (x1, y1) and (x2, y2),
// M[x1][y2] != b or M[x2][y1] != b: no b-monochromatic rectangle contains two of them. So every
// protocol needs a separate b-leaf for each, and leaves >= fool1 + fool0 gives
// D >= ceil(log2(fool1 + fool0)). The same fact bounds the cover and partition numbers from below,
// and it is what makes pinning a fooling set's entries to distinct rectangles a sound symmetry
// break in cover_formula.hpp. The checker shares no code with the engines.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/witness_check.hpp"

namespace ccbound {

struct Entry {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  bool operator==(const Entry&) const = default;
};

struct FoolingSet {
  bool colour = true;  // the value b of every entry
  std::vector<Entry> entries;
};

// True iff no `colour`-monochromatic rectangle of m contains both a and b (a != b, both in range).
bool fooling_pair(const Matrix& m, bool colour, Entry a, Entry b);

// Ensures: ok iff the entries are pairwise distinct, in range, all equal to set.colour in m, and
// pairwise fooling. Quadratic in the size of the set.
WitnessCheck check_fooling_set(const Matrix& m, const FoolingSet& set);

}  // namespace ccbound
