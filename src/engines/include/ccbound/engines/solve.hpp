// solve(): exact D(M) with every side of the answer backed by a checked certificate.
//
// The pipeline: prepare the matrix once (duplicate rows and columns removed, the class maps kept;
// core/prepared_matrix.hpp) and pass it to every step; take the better one-way protocol as the
// upper bound; take rank witnesses of M and J - M (over GF(2), then GF(p)) as the lower bound; if
// the two differ, run an exact engine between them. Before anything is adopted, the protocol is
// re-run by protocols/verifier, rank witnesses are re-checked by proofs/rank_witness, a search log
// by proofs/search_refutation and a DRUP proof by proofs/drup_checker. So [lower, upper] is always
// a certified interval; an answer without a checkable proof (Z3's unsat) is kept apart, as
// `unchecked_lower`, and never makes the result exact. On timeout the result is the interval
// proved so far.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/core/problem.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/proofs/search_refutation.hpp"
#include "ccbound/protocols/protocol.hpp"
#include "ccbound/protocols/verifier.hpp"

namespace ccbound {

//  id       name       help
#define CCBOUND_ENGINES(X)                                                                    \
  X(automatic, "auto",                                                                        \
    "the default: one-way protocols and rank bounds, then the branch-and-bound search "       \
    "(up to 64 distinct rows and columns; its refutation log is checked)")                    \
  X(search, "search", "the same as auto: the search is the one exact engine auto runs today") \
  X(sat, "sat",                                                                               \
    "CaDiCaL alone: depth k = 0, 1, ... until SAT; each UNSAT has a DRUP proof, checked")     \
  X(smt, "smt",                                                                               \
    "Z3 alone, on an independent encoding; its last UNSAT is confirmed by CaDiCaL with a "    \
    "checked DRUP proof, else reported as unchecked")

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
  std::string proof_dir;  // where problem.cnf / problem.drat are kept; empty: a temporary
                          // directory, removed after the proof is checked
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

// How one side of the interval was established (or, for unchecked_lower, claimed).
struct Evidence {
  int value = 0;
  std::string method;  // "one-way protocol", "rank bound over GF(2)", "exhaustive search", ...
  CertificateKind certificate = CertificateKind::none;
  bool checked = false;  // the certificate was re-checked by independent code
  std::string detail;    // the checker's message
};

// exact: lower == upper, both certified. unchecked: a solver without a checkable proof claims
// the upper bound is optimal (unchecked_lower == upper) but the certified interval is wider.
// interval: neither.
enum class SolveStatus { exact, unchecked, interval };
std::string_view status_name(SolveStatus status);  // "exact", "unchecked", "interval"

struct SolveResult {
  std::string problem;
  std::size_t rows = 0, cols = 0;
  std::size_t distinct_rows = 0, distinct_cols = 0;
  Evidence lower;  // always checked: D >= lower.value is certified
  Evidence upper;  // always checked: D <= upper.value is certified
  // A larger lower bound that a solver claims but nobody could check (Z3's unsat, when CaDiCaL
  // could not confirm it in time). Never part of the certified interval.
  std::optional<Evidence> unchecked_lower;
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
  SolveStatus status() const;
};

// Ensures: lower.value <= D(M) <= upper.value with both sides checked by independent code (the
// protocol by the verifier, the lower bound by its witness, log or proof checker). Throws
// InputError for nothing (the problem is already valid).
SolveResult solve(const std::string& name, const PreparedMatrix& prepared,
                  const SolveOptions& options);
inline SolveResult solve(const Problem& problem, const SolveOptions& options) {
  return solve(problem.name, prepare(problem.matrix), options);
}

}  // namespace ccbound
