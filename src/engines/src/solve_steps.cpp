// The certified steps of solve(): one-way protocols, rank witnesses, search, and SAT with DRUP.
#include "solve_steps.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "ccbound/engines/cnf_solver.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/rank.hpp"
#include "ccbound/engines/sat_backend.hpp"
#include "ccbound/engines/search.hpp"
#include "ccbound/engines/smt_backend.hpp"
#include "formula_budget.hpp"

namespace ccbound::steps {

void add_note(SolveResult& r, const std::string& note) {
  if (note.empty()) return;
  r.note = r.note.empty() ? note : r.note + "; " + note;
}

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
void set_oneway_upper(SolveResult& r, const PreparedMatrix& p) {
  const Matrix& m = p.original;
  Protocol alice = oneway_protocol(m, Speaker::alice);
  Protocol bob = oneway_protocol(m, Speaker::bob);
  if (bob.depth() < alice.depth()) {
    offer_protocol(r, m, std::move(bob), "one-way protocol, Bob first");
  } else {
    offer_protocol(r, m, std::move(alice), "one-way protocol, Alice first");
  }
}

namespace {

// The check (proofs/rank_witness: a determinant mod p per witness) cannot be stopped and costs up
// to kRankCheckFactor times the eliminations, so it starts only if it would end within the stop
// slack.
void offer_rank_bound(SolveResult& r, const PreparedMatrix& p, std::uint64_t prime,
                      const Deadline& deadline) {
  const Deduplicated& d = p.reduced;
  const Deadline clock;
  LeafBoundCertificate cert{in_original_indices(rank_witness(d.matrix, false, prime, deadline), d),
                            in_original_indices(rank_witness(d.matrix, true, prime, deadline), d)};
  if (cert.implied_depth() <= r.lower.value) return;
  const double check_seconds = kRankCheckFactor * clock.elapsed();
  if (!deadline.affords(check_seconds)) {
    r.timed_out = true;
    return add_note(r, fmt::format("skipped: checking the rank witnesses over GF({}) would take "
                                   "up to {:.1f} s, past the time limit",
                                   prime, check_seconds));
  }
  const WitnessCheck check = check_leaf_bound(p.original, cert, deadline.stop_request());
  if (!check.ok) throw std::logic_error("internal error: rank witness rejected: " + check.message);
  r.lower = {cert.implied_depth(), fmt::format("rank bound over GF({})", prime),
             CertificateKind::rank, true, check.message};
  r.ranks = std::move(cert);
}

// Adopts D >= k + 1 from a refutation that solve_cnf has checked (and kept in the proof directory
// as problem.cnf / problem.drat).
void adopt_refutation(SolveResult& r, int k, const CheckedRefutation& refutation) {
  r.drup = DrupCertificate{k,
                           "problem.cnf",
                           "problem.drat",
                           refutation.lemmas,
                           refutation.solve_seconds,
                           refutation.check_seconds};
  if (k + 1 <= r.lower.value) return;
  r.lower = {k + 1, "SAT: no protocol of depth " + std::to_string(k), CertificateKind::drup, true,
             fmt::format("DRUP proof of {} lemmas checked by our RUP checker", refutation.lemmas)};
}

// Adopts the search's lower bound once proofs/search_refutation, which re-derives every step with
// its own code, accepts the log, within a budget proportional to the search's own work and before
// the deadline. Returns false when the deadline stopped the check: nothing is adopted. A check over
// its budget adopts nothing either and says so in the note (the log is not established, which is
// not a bug); only a rejected log is an internal error.
bool adopt_search_lower(SolveResult& r, const PreparedMatrix& p, const SearchResult& s,
                        const Deadline& deadline) {
  const Deadline clock;
  const RefutationCheck check =
      check_search_refutation(p.original, s.refutation, s.lower,
                              {search_log_budget(s.nodes), [&] { return deadline.expired(); }});
  if (check.undecided) {
    if (deadline.expired()) return false;
    add_note(r, "search log " + check.message);
    return true;
  }
  if (!check.valid) throw std::logic_error("internal error: search log rejected: " + check.message);
  r.lower = {s.lower, "exhaustive search", CertificateKind::search_log, true,
             fmt::format("no protocol of depth {} ({} rectangles searched; log of {} claims "
                         "checked in {:.3f} s)",
                         s.lower - 1, s.nodes, check.claims_checked, clock.elapsed())};
  r.refutation = s.refutation;
  return true;
}

}  // namespace

void offer_rank_bounds(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline) {
  for (std::uint64_t prime : {std::uint64_t{2}, kLargePrime})
    if (r.lower.value < r.upper.value) offer_rank_bound(r, p, prime, deadline);
}

// The log's check costs about a third of the search before it (one side test per search node, at
// about half a node's time: IP:5 0.6 s after 1.8 s, IP:6 5.6 s after 10 s of search), and a check
// the deadline stops adopts nothing; so under a time limit the search gets two thirds of the time
// left and its check the rest.
void run_search(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline) {
  const SearchResult s = search_exact(p, r.lower.value, r.upper.value,
                                      deadline.capped(deadline.remaining_seconds() * 2 / 3));
  r.search_nodes = s.nodes;
  add_note(r, s.skipped);
  const bool checked = s.lower <= r.lower.value || adopt_search_lower(r, p, s, deadline);
  if (!s.protocol.empty())
    offer_protocol(r, p.original, s.protocol, "optimal protocol from search");
  if (s.timed_out || !checked) throw TimeoutExpired{};
}

SmtStatus smt_step(SolveResult& r, const PreparedMatrix& p, int k, const Deadline& deadline) {
  const SmtAnswer answer = smt_decide_depth(p, k, deadline);
  r.note = answer.skipped;
  if (answer.status == SmtStatus::sat)
    offer_protocol(r, p.original, answer.protocol,
                   fmt::format("protocol from a Z3 model (depth <= {})", k));
  return answer.status;
}

bool sat_step(SolveResult& r, const PreparedMatrix& p, int k, const Deadline& deadline,
              const std::string& proof_dir) {
  const auto size = budget::depth_formula_size(p.distinct(), k);
  if (auto why = budget::unaffordable(size, deadline)) {
    r.note = *why;
    return false;
  }
  const DepthFormula formula(p.distinct(), k);
  const CnfAnswer answer = solve_formula(formula, deadline, {proof_dir, true}, "problem");
  r.note = answer.skipped;
  if (answer.status == SatStatus::unsat) adopt_refutation(r, k, answer.refutation);
  if (answer.status == SatStatus::sat)
    offer_protocol(r, p.original, decode_depth_model(formula, p, answer.model),
                   fmt::format("protocol from a SAT model (depth <= {})", k));
  return answer.status != SatStatus::unknown;
}

void confirm_smt_refutation(SolveResult& r, const PreparedMatrix& p, int k,
                            const Deadline& deadline, const std::string& proof_dir) {
  const std::string claim = "SMT: no protocol of depth " + std::to_string(k);
  if (k + 1 <= r.lower.value) return;
  if (!deadline.expired() && sat_step(r, p, k, deadline, proof_dir)) {
    if (r.upper.value <= k)
      throw std::logic_error(fmt::format(
          "internal error: Z3 refuted depth {} but CaDiCaL found a verified protocol", k));
    r.lower.method = claim + "; confirmed by CaDiCaL";
    return;
  }
  r.timed_out = r.note.empty();
  r.unchecked_lower =
      Evidence{k + 1, claim, CertificateKind::none, false,
               "Z3 answered unsat (no proof); CaDiCaL could not confirm it " +
                   (r.note.empty() ? std::string("in the time left") : "(" + r.note + ")")};
}

}  // namespace ccbound::steps
