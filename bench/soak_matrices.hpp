// The matrices of the cross-engine soak (bench/soak): seeded, reproducible one by one.
//
// Case i of seed s depends only on (s, i), drawn from a portable splitmix64 stream, so a matrix
// reported by a soak run can be regenerated alone. About 60% are random r x c matrices (2 <= r, c
// <= max side) at a density drawn per matrix, including exactly 0 and 1 and very sparse or very
// dense; the rest are structured: families with rows and columns permuted, block-diagonal
// matrices, 2 x 2 block combinations, AND / XOR Kronecker products, and matrices with duplicated
// rows and columns, each then transposed and/or complemented at random.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ccbound/core/matrix.hpp"

namespace ccbound::soak {

// splitmix64: the same stream on every platform (the <random> distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool coin(double p = 0.5) { return unit() < p; }

 private:
  std::uint64_t state_;
};

struct SoakCase {
  std::string kind;  // first word: random, family, diag, blocks, kron, xor, dup
  std::string name;  // how it was built, e.g. "complement(EQ:3 permuted)"
  Matrix matrix;
};

// Requires: 2 <= max_side <= 64. Ensures: the matrix has 2..max_side rows and columns.
SoakCase soak_case(std::uint64_t seed, std::uint64_t index, std::size_t max_side);

// "3x4:0110/1010/0001": rows separated by '/'.
std::string compact_text(const Matrix& m);

}  // namespace ccbound::soak
