// The communication matrix: rows are Alice's inputs x, columns are Bob's inputs y, entries f(x, y).
//
// Matrix is a small value type, bit-packed row by row (64 entries per word), so that row operations
// in the engines and checkers are word operations. Sizes are limited to kMaxSide on each side; the
// limit is checked before anything is allocated. Everything downstream (engines, certificates,
// checkers) takes a Matrix by const reference.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ccbound {

inline constexpr std::size_t kMaxSide = 4096;

class Matrix {
 public:
  Matrix() = default;
  // Requires: 1 <= rows, cols <= kMaxSide (else throws InputError). Ensures: all entries are 0.
  Matrix(std::size_t rows, std::size_t cols);

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  bool empty() const { return rows_ == 0; }

  bool at(std::size_t x, std::size_t y) const { return (bits_[index(x, y)] >> (y & 63)) & 1U; }
  void set(std::size_t x, std::size_t y, bool value);

  // The words of row x; bits past cols() are zero.
  std::span<const std::uint64_t> row_words(std::size_t x) const;

  Matrix transposed() const;
  Matrix complemented() const;  // J - M
  bool is_constant() const;
  std::size_t count_ones() const;

  bool operator==(const Matrix& other) const = default;

 private:
  std::size_t index(std::size_t x, std::size_t y) const { return x * words_per_row_ + (y >> 6); }

  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::size_t words_per_row_ = 0;
  std::vector<std::uint64_t> bits_;
};

// The matrix with duplicate rows and columns removed, and where each original row and column went.
// Removing duplicates never changes D, the ranks, the partition numbers or the one-way costs.
struct Deduplicated {
  Matrix matrix;
  std::vector<std::uint32_t> row_class;  // original row x -> row of `matrix`
  std::vector<std::uint32_t> col_class;  // original column y -> column of `matrix`
};

// Ensures: result.matrix has pairwise distinct rows and pairwise distinct columns; rows and columns
// keep the order of their first occurrence; M[x][y] == result.matrix[row_class[x]][col_class[y]].
Deduplicated deduplicate(const Matrix& m);

// The first original index in each class (class_of maps originals to `classes` classes).
std::vector<std::uint32_t> first_members(const std::vector<std::uint32_t>& class_of,
                                         std::size_t classes);

// All original indices whose class is in `classes`, in increasing order.
std::vector<std::uint32_t> all_members(const std::vector<std::uint32_t>& class_of,
                                       const std::vector<std::uint32_t>& classes);

// Number of pairwise distinct rows of m (columns: use m.transposed()).
std::size_t distinct_rows(const Matrix& m);

// Rows as strings of '0'/'1', one per line (for messages and tests).
std::string to_string(const Matrix& m);

}  // namespace ccbound
