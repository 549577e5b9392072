// Index-list checks shared by the checkers (private to proofs/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

namespace ccbound {

// True iff the indices are pairwise distinct and all below `limit` (an empty list is accepted).
inline bool distinct_in_range(const std::vector<std::uint32_t>& indices, std::size_t limit) {
  const std::set<std::uint32_t> seen(indices.begin(), indices.end());
  return seen.size() == indices.size() && (indices.empty() || *seen.rbegin() < limit);
}

}  // namespace ccbound
