// A deterministic communication protocol as an explicit tree.
//
// An internal node belongs to Alice or Bob and lists the owner's inputs that send 1 (all others
// send 0); a leaf carries the output bit. Nodes are stored bottom-up: a node's children always have
// smaller ids than the node, so every Protocol is a tree by construction and can be walked without
// recursion. Protocols are produced by the engines, saved as JSON, drawn as DOT, and checked by
// protocols/verifier, which trusts nothing but this data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccbound {

enum class Speaker : std::uint8_t { alice, bob };

using NodeId = std::uint32_t;

struct ProtocolNode {
  bool is_leaf = true;
  bool output = false;               // leaves
  Speaker speaker = Speaker::alice;  // internal nodes
  std::vector<std::uint32_t> ones;   // sorted inputs of the speaker that send 1
  NodeId child[2] = {0, 0};          // child[b]: where the bit b leads
};

class Protocol {
 public:
  Protocol() = default;
  // rows/cols: the sizes of Alice's and Bob's input sets.
  Protocol(std::size_t rows, std::size_t cols) : rows_(rows), cols_(cols) {}

  NodeId add_leaf(bool output);
  // Requires: zero and one are ids returned earlier by this Protocol. `ones` need not be sorted.
  NodeId add_split(Speaker speaker, std::vector<std::uint32_t> ones, NodeId zero, NodeId one);
  // The last node added is the root.
  NodeId root() const { return static_cast<NodeId>(nodes_.size() - 1); }

  const ProtocolNode& node(NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  bool empty() const { return nodes_.empty(); }

  int depth() const;  // longest root-to-leaf path, in bits
  std::size_t leaves() const;

 private:
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::vector<ProtocolNode> nodes_;
};

}  // namespace ccbound
