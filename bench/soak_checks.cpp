// The soak's checks (see soak_checks.hpp). Everything here is arithmetic on reported values plus
// two independent recounts: the protocol verifier re-runs every protocol, and the one-way costs are
// recounted from the distinct rows and columns. The leaf bounds are recomputed from the measures'
// lower sides rather than trusted from Measure::implies.
#include "soak_checks.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>

#include "ccbound/engines/oneway.hpp"
#include "ccbound/protocols/verifier.hpp"

namespace ccbound::soak {

std::optional<int> CaseCheck::exact_d() const {
  for (const Claim& c : claims_)
    if (c.upper && *c.upper == c.lower) return c.lower;
  return std::nullopt;
}

namespace {

// Least depth of a tree with at least `leaves` leaves.
int depth_for_leaves(long long leaves) {
  return leaves <= 1 ? 0 : int(std::bit_width(static_cast<unsigned long long>(leaves - 1)));
}

std::string interval(const Claim& c) {
  return c.upper ? fmt::format("[{}, {}]", c.lower, *c.upper) : fmt::format(">= {}", c.lower);
}

void check_evidence(CaseCheck& check, std::string_view who, std::string_view side,
                    const Evidence& e, bool finished) {
  if (e.certificate != CertificateKind::none && !e.checked)
    check.fail(fmt::format("{}: {} side {} ({}) reported unchecked: {}", who, side, e.value,
                           certificate_name(e.certificate), e.method));
  if (finished && e.certificate == CertificateKind::none)
    check.fail(
        fmt::format("{}: finished with no certificate for its {} side ({})", who, side, e.method));
}

void check_protocol(CaseCheck& check, std::string_view who, const Matrix& input,
                    const SolveResult& r) {
  const Verdict v = verify_protocol(input, r.protocol);
  if (!v.ok) check.fail(fmt::format("{}: its protocol fails the verifier: {}", who, v.message));
  if (v.ok && v.cost > r.upper.value)
    check.fail(
        fmt::format("{}: its protocol costs {} > its upper bound {}", who, v.cost, r.upper.value));
}

}  // namespace

void check_solve(CaseCheck& check, std::string_view who, const Matrix& input,
                 const SolveResult& r) {
  const bool finished = !r.timed_out && r.exact();
  check_evidence(check, who, "lower", r.lower, finished);
  check_evidence(check, who, "upper", r.upper, finished);
  if (!r.lower.checked || !r.upper.checked)
    check.fail(fmt::format("{}: its certified interval has an unchecked side", who));
  check_protocol(check, who, input, r);
  if (r.lower.value > r.upper.value)
    check.fail(fmt::format("{}: lower {} > upper {}", who, r.lower.value, r.upper.value));
  if (!r.timed_out && !r.exact())
    check.fail(fmt::format("{}: stopped at [{}, {}] without a timeout: {}", who, r.lower.value,
                           r.upper.value, r.note));
  check.claim(std::string(who), r.lower.value, r.upper.value);
}

namespace {

void check_measure(CaseCheck& check, MeasureId id, const Measure& me, bool finished) {
  const std::string_view key = measure_key(id);
  if (me.lower > me.upper)
    check.fail(fmt::format("bounds: {} interval [{}, {}] is empty", key, me.lower, me.upper));
  if (me.certificate != "none" && !me.checked)
    check.fail(
        fmt::format("bounds: {} reported with an unchecked certificate ({})", key, me.certificate));
  if (finished && !me.checked) check.fail(fmt::format("bounds: {} finished unchecked", key));
  if (finished && !me.settled())
    check.fail(
        fmt::format("bounds: {} unsettled [{}, {}] without a timeout", key, me.lower, me.upper));
  if (me.implies) check.claim(fmt::format("bounds: {} implies", key), *me.implies, std::nullopt);
}

// Requires lower side of `a` <= upper side of `b` (plus slack): a relation that always holds.
void expect_at_most(CaseCheck& check, const BoundsResult& b, MeasureId a, MeasureId c,
                    int slack = 0) {
  if (b[a].lower > b[c].upper + slack)
    check.fail(fmt::format("bounds: {} >= {} but {} <= {}{}", measure_key(a), b[a].lower,
                           measure_key(c), b[c].upper,
                           slack ? fmt::format(" (allowed + {})", slack) : ""));
}

void check_relations(CaseCheck& check, const BoundsResult& b) {
  using M = MeasureId;
  expect_at_most(check, b, M::rank_q, M::chi1);  // a 1-partition sums rank-one matrices
  expect_at_most(check, b, M::rank_q_complement, M::chi0);
  expect_at_most(check, b, M::rank_gf2, M::chi1);
  expect_at_most(check, b, M::rank_gf2, M::rank_q);              // rank mod p <= rank over Q
  expect_at_most(check, b, M::rank_q, M::rank_q_complement, 1);  // J - M and M differ by J
  expect_at_most(check, b, M::rank_q_complement, M::rank_q, 1);
  expect_at_most(check, b, M::fooling1, M::cover1);  // a rectangle holds one fooling entry
  expect_at_most(check, b, M::fooling0, M::cover0);
  expect_at_most(check, b, M::cover1, M::chi1);  // a partition is a cover
  expect_at_most(check, b, M::cover0, M::chi0);
  if (b[M::chi].lower > b[M::chi1].upper + b[M::chi0].upper ||
      b[M::chi1].lower + b[M::chi0].lower > b[M::chi].upper)
    check.fail("bounds: chi is not chi1 + chi0");
}

// The one-way costs recounted, their upper bounds on D, and the partition numbers against the
// trivial partitions by distinct rows and columns.
void check_counts(CaseCheck& check, const Matrix& m, const BoundsResult& b) {
  const std::size_t rows = distinct_rows(m), cols = distinct_rows(m.transposed());
  const std::pair<MeasureId, std::size_t> oneway[] = {{MeasureId::oneway_ab, rows},
                                                      {MeasureId::oneway_ba, cols}};
  for (const auto& [id, classes] : oneway) {
    if (b[id].settled() && b[id].lower != bits_to_name(classes))
      check.fail(fmt::format("bounds: {} = {} but there are {} distinct", measure_key(id),
                             b[id].lower, classes));
    check.claim(fmt::format("bounds: {} + 1", measure_key(id)), 0, b[id].upper + 1);
  }
  for (const MeasureId id : {MeasureId::chi1, MeasureId::chi0})
    if (std::size_t(b[id].lower) > std::min(rows, cols))
      check.fail(fmt::format("bounds: {} >= {} but M has {} x {} distinct", measure_key(id),
                             b[id].lower, rows, cols));
}

// Leaves >= the sum of the two colours' values (REFERENCE.md), from the lower sides only.
void claim_leaf_bounds(CaseCheck& check, const BoundsResult& b) {
  using M = MeasureId;
  const auto sum = [&](M a, M c) { return (long long)b[a].lower + b[c].lower; };
  const auto& gf2 = b.witnesses.rank_gf2;
  const std::pair<std::string_view, long long> leaves[] = {
      {"rank_Q(M) + rank_Q(J-M)", sum(M::rank_q, M::rank_q_complement)},
      {"rank_GF2(M) + rank_GF2(J-M)", (long long)(gf2[0].rows.size() + gf2[1].rows.size())},
      {"fool1 + fool0", sum(M::fooling1, M::fooling0)},
      {"chi1 + chi0", sum(M::chi1, M::chi0)},
      {"C1 + C0", sum(M::cover1, M::cover0)}};
  for (const auto& [what, count] : leaves)
    check.claim(fmt::format("leaves >= {} = {}", what, count), depth_for_leaves(count),
                std::nullopt);
}

}  // namespace

void check_bounds(CaseCheck& check, const Matrix& m, const BoundsResult& b) {
  for (std::size_t i = 0; i < kMeasureCount; ++i)
    check_measure(check, MeasureId(i), b.measures[i], !b.timed_out);
  const Measure& d = b[MeasureId::D];
  check.claim("bounds: D", d.lower, d.upper);
  check_relations(check, b);
  check_counts(check, m, b);
  claim_leaf_bounds(check, b);
}

void check_claims(CaseCheck& check) {
  const auto& claims = check.claims();
  if (claims.empty()) return;
  const Claim* high = &claims.front();  // the largest lower bound
  const Claim* low = nullptr;           // the smallest upper bound
  for (const Claim& c : claims) {
    if (c.lower > high->lower) high = &c;
    if (c.upper && (!low || *c.upper < *low->upper)) low = &c;
  }
  if (!low || high->lower <= *low->upper) return;
  std::string all;
  for (const Claim& c : claims)
    if (c.upper) all += fmt::format("; {} {}", c.who, interval(c));
  check.fail(fmt::format("D: {} says D >= {} but {} says D <= {}{}", high->who, high->lower,
                         low->who, *low->upper, all));
}

}  // namespace ccbound::soak
