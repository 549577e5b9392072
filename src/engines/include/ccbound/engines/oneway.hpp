// One-way protocols: one party announces which class its input falls in (its row restricted to
// the rectangle, or its column), the other answers with the output bit. The cost is
// ceil(log2 #classes) + 1 at most, which is the upper bound every search starts from and the
// one-way complexity measure itself (without the answer bit).
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

// ceil(log2 classes): bits to name one of `classes` classes (0 for one class).
int bits_to_name(std::size_t classes);

// Appends to `protocol` a subtree for the rectangle rows x cols of m in which `first` announces its
// class in binary and the other party then sends the answer, skipped where the class is already
// monochromatic. Requires: rows and cols non-empty, indices in range. Returns the subtree's root.
NodeId add_oneway_subtree(Protocol& protocol, const Matrix& m,
                          const std::vector<std::uint32_t>& rows,
                          const std::vector<std::uint32_t>& cols, Speaker first);

// The whole-matrix one-way protocol; its depth is at most bits_to_name(#distinct) + 1.
Protocol oneway_protocol(const Matrix& m, Speaker first);

}  // namespace ccbound
