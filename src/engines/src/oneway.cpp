// Builds one-way protocol trees on the original matrix indices, so they can be verified directly.
#include "ccbound/engines/oneway.hpp"

#include <bit>
#include <map>
#include <numeric>

namespace ccbound {

namespace {

using Indices = std::vector<std::uint32_t>;

// Speaker-relative access: the speaker's input a against the other party's input b.
struct View {
  const Matrix& m;
  Speaker speaker;
  bool at(std::uint32_t a, std::uint32_t b) const {
    return speaker == Speaker::alice ? m.at(a, b) : m.at(b, a);
  }
};

// The speaker's inputs grouped by their pattern against `others`, in order of first occurrence.
std::vector<Indices> classes_of(const View& v, const Indices& mine, const Indices& others) {
  std::map<std::vector<bool>, std::size_t> index;
  std::vector<Indices> classes;
  for (auto a : mine) {
    std::vector<bool> pattern(others.size());
    for (std::size_t k = 0; k < others.size(); ++k) pattern[k] = v.at(a, others[k]);
    auto [it, inserted] = index.try_emplace(std::move(pattern), classes.size());
    if (inserted) classes.emplace_back();
    classes[it->second].push_back(a);
  }
  return classes;
}

// The listener knows the speaker's class; it sends the output unless the class row is constant.
NodeId add_answer(Protocol& p, const View& v, std::uint32_t speaker_input, const Indices& others) {
  Indices ones;
  for (auto b : others)
    if (v.at(speaker_input, b)) ones.push_back(b);
  if (ones.empty()) return p.add_leaf(false);
  if (ones.size() == others.size()) return p.add_leaf(true);
  const Speaker listener = v.speaker == Speaker::alice ? Speaker::bob : Speaker::alice;
  const NodeId zero = p.add_leaf(false);
  const NodeId one = p.add_leaf(true);
  return p.add_split(listener, std::move(ones), zero, one);
}

NodeId add_announcement(Protocol& p, const View& v, const std::vector<Indices>& classes,
                        std::size_t begin, std::size_t end, const Indices& others) {
  if (end - begin == 1) return add_answer(p, v, classes[begin].front(), others);
  const std::size_t mid = begin + std::bit_ceil(end - begin) / 2;
  Indices ones;
  for (std::size_t c = mid; c < end; ++c)
    ones.insert(ones.end(), classes[c].begin(), classes[c].end());
  const NodeId zero = add_announcement(p, v, classes, begin, mid, others);
  const NodeId one = add_announcement(p, v, classes, mid, end, others);
  return p.add_split(v.speaker, std::move(ones), zero, one);
}

Indices all_indices(std::size_t count) {
  Indices indices(count);
  std::iota(indices.begin(), indices.end(), 0U);
  return indices;
}

}  // namespace

int bits_to_name(std::size_t classes) {
  return classes <= 1 ? 0 : static_cast<int>(std::bit_width(classes - 1));
}

NodeId add_oneway_subtree(Protocol& protocol, const Matrix& m, const Indices& rows,
                          const Indices& cols, Speaker first) {
  const View view{m, first};
  const Indices& mine = first == Speaker::alice ? rows : cols;
  const Indices& others = first == Speaker::alice ? cols : rows;
  const auto classes = classes_of(view, mine, others);
  return add_announcement(protocol, view, classes, 0, classes.size(), others);
}

Protocol oneway_protocol(const Matrix& m, Speaker first) {
  Protocol protocol(m.rows(), m.cols());
  add_oneway_subtree(protocol, m, all_indices(m.rows()), all_indices(m.cols()), first);
  return protocol;
}

}  // namespace ccbound
