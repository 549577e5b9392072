// Checking fooling sets: every entry has the colour, and every pair is fooling.
#include "ccbound/proofs/fooling_set.hpp"

#include <fmt/format.h>
#include <set>
#include <utility>

namespace ccbound {

bool fooling_pair(const Matrix& m, bool colour, Entry a, Entry b) {
  return m.at(a.row, b.col) != colour || m.at(b.row, a.col) != colour;
}

namespace {

std::string describe(Entry e) {
  return fmt::format("({}, {})", e.row, e.col);
}

WitnessCheck check_entries(const Matrix& m, const FoolingSet& set) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const Entry e : set.entries) {
    if (e.row >= m.rows() || e.col >= m.cols())
      return {false, "entry " + describe(e) + " is out of range"};
    if (m.at(e.row, e.col) != set.colour)
      return {false, fmt::format("entry {} is not a {}", describe(e), int(set.colour))};
    if (!seen.emplace(e.row, e.col).second)
      return {false, "entry " + describe(e) + " is listed twice"};
  }
  return {true, ""};
}

}  // namespace

WitnessCheck check_fooling_set(const Matrix& m, const FoolingSet& set) {
  if (WitnessCheck entries = check_entries(m, set); !entries.ok) return entries;
  const auto& e = set.entries;
  for (std::size_t i = 0; i < e.size(); ++i)
    for (std::size_t j = i + 1; j < e.size(); ++j)
      if (!fooling_pair(m, set.colour, e[i], e[j]))
        return {false, fmt::format("entries {} and {} lie in one {}-rectangle", describe(e[i]),
                                   describe(e[j]), int(set.colour))};
  return {true, fmt::format("{}-fooling set of {} entries, all pairs fooling", int(set.colour),
                            e.size())};
}

}  // namespace ccbound
