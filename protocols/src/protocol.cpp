// Building protocol trees bottom-up, and their shape (depth, leaves).
#include "ccbound/protocols/protocol.hpp"

#include <algorithm>
#include <cassert>

namespace ccbound {

NodeId Protocol::add_leaf(bool output) {
  ProtocolNode leaf;
  leaf.output = output;
  nodes_.push_back(std::move(leaf));
  return root();
}

NodeId Protocol::add_split(Speaker speaker, std::vector<std::uint32_t> ones, NodeId zero,
                           NodeId one) {
  assert(zero < nodes_.size() && one < nodes_.size());
  ProtocolNode node;
  node.is_leaf = false;
  node.speaker = speaker;
  std::ranges::sort(ones);
  node.ones = std::move(ones);
  node.child[0] = zero;
  node.child[1] = one;
  nodes_.push_back(std::move(node));
  return root();
}

int Protocol::depth() const {
  // Children precede parents, so one forward pass computes every subtree's depth.
  std::vector<int> depth(nodes_.size(), 0);
  for (std::size_t id = 0; id < nodes_.size(); ++id) {
    const auto& n = nodes_[id];
    if (!n.is_leaf) depth[id] = 1 + std::max(depth[n.child[0]], depth[n.child[1]]);
  }
  return nodes_.empty() ? 0 : depth.back();
}

std::size_t Protocol::leaves() const {
  // Parents follow children, so a backward pass from the root marks exactly the reachable nodes.
  std::vector<bool> reachable(nodes_.size(), false);
  std::size_t count = 0;
  if (!nodes_.empty()) reachable.back() = true;
  for (std::size_t id = nodes_.size(); id-- > 0;) {
    if (!reachable[id]) continue;
    const auto& n = nodes_[id];
    if (n.is_leaf) {
      ++count;
    } else {
      reachable[n.child[0]] = reachable[n.child[1]] = true;
    }
  }
  return count;
}

}  // namespace ccbound
