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

#include "ccbound/core/problem.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/proofs/search_refutation.hpp"
#include "ccbound/protocols/protocol.hpp"
#include "ccbound/protocols/verifier.hpp"

namespace ccbound {

//  id       name       help
#define CCBOUND_ENGINES(X)                                                                       \
  X(automatic, "auto", "bounds, then search; a search lower bound is re-proved by SAT + DRUP")   \
  X(search, "search", "bounds, then branch and bound over rectangles (lower bound unchecked)")   \
  X(sat, "sat", "CaDiCaL alone: depth k = 0, 1, ... until SAT; the last UNSAT has a DRUP proof") \
  X(smt, "smt", "Z3 alone, on an independent encoding; its UNSAT answers carry no proof")

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
  std::string proof_dir;        // where problem.cnf / problem.drat are kept; empty: a temporary
                                // directory, removed after the proof is checked
  double certify_seconds = 20;  // auto: time for SAT to re-prove a search lower bound with DRUP;
                                // past it the bound stays, marked unchecked
};

// A lower bound D >= refuted_depth + 1 from an UNSAT answer whose DRUP proof passed our checker.
struct DrupCertificate {
  int refuted_depth = 0;
  std::string cnf_file = "problem.cnf";     // in SolveOptions::proof_dir, when kept
  std::string proof_file = "problem.drat";  // binary DRAT, as CaDiCaL writes it
  std::size_t lemmas = 0;
  double solve_seconds = 0;
  double check_seconds = 0;
};

// What backs one side of the interval, as saved by --proof-dir and re-checked by `ccbound verify`.
enum class CertificateKind { trivial, protocol, rank, drup, search_log, none };
std::string_view certificate_name(CertificateKind kind);

// How one side of the interval was established.
struct Evidence {
  int value = 0;
  std::string method;  // "one-way protocol", "rank bound over GF(2)", "exhaustive search", ...
  CertificateKind certificate = CertificateKind::none;
  bool checked = false;  // the certificate was re-checked by independent code
  std::string detail;    // the checker's message
};

struct SolveResult {
  std::string problem;
  std::size_t rows = 0, cols = 0;
  std::size_t distinct_rows = 0, distinct_cols = 0;
  Evidence lower;
  Evidence upper;
  Protocol protocol;                           // computes M in upper.value bits; verified
  std::optional<LeafBoundCertificate> ranks;   // the witnesses behind a rank lower bound
  std::optional<DrupCertificate> drup;         // the proof behind a SAT lower bound
  std::optional<SearchRefutation> refutation;  // the log behind a search lower bound
  std::string engine;                          // what settled the answer
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
