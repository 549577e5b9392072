// solve(): exact D(M) with every side of the answer backed by a checked certificate.
//
// The pipeline: remove duplicate rows and columns; take the better one-way protocol as the upper
// bound; take rank witnesses of M and J - M (over GF(2), then GF(p)) as the lower bound; if the two
// differ, run an exact engine between them. Before anything is reported, the protocol is re-run by
// protocols/verifier and the rank witnesses are re-checked by proofs/rank_witness. On timeout the
// result is the interval proved so far.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ccbound/problem.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/protocols/protocol.hpp"
#include "ccbound/protocols/verifier.hpp"

namespace ccbound {

//  id       name       help
#define CCBOUND_ENGINES(X)                                                              \
  X(automatic, "auto", "cheap bounds first, then the exact engine that fits the size")  \
  X(search, "search", "branch and bound over rectangles with a memo of canonical forms")

enum class Engine {
#define CCBOUND_ENGINE_ENUM(id, name, help) id,
  CCBOUND_ENGINES(CCBOUND_ENGINE_ENUM)
#undef CCBOUND_ENGINE_ENUM
};

std::string_view engine_name(Engine engine);
std::optional<Engine> parse_engine(std::string_view name);

struct SolveOptions {
  double timeout_seconds = 0;  // 0: no limit
  Engine engine = Engine::automatic;
};

// How one side of the interval was established.
struct Evidence {
  int value = 0;
  std::string method;       // "one-way protocol", "rank bound over GF(2)", "exhaustive search", ...
  std::string certificate;  // what can be re-checked: "protocol tree", "rank witnesses", "none"
  bool checked = false;     // the certificate was re-checked by independent code
  std::string detail;       // the checker's message
};

struct SolveResult {
  std::string problem;
  std::size_t rows = 0, cols = 0;
  std::size_t distinct_rows = 0, distinct_cols = 0;
  Evidence lower;
  Evidence upper;
  Protocol protocol;                          // computes M in upper.value bits; verified
  std::optional<LeafBoundCertificate> ranks;  // the witnesses behind a rank lower bound
  std::string engine;                         // what settled the answer
  bool timed_out = false;
  double seconds = 0;
  std::uint64_t search_nodes = 0;
  std::string note;  // why the answer is not exact, when it is not

  bool exact() const { return lower.value == upper.value; }
};

// Ensures: lower.value <= D(M) <= upper.value; the protocol passed the verifier; a rank-based lower
// bound passed the witness checker. Throws InputError for nothing (the problem is already valid).
SolveResult solve(const Problem& problem, const SolveOptions& options);

}  // namespace ccbound
