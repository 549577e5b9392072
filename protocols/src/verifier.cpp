// Exhaustive simulation of a protocol tree on its matrix. Deliberately simple: membership of each
// input in each node's "ones" set is a flag table, and every pair walks the tree from the root.
#include "ccbound/protocols/verifier.hpp"

#include <fmt/format.h>
#include <algorithm>
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

}  // namespace

Verdict verify_protocol(const Matrix& m, const Protocol& protocol) {
  Verdict verdict;
  verdict.message = check_structure(protocol, m);
  if (!verdict.message.empty()) return verdict;
  const Membership sends_one = build_membership(protocol);
  for (std::size_t x = 0; x < m.rows(); ++x) {
    for (std::size_t y = 0; y < m.cols(); ++y) {
      NodeId id = protocol.root();
      int bits = 0;
      while (!protocol.node(id).is_leaf) {
        const auto& n = protocol.node(id);
        id = n.child[sends_one[id][n.speaker == Speaker::alice ? x : y] ? 1 : 0];
        ++bits;
      }
      if (protocol.node(id).output != m.at(x, y)) {
        verdict.message =
            fmt::format("input (x={}, y={}) reaches a leaf with output {}, but M[x][y] = {}", x, y,
                        protocol.node(id).output ? 1 : 0, m.at(x, y) ? 1 : 0);
        return verdict;
      }
      verdict.cost = std::max(verdict.cost, bits);
      ++verdict.pairs_checked;
    }
  }
  verdict.ok = true;
  verdict.leaves = reachable_leaves(protocol);
  verdict.message = fmt::format("all {} input pairs reach a correct leaf; cost {} bits",
                                verdict.pairs_checked, verdict.cost);
  return verdict;
}

}  // namespace ccbound
