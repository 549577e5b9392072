// Checking rectangle covers and partitions: count, for every entry, the rectangles containing it.
#include "ccbound/proofs/rectangle_cover.hpp"

#include <fmt/format.h>

#include "index_checks.hpp"

namespace ccbound {

namespace {

// Adds the rectangle to `count` (entries covered so far), or says why it is not acceptable.
std::string add_rectangle(const Matrix& m, bool colour, const Rectangle& r,
                          std::vector<std::uint32_t>& count) {
  if (r.rows.empty() || r.cols.empty() || !distinct_in_range(r.rows, m.rows()) ||
      !distinct_in_range(r.cols, m.cols()))
    return "has no rows or columns, a repeated index, or one out of range";
  for (const std::uint32_t x : r.rows) {
    for (const std::uint32_t y : r.cols) {
      if (m.at(x, y) != colour) return fmt::format("contains ({}, {}), a {}", x, y, int(!colour));
      ++count[x * m.cols() + y];
    }
  }
  return "";
}

}  // namespace

WitnessCheck check_rectangle_cover(const Matrix& m, const RectangleCover& cover) {
  std::vector<std::uint32_t> count(m.rows() * m.cols(), 0);
  for (std::size_t i = 0; i < cover.rectangles.size(); ++i) {
    const std::string problem = add_rectangle(m, cover.colour, cover.rectangles[i], count);
    if (!problem.empty()) return {false, fmt::format("rectangle {} {}", i, problem)};
  }
  for (std::size_t x = 0; x < m.rows(); ++x) {
    for (std::size_t y = 0; y < m.cols(); ++y) {
      const std::uint32_t c = count[x * m.cols() + y];
      if (m.at(x, y) == cover.colour && c == 0)
        return {false, fmt::format("entry ({}, {}) is not covered", x, y)};
      if (cover.partition && c > 1)
        return {false, fmt::format("entry ({}, {}) is covered {} times", x, y, c)};
    }
  }
  return {true,
          fmt::format("{} {}-rectangles {} the {}s", cover.rectangles.size(), int(cover.colour),
                      cover.partition ? "partition" : "cover", int(cover.colour))};
}

}  // namespace ccbound
