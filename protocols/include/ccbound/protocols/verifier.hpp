// The protocol verifier: the independent check behind every upper bound ccbound prints.
//
// It runs every input pair (x, y) of the matrix through the tree and checks that the leaf reached
// outputs M[x][y] -- a rectangle at a time (verifier.cpp says why that is the same check). The cost
// it reports is the largest number of bits any input pair exchanges. It shares no code with the
// engines that build protocols: it reads only Matrix and Protocol data.
#pragma once

#include <cstddef>
#include <string>

#include "ccbound/core/check_stop.hpp"
#include "ccbound/core/matrix.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

struct Verdict {
  bool ok = false;
  int cost = 0;            // max bits exchanged over all (x, y); meaningful when ok
  std::size_t leaves = 0;  // leaves reachable from the root
  std::size_t pairs_checked = 0;
  std::string message;  // the first failure, or a summary when ok
};

// Ensures: ok iff protocol's input sizes equal m's, every node is well formed, and every (x, y)
// reaches a leaf labelled M[x][y]. Asks `stop` (if set) at every node visited and throws
// CheckStopped once it returns true.
Verdict verify_protocol(const Matrix& m, const Protocol& protocol,
                        const StopRequest& stop = {});

}  // namespace ccbound
