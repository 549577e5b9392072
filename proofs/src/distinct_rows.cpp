// check_distinct_rows: the distinct-row count behind every one-way cost, re-checked as text.
#include "ccbound/proofs/distinct_rows.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

namespace ccbound {
namespace {

std::string row_text(const Matrix& m, std::size_t x) {
  std::string row;
  for (std::size_t y = 0; y < m.cols(); ++y) row += m.at(x, y) ? '1' : '0';
  return row;
}

}  // namespace

WitnessCheck check_distinct_rows(const Matrix& m,
                                 const std::vector<std::uint32_t>& representatives) {
  std::set<std::string> distinct;
  for (const auto x : representatives) {
    if (x >= m.rows()) return {false, fmt::format("row {} is out of range", x)};
    if (!distinct.insert(row_text(m, x)).second)
      return {false, fmt::format("row {} repeats an earlier representative", x)};
  }
  for (std::size_t x = 0; x < m.rows(); ++x)
    if (distinct.count(row_text(m, x)) == 0)
      return {false, fmt::format("row {} equals no representative", x)};
  return {true, fmt::format("{} pairwise different rows; every row equals one", distinct.size())};
}

}  // namespace ccbound
