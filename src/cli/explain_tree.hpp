// The protocol tree as `explain` shows it: unfolded from the root into its root-to-leaf paths, each
// leaf with the rectangle of inputs that reach it, and drawn by Graphviz.
//
// Leaves are numbered 1, 2, ... in depth-first order, the 0-branch first; the matrix grid, the leaf
// list and the tree drawing all use these numbers and the same colours. The tree is unfolded path
// by path, so a node shared by two parents becomes two leaves with their own rectangles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccbound/protocols/protocol.hpp"

namespace ccbound::cli {

// The inputs that reach one leaf: rows x cols, on which the protocol outputs `output`.
struct LeafRectangle {
  int leaf = 0;  // 1-based
  bool output = false;
  std::string path;                 // the bits exchanged on the way, "" for a root leaf
  std::vector<std::uint32_t> rows;  // Alice's inputs, increasing
  std::vector<std::uint32_t> cols;  // Bob's inputs, increasing
};

struct UnfoldedProtocol {
  std::vector<LeafRectangle> leaves;  // leaves[k - 1] is leaf k
  std::string dot;                    // Graphviz DOT; labels hold only numbers and fixed words
};

// Requires: protocol is not empty. Ensures: the rectangles of the leaves partition
// rows() x cols() (some may be empty when a split sends nobody one way).
UnfoldedProtocol unfold_protocol(const Protocol& protocol);

// The leaf each cell (x, y) reaches, row by row (index x * cols + y); 0 where no leaf claims it.
std::vector<int> cell_leaves(const std::vector<LeafRectangle>& leaves, std::size_t rows,
                             std::size_t cols);

// The same colour everywhere a leaf is drawn: "#rrggbb", darker for 1-leaves than for 0-leaves.
std::string leaf_colour(int leaf, bool output);

// Runs `dot -Tsvg` (no shell; the DOT goes through a temporary file) and returns the <svg> element.
// Ensures: nullopt when dot is not installed or fails; never throws for that.
std::optional<std::string> render_dot_svg(const std::string& dot);

// "{0..3, 7, 9}": increasing indices with runs of three or more collapsed.
std::string index_set_text(const std::vector<std::uint32_t>& indices);

}  // namespace ccbound::cli
