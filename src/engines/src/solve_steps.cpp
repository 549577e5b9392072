// The certified steps of solve(): one-way protocols, rank witnesses, search, and SAT with DRUP.
#include "solve_steps.hpp"

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "ccbound/core/file_io.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "ccbound/engines/rank.hpp"
#include "ccbound/engines/sat_backend.hpp"
#include "ccbound/engines/search.hpp"
#include "ccbound/engines/smt_backend.hpp"

namespace ccbound::steps {

void offer_protocol(SolveResult& r, const Matrix& m, Protocol protocol, const std::string& method) {
  const Verdict verdict = verify_protocol(m, protocol);
  if (!verdict.ok)
    throw std::logic_error("internal error: a " + method +
                           " failed verification: " + verdict.message);
  if (!r.protocol.empty() && verdict.cost >= r.upper.value) return;
  r.upper = {verdict.cost, method, CertificateKind::protocol, true, verdict.message};
  r.protocol = std::move(protocol);
}

// Builds both one-way protocols but verifies only the shallower: verification is the costly part
// on large matrices (every input pair walks the tree).
void set_oneway_upper(SolveResult& r, const Matrix& m) {
  Protocol alice = oneway_protocol(m, Speaker::alice);
  Protocol bob = oneway_protocol(m, Speaker::bob);
  if (bob.depth() < alice.depth()) {
    offer_protocol(r, m, std::move(bob), "one-way protocol, Bob first");
  } else {
    offer_protocol(r, m, std::move(alice), "one-way protocol, Alice first");
  }
}

namespace {

void offer_rank_bound(SolveResult& r, const Matrix& m, const Deduplicated& d, std::uint64_t prime,
                      const Deadline& deadline) {
  LeafBoundCertificate cert{in_original_indices(rank_witness(d.matrix, false, prime, deadline), d),
                            in_original_indices(rank_witness(d.matrix, true, prime, deadline), d)};
  if (cert.implied_depth() <= r.lower.value) return;
  const WitnessCheck check = check_leaf_bound(m, cert);
  if (!check.ok) throw std::logic_error("internal error: rank witness rejected: " + check.message);
  r.lower = {cert.implied_depth(), fmt::format("rank bound over GF({})", prime),
             CertificateKind::rank, true, check.message};
  r.ranks = std::move(cert);
}

// Checks the proof of "no protocol of depth k" against the formula regenerated from the matrix, and
// only then moves both files to their final names.
void adopt_refutation(SolveResult& r, const Matrix& m, int k, const std::filesystem::path& dir,
                      const std::filesystem::path& proof, double solve_seconds) {
  const Deadline clock;
  const std::string cnf = DepthFormula(deduplicate(m).matrix, k).to_dimacs();
  const ProofCheck check = check_drup(parse_dimacs(cnf, "problem.cnf"), read_file(proof.string()));
  if (!check.valid) throw std::logic_error("internal error: DRUP proof rejected: " + check.message);
  DrupCertificate cert{
      k, "problem.cnf", "problem.drat", check.lemmas_checked, solve_seconds, clock.elapsed()};
  write_file_atomically((dir / cert.cnf_file).string(), cnf);
  std::filesystem::rename(proof, dir / cert.proof_file);
  if (k + 1 > r.lower.value || (k + 1 == r.lower.value && !r.lower.checked)) {
    r.lower = {k + 1, "SAT: no protocol of depth " + std::to_string(k), CertificateKind::drup, true,
               fmt::format("{} lemmas checked by our RUP checker: {}", check.lemmas_checked,
                           check.message)};
  }
  r.drup = cert;
}

}  // namespace

void offer_rank_bounds(SolveResult& r, const Matrix& m, const Deduplicated& d,
                       const Deadline& deadline) {
  for (std::uint64_t prime : {std::uint64_t{2}, kLargePrime})
    if (r.lower.value < r.upper.value) offer_rank_bound(r, m, d, prime, deadline);
}

// The search's lower bound is adopted with its refutation log once proofs/search_refutation, which
// re-derives every step with its own code, accepts the log.
void run_search(SolveResult& r, const Matrix& m, const Deadline& deadline) {
  const SearchResult s = search_exact(m, r.lower.value, r.upper.value, deadline);
  r.search_nodes = s.nodes;
  if (s.lower > r.lower.value) {
    const Deadline clock;
    const RefutationCheck check = check_search_refutation(m, s.refutation, s.lower);
    if (!check.valid)
      throw std::logic_error("internal error: search log rejected: " + check.message);
    r.lower = {
        s.lower, "exhaustive search", CertificateKind::search_log, true,
        fmt::format("no protocol of depth {} ({} rectangles searched; log of {} claims checked "
                    "in {:.3f} s)",
                    s.lower - 1, s.nodes, check.claims_checked, clock.elapsed())};
    r.refutation = s.refutation;
  }
  if (!s.protocol.empty()) offer_protocol(r, m, s.protocol, "optimal protocol from search");
  if (s.timed_out) throw TimeoutExpired{};
}

bool smt_step(SolveResult& r, const Matrix& m, int k, const Deadline& deadline) {
  const SmtAnswer answer = smt_decide_depth(m, k, deadline.remaining_seconds());
  if (answer.status == SmtStatus::unsat && k + 1 > r.lower.value) {
    r.lower = {k + 1, "SMT: no protocol of depth " + std::to_string(k), CertificateKind::none,
               false, "Z3 answered unsat; Z3 gives no proof to check"};
  }
  if (answer.status == SmtStatus::sat)
    offer_protocol(r, m, answer.protocol, fmt::format("protocol from a Z3 model (depth <= {})", k));
  return answer.status != SmtStatus::unknown;
}

bool sat_step(SolveResult& r, const Matrix& m, int k, const Deadline& deadline,
              const std::string& proof_dir) {
  const std::filesystem::path dir(proof_dir);
  const auto proof = dir / "problem.drat.tmp";
  // The proof in progress never outlives this step, even when checking it throws (bad_alloc).
  const std::unique_ptr<const std::filesystem::path, void (*)(const std::filesystem::path*)>
      remove_partial(&proof, [](const std::filesystem::path* path) {
        std::error_code ignored;
        std::filesystem::remove(*path, ignored);
      });
  const SatAnswer answer = sat_decide_depth(m, k, deadline, proof.string());
  if (answer.status == SatStatus::unsat) adopt_refutation(r, m, k, dir, proof, answer.seconds);
  if (answer.status == SatStatus::sat)
    offer_protocol(r, m, answer.protocol,
                   fmt::format("protocol from a SAT model (depth <= {})", k));
  return answer.status != SatStatus::unknown;
}

}  // namespace ccbound::steps
