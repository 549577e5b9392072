// Largest monochromatic rectangle by depth-first enumeration of column-class subsets, carrying the
// set of row classes that are the colour on every chosen column (a 64-bit mask).
#include "ccbound/proofs/rectangle_size.hpp"

#include <algorithm>
#include <bit>
#include <vector>

namespace ccbound {

namespace {

// Columns of `t` as masks over its rows where the entry is the colour.
std::vector<std::uint64_t> column_masks(const Matrix& t, bool colour) {
  std::vector<std::uint64_t> masks(t.cols(), 0);
  for (std::size_t x = 0; x < t.rows(); ++x)
    for (std::size_t y = 0; y < t.cols(); ++y)
      if (t.at(x, y) == colour) masks[y] |= std::uint64_t{1} << x;
  return masks;
}

class Enumeration {
 public:
  Enumeration(std::vector<std::uint64_t> masks, std::vector<std::uint64_t> row_weight,
              std::vector<std::uint64_t> col_weight)
      : masks_(std::move(masks)),
        row_weight_(std::move(row_weight)),
        col_weight_(std::move(col_weight)) {}

  std::uint64_t largest() {
    grow(0, ~std::uint64_t{0}, 0);
    return best_;
  }

 private:
  std::uint64_t weight(std::uint64_t rows) const {
    std::uint64_t total = 0;
    for (; rows != 0; rows &= rows - 1) total += row_weight_[std::countr_zero(rows)];
    return total;
  }
  void grow(std::size_t next, std::uint64_t rows, std::uint64_t width) {
    if (width > 0) best_ = std::max(best_, width * weight(rows));
    for (std::size_t y = next; y < masks_.size(); ++y) {
      const std::uint64_t narrowed = rows & masks_[y];
      if (narrowed != 0) grow(y + 1, narrowed, width + col_weight_[y]);
    }
  }

  std::vector<std::uint64_t> masks_, row_weight_, col_weight_;
  std::uint64_t best_ = 0;
};

std::vector<std::uint64_t> class_sizes(const std::vector<std::uint32_t>& class_of,
                                       std::size_t classes) {
  std::vector<std::uint64_t> sizes(classes, 0);
  for (const auto c : class_of) ++sizes[c];
  return sizes;
}

}  // namespace

std::optional<RectangleSizeBound> rectangle_size_bound(const Matrix& m, bool colour) {
  Deduplicated d = deduplicate(m);
  auto rows = class_sizes(d.row_class, d.matrix.rows());
  auto cols = class_sizes(d.col_class, d.matrix.cols());
  if (d.matrix.cols() > d.matrix.rows()) {
    d.matrix = d.matrix.transposed();
    std::swap(rows, cols);
  }
  if (d.matrix.cols() > kMaxSizeBoundSide || d.matrix.rows() > 64) return std::nullopt;
  RectangleSizeBound bound;
  bound.entries = colour ? m.count_ones() : m.rows() * m.cols() - m.count_ones();
  bound.largest = Enumeration(column_masks(d.matrix, colour), rows, cols).largest();
  return bound;
}

}  // namespace ccbound
