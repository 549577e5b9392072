// Canonical keys for the search memo (an implementation detail of search.cpp).
//
// D is invariant under permuting rows and columns, so the memo stores proven bounds under one key
// for many presentations of a matrix. The key is a deterministic normal form (rows sorted, then
// columns, then rows): two presentations of one matrix may still get different keys, which only
// costs memo hits, never soundness, because a key always determines its matrix up to permutations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccbound {

struct CompactMatrix {
  int rows = 0;
  int cols = 0;
  std::uint64_t bits[64];  // row a: bit b set iff entry (a, b) is 1
};

struct SearchKey {
  std::vector<std::uint64_t> words;  // rows | cols << 8, then the rows of the normal form
  bool operator==(const SearchKey& other) const = default;
};

struct SearchKeyHash {
  std::size_t operator()(const SearchKey& key) const;
};

// Requires: m.rows, m.cols in [1, 64], bits beyond m.cols zero.
SearchKey canonical_key(const CompactMatrix& m);

}  // namespace ccbound
