// The protocol verifier: every input pair of the matrix through the tree, by rectangles.
//
// Rather than walking each of the rows x cols pairs from the root, it walks the tree once with the
// set of rows and the set of columns that reach each node: at an Alice node her rows split by the
// node's `ones` flags and the columns pass to both children, at a Bob node the other way round.
// Every pair (x, y) reaching a node lies in exactly one child's rectangle, so the rectangles of the
// leaves partition all pairs, each pair's path is the one the pair-by-pair walk would take, and
// "every pair reaches a leaf labelled M[x][y]" is "every leaf's rectangle is monochromatic with the
// leaf's label" -- checked with the matrix's packed row words against a column mask. A rectangle
// with no row or no column is reached by no pair and is not followed, which also bounds the work
// of a tree whose nodes are shared (a DAG): the non-empty rectangles at one depth are disjoint.
#include "ccbound/protocols/verifier.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <utility>
#include <vector>

namespace ccbound {

namespace {

// One flag per input of the node's speaker: does that input send 1 here?
using Membership = std::vector<std::vector<bool>>;

std::string check_structure(const Protocol& p, const Matrix& m) {
  if (p.empty()) return "protocol has no nodes";
  if (p.rows() != m.rows() || p.cols() != m.cols()) {
    return fmt::format("protocol is for {} x {} inputs, the matrix is {} x {}", p.rows(), p.cols(),
                       m.rows(), m.cols());
  }
  for (NodeId id = 0; id < p.size(); ++id) {
    const auto& n = p.node(id);
    if (n.is_leaf) continue;
    if (n.child[0] >= id || n.child[1] >= id) return fmt::format("node {} is not a tree node", id);
    const std::size_t limit = n.speaker == Speaker::alice ? m.rows() : m.cols();
    for (auto input : n.ones)
      if (input >= limit) return fmt::format("node {} names input {} out of range", id, input);
  }
  return {};
}

Membership build_membership(const Protocol& p) {
  Membership sends_one(p.size());
  for (NodeId id = 0; id < p.size(); ++id) {
    const auto& n = p.node(id);
    if (n.is_leaf) continue;
    sends_one[id].assign(n.speaker == Speaker::alice ? p.rows() : p.cols(), false);
    for (auto input : n.ones) sends_one[id][input] = true;
  }
  return sends_one;
}

std::size_t reachable_leaves(const Protocol& p) {
  std::size_t count = 0;
  std::vector<NodeId> stack{p.root()};
  while (!stack.empty()) {
    const auto& n = p.node(stack.back());
    stack.pop_back();
    if (n.is_leaf) {
      ++count;
    } else {
      stack.push_back(n.child[0]);
      stack.push_back(n.child[1]);
    }
  }
  return count;
}

// A rectangle reaching a node, and the bits exchanged to get there.
struct Reach {
  NodeId node;
  std::vector<std::uint32_t> rows, cols;
  int bits;
};

// The first pair of `r` whose entry differs from `output`, if any (rows and cols non-empty).
std::optional<std::pair<std::uint32_t, std::uint32_t>> first_wrong(const Matrix& m, const Reach& r,
                                                                   bool output) {
  std::vector<std::uint64_t> mask((m.cols() + 63) / 64, 0);
  for (const std::uint32_t y : r.cols) mask[y / 64] |= std::uint64_t{1} << (y % 64);
  for (const std::uint32_t x : r.rows) {
    const auto words = m.row_words(x);
    for (std::size_t w = 0; w < mask.size(); ++w) {
      const std::uint64_t wrong = (output ? ~words[w] : words[w]) & mask[w];
      if (wrong != 0)
        return std::pair{x, std::uint32_t(w * 64 + std::size_t(std::countr_zero(wrong)))};
    }
  }
  return std::nullopt;
}

// The two children's rectangles of an internal node.
std::array<Reach, 2> split(const Protocol& p, const Membership& sends_one, const Reach& r) {
  const auto& n = p.node(r.node);
  std::array<Reach, 2> children{Reach{n.child[0], {}, {}, r.bits + 1},
                                Reach{n.child[1], {}, {}, r.bits + 1}};
  const bool alice = n.speaker == Speaker::alice;
  for (const std::uint32_t i : alice ? r.rows : r.cols)
    (alice ? children[sends_one[r.node][i]].rows : children[sends_one[r.node][i]].cols).push_back(i);
  for (auto& child : children) (alice ? child.cols : child.rows) = alice ? r.cols : r.rows;
  return children;
}

std::vector<std::uint32_t> all_inputs(std::size_t count) {
  std::vector<std::uint32_t> inputs(count);
  for (std::uint32_t i = 0; i < count; ++i) inputs[i] = i;
  return inputs;
}

}  // namespace

Verdict verify_protocol(const Matrix& m, const Protocol& protocol,
                        const StopRequest& stop) {
  Verdict verdict;
  verdict.message = check_structure(protocol, m);
  if (!verdict.message.empty()) return verdict;
  const Membership sends_one = build_membership(protocol);
  std::vector<Reach> stack{{protocol.root(), all_inputs(m.rows()), all_inputs(m.cols()), 0}};
  while (!stack.empty()) {
    if (stop && stop()) throw CheckStopped{};
    const Reach r = std::move(stack.back());
    stack.pop_back();
    if (r.rows.empty() || r.cols.empty()) continue;  // reached by no pair
    const auto& n = protocol.node(r.node);
    if (!n.is_leaf) {
      for (auto& child : split(protocol, sends_one, r)) stack.push_back(std::move(child));
      continue;
    }
    if (const auto wrong = first_wrong(m, r, n.output)) {
      verdict.message =
          fmt::format("input (x={}, y={}) reaches a leaf with output {}, but M[x][y] = {}",
                      wrong->first, wrong->second, n.output ? 1 : 0, n.output ? 0 : 1);
      return verdict;
    }
    verdict.cost = std::max(verdict.cost, r.bits);
    verdict.pairs_checked += r.rows.size() * r.cols.size();
  }
  verdict.ok = true;
  verdict.leaves = reachable_leaves(protocol);
  verdict.message = fmt::format("all {} input pairs reach a correct leaf; cost {} bits",
                                verdict.pairs_checked, verdict.cost);
  return verdict;
}

}  // namespace ccbound
