// prepare(): one deduplication and the inverse class maps (see prepared_matrix.hpp).
#include "ccbound/core/prepared_matrix.hpp"

#include <algorithm>

namespace ccbound {

namespace {

std::vector<std::vector<std::uint32_t>> members_of(const std::vector<std::uint32_t>& class_of,
                                                   std::size_t classes) {
  std::vector<std::vector<std::uint32_t>> members(classes);
  for (std::uint32_t i = 0; i < class_of.size(); ++i) members[class_of[i]].push_back(i);
  return members;
}

}  // namespace

PreparedMatrix prepare(const Matrix& m) {
  PreparedMatrix p{m, deduplicate(m), {}, {}};
  p.row_members = members_of(p.reduced.row_class, p.reduced.matrix.rows());
  p.col_members = members_of(p.reduced.col_class, p.reduced.matrix.cols());
  return p;
}

std::vector<std::uint32_t> original_members(const PreparedMatrix& p,
                                            const std::vector<std::uint32_t>& classes, bool rows) {
  const auto& of = rows ? p.row_members : p.col_members;
  std::vector<std::uint32_t> result;
  for (const std::uint32_t c : classes) result.insert(result.end(), of[c].begin(), of[c].end());
  std::ranges::sort(result);
  return result;
}

}  // namespace ccbound
