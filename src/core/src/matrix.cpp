// Matrix storage and the structural operations every engine needs: transpose, complement and
// removal of duplicate rows and columns.
#include "ccbound/core/matrix.hpp"

#include <fmt/format.h>
#include <bit>
#include <map>

#include "ccbound/core/error.hpp"

namespace ccbound {

Matrix::Matrix(std::size_t rows, std::size_t cols) {
  if (rows == 0 || cols == 0) throw InputError("a matrix needs at least one row and one column");
  if (rows > kMaxSide || cols > kMaxSide) {
    throw InputError(fmt::format("matrix of {} x {} exceeds the limit of {} rows and {} columns",
                                 rows, cols, kMaxSide, kMaxSide));
  }
  rows_ = rows;
  cols_ = cols;
  words_per_row_ = (cols + 63) / 64;
  bits_.assign(rows * words_per_row_, 0);
}

void Matrix::set(std::size_t x, std::size_t y, bool value) {
  const std::uint64_t bit = std::uint64_t{1} << (y & 63);
  if (value) {
    bits_[index(x, y)] |= bit;
  } else {
    bits_[index(x, y)] &= ~bit;
  }
}

std::span<const std::uint64_t> Matrix::row_words(std::size_t x) const {
  return {bits_.data() + x * words_per_row_, words_per_row_};
}

Matrix Matrix::transposed() const {
  Matrix t(cols_, rows_);
  for (std::size_t x = 0; x < rows_; ++x)
    for (std::size_t y = 0; y < cols_; ++y)
      if (at(x, y)) t.set(y, x, true);
  return t;
}

Matrix Matrix::complemented() const {
  Matrix c(*this);
  for (std::size_t x = 0; x < rows_; ++x)
    for (std::size_t y = 0; y < cols_; ++y) c.set(x, y, !at(x, y));
  return c;
}

bool Matrix::is_constant() const {
  for (std::size_t x = 0; x < rows_; ++x)
    for (std::size_t y = 0; y < cols_; ++y)
      if (at(x, y) != at(0, 0)) return false;
  return true;
}

std::size_t Matrix::count_ones() const {
  std::size_t total = 0;
  for (std::uint64_t word : bits_) total += static_cast<std::size_t>(std::popcount(word));
  return total;
}

namespace {

// Assigns each row of m the index of its first equal row among the distinct ones.
std::vector<std::uint32_t> classify_rows(const Matrix& m,
                                         std::vector<std::size_t>& representatives) {
  std::map<std::vector<std::uint64_t>, std::uint32_t> seen;
  std::vector<std::uint32_t> row_class(m.rows());
  for (std::size_t x = 0; x < m.rows(); ++x) {
    auto words = m.row_words(x);
    auto [it, inserted] = seen.try_emplace({words.begin(), words.end()},
                                           static_cast<std::uint32_t>(representatives.size()));
    if (inserted) representatives.push_back(x);
    row_class[x] = it->second;
  }
  return row_class;
}

}  // namespace

Deduplicated deduplicate(const Matrix& m) {
  std::vector<std::size_t> row_reps;
  std::vector<std::size_t> col_reps;
  Deduplicated result;
  result.row_class = classify_rows(m, row_reps);
  result.col_class = classify_rows(m.transposed(), col_reps);
  result.matrix = Matrix(row_reps.size(), col_reps.size());
  for (std::size_t i = 0; i < row_reps.size(); ++i)
    for (std::size_t j = 0; j < col_reps.size(); ++j)
      result.matrix.set(i, j, m.at(row_reps[i], col_reps[j]));
  return result;
}

std::size_t distinct_rows(const Matrix& m) {
  std::vector<std::size_t> reps;
  classify_rows(m, reps);
  return reps.size();
}

std::string to_string(const Matrix& m) {
  std::string text;
  for (std::size_t x = 0; x < m.rows(); ++x) {
    for (std::size_t y = 0; y < m.cols(); ++y) text.push_back(m.at(x, y) ? '1' : '0');
    text.push_back('\n');
  }
  return text;
}

std::vector<std::uint32_t> first_members(const std::vector<std::uint32_t>& class_of,
                                         std::size_t classes) {
  std::vector<std::uint32_t> first(classes, 0);
  for (std::size_t i = class_of.size(); i-- > 0;) first[class_of[i]] = std::uint32_t(i);
  return first;
}

std::vector<std::uint32_t> all_members(const std::vector<std::uint32_t>& class_of,
                                       const std::vector<std::uint32_t>& classes) {
  std::vector<bool> chosen;
  for (const std::uint32_t c : classes) {
    if (c >= chosen.size()) chosen.resize(c + 1, false);
    chosen[c] = true;
  }
  std::vector<std::uint32_t> members;
  for (std::uint32_t i = 0; i < class_of.size(); ++i)
    if (class_of[i] < chosen.size() && chosen[class_of[i]]) members.push_back(i);
  return members;
}

}  // namespace ccbound
