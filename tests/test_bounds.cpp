// compute_bounds: the known values of the families, every implied bound below D on random
// matrices, and the relations between the measures (chi >= rank(M) + rank(J - M), fool <= C).
#include <catch2/catch.hpp>
#include <random>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/families.hpp"
#include "test_support.hpp"

using namespace ccbound;
using ccbound::testing::naive_d;
using ccbound::testing::random_matrix;

namespace {

BoundsResult bounds_of(Family f, int n) {
  return compute_bounds({"family", family_matrix(f, n)}, {});
}

int value(const BoundsResult& r, MeasureId id) {
  INFO(measure_key(id) << " = " << r[id].lower << ".." << r[id].upper);
  REQUIRE(r[id].settled());
  REQUIRE(r[id].checked);
  return r[id].lower;
}

int ceil_log2(int n) {
  int bits = 0;
  while ((1 << bits) < n) ++bits;
  return bits;
}

}  // namespace

TEST_CASE("known values of EQ, DISJ, IP, GT and INDEX") {
  for (int n = 1; n <= 3; ++n) {
    INFO("n = " << n);
    const int all = 1 << n;
    const BoundsResult eq = bounds_of(Family::eq, n);
    CHECK(value(eq, MeasureId::rank_q) == all);
    CHECK(value(eq, MeasureId::rank_q_complement) == (n == 1 ? 2 : all));
    CHECK(value(eq, MeasureId::rank_gf2) == all);
    CHECK(value(eq, MeasureId::fooling1) == all);
    CHECK(value(eq, MeasureId::chi1) == all);
    CHECK(value(eq, MeasureId::D) == n + 1);
    CHECK(value(eq, MeasureId::oneway_ab) == n);
    CHECK(*eq[MeasureId::rank_q].implies == n + 1);

    const BoundsResult disj = bounds_of(Family::disj, n);
    CHECK(value(disj, MeasureId::rank_q) == all);
    CHECK(value(disj, MeasureId::rank_q_complement) == all - 1);
    CHECK(value(disj, MeasureId::fooling1) == all);
    CHECK(value(disj, MeasureId::cover0) == n);
    CHECK(value(disj, MeasureId::D) == n + 1);

    const BoundsResult ip = bounds_of(Family::ip, n);
    CHECK(value(ip, MeasureId::rank_q) == all - 1);
    CHECK(value(ip, MeasureId::rank_q_complement) == all);
    CHECK(value(ip, MeasureId::rank_gf2) == n);
    CHECK(value(ip, MeasureId::D) == n + 1);

    const BoundsResult gt = bounds_of(Family::gt, n);
    CHECK(value(gt, MeasureId::rank_q) == all - 1);
    CHECK(value(gt, MeasureId::rank_gf2) == all - 1);
    CHECK(value(gt, MeasureId::cover1) == all - 1);
    CHECK(value(gt, MeasureId::D) == n + 1);
  }
  for (int n = 1; n <= 5; ++n) {
    INFO("INDEX n = " << n);
    const BoundsResult index = bounds_of(Family::index, n);
    CHECK(value(index, MeasureId::oneway_ab) == n);
    CHECK(value(index, MeasureId::oneway_ba) == ceil_log2(n));
    CHECK(value(index, MeasureId::rank_q) == n);
    CHECK(value(index, MeasureId::D) == ceil_log2(n) + 1);
    CHECK_FALSE(index[MeasureId::oneway_ab].implies.has_value());  // not a lower bound on D
  }
}

TEST_CASE("every implied bound is at most D, on 300 random matrices") {
  std::mt19937_64 rng(5150);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t rows = 1 + rng() % 6, cols = 1 + rng() % 6;
    const Matrix m = random_matrix(rows, cols, 0.1 + 0.2 * double(trial % 5), rng);
    INFO(to_string(m));
    const BoundsResult r = compute_bounds({"random", m}, {});
    const int d = naive_d(m);
    REQUIRE(value(r, MeasureId::D) == d);
    for (std::size_t i = 0; i < kMeasureCount; ++i) {
      INFO(measure_key(MeasureId(i)));
      REQUIRE(r.measures[i].settled());
      REQUIRE(r.measures[i].checked);
      if (r.measures[i].implies) CHECK(*r.measures[i].implies <= d);
    }
    // The relations between the measures (REFERENCE.md): chi >= rank(M) + rank(J - M),
    // fool_b <= C_b <= chi_b, and D <= one-way + 1.
    CHECK(value(r, MeasureId::chi) >=
          value(r, MeasureId::rank_q) + value(r, MeasureId::rank_q_complement));
    CHECK(value(r, MeasureId::fooling1) <= value(r, MeasureId::cover1));
    CHECK(value(r, MeasureId::cover1) <= value(r, MeasureId::chi1));
    CHECK(value(r, MeasureId::fooling0) <= value(r, MeasureId::cover0));
    CHECK(value(r, MeasureId::cover0) <= value(r, MeasureId::chi0));
    CHECK(value(r, MeasureId::rank_gf2) <= value(r, MeasureId::rank_q));
    CHECK(d <= std::min(value(r, MeasureId::oneway_ab), value(r, MeasureId::oneway_ba)) + 1);
  }
}

TEST_CASE("constant matrices: every bound is 0") {
  for (const bool bit : {false, true}) {
    Matrix m(3, 4);
    for (std::size_t x = 0; x < 3; ++x)
      for (std::size_t y = 0; y < 4; ++y) m.set(x, y, bit);
    const BoundsResult r = compute_bounds({"constant", m}, {});
    CHECK(value(r, MeasureId::D) == 0);
    CHECK(value(r, bit ? MeasureId::chi1 : MeasureId::chi0) == 1);
    CHECK(value(r, bit ? MeasureId::chi0 : MeasureId::chi1) == 0);
    for (const auto& measure : r.measures)
      if (measure.implies) CHECK(*measure.implies == 0);
  }
}

TEST_CASE("a timeout gives intervals, never a wrong value") {
  const BoundsResult r =
      compute_bounds({"IP:6", family_matrix(Family::ip, 6)}, {1e-6, "", std::nullopt});
  CHECK(r.timed_out);
  for (const auto& measure : r.measures) CHECK(measure.lower <= measure.upper);
  CHECK(r[MeasureId::D].lower <= 7);
  CHECK(r[MeasureId::D].upper >= 7);
}

TEST_CASE("only one measure: that one exact and checked, the others left at their trivial bounds") {
  BoundsOptions options;
  options.only = MeasureId::rank_gf2;
  const BoundsResult r = compute_bounds({"IP:4", family_matrix(Family::ip, 4)}, options);
  CHECK(r[MeasureId::rank_gf2].lower == 4);
  CHECK(r[MeasureId::rank_gf2].upper == 4);
  CHECK(r[MeasureId::rank_gf2].checked);
  CHECK_FALSE(r[MeasureId::D].checked);
  CHECK_FALSE(r[MeasureId::chi1].checked);
  for (const auto& measure : r.measures) CHECK(measure.lower <= measure.upper);
  for (const MeasureId id : {MeasureId::fooling1, MeasureId::chi0, MeasureId::D}) {
    options.only = id;
    const BoundsResult alone = compute_bounds({"EQ:2", family_matrix(Family::eq, 2)}, options);
    const BoundsResult all = compute_bounds({"EQ:2", family_matrix(Family::eq, 2)}, {});
    CHECK(alone[id].lower == all[id].lower);
    CHECK(alone[id].upper == all[id].upper);
    CHECK(alone[id].checked);
  }
}

// The 1-cover step of IP_8: its formula at the lower bound has ~3M clauses, quadratic in nothing
// but still far more than can be built in the half second a SIGINT may wait for (no time limit).
TEST_CASE("a formula that cannot be built in time is skipped; the interval is labelled",
          "[bounds][limits]") {
  BoundsOptions options;
  options.only = MeasureId::cover1;
  const BoundsResult r = compute_bounds({"IP:8", family_matrix(Family::ip, 8)}, options);
  const Measure& c1 = r[MeasureId::cover1];
  INFO(c1.detail);
  CHECK(c1.checked);  // both sides: the greedy fooling set and the trivial cover
  CHECK(c1.lower >= 8);
  CHECK(c1.upper == 255);
  CHECK_THAT(c1.detail, Catch::Contains("skipped: the formula would need ~") &&
                            Catch::Contains("M clauses") && Catch::Contains("cannot be interrupted"));
  CHECK_FALSE(r.timed_out);
}

// With only ~100 MiB left under the memory limit, the 1-cover formula of a random 120 x 120
// matrix (~0.35M clauses, ~90 MiB estimated at the peak) is more than half of it: skipped, and
// said so; without the limit the same step runs.
TEST_CASE("a formula that does not fit the memory left is skipped; the interval is labelled",
          "[bounds][limits]") {
  std::mt19937_64 rng(120);
  const Problem problem{"random 120", ccbound::testing::random_matrix(120, 120, 0.5, rng)};
  BoundsOptions options;
  options.only = MeasureId::cover1;
  options.timeout_seconds = 0.5;  // the SAT search itself is not the point here
  clear_stop();
  watch_memory(resident_mib() + 100);
  const BoundsResult tight = compute_bounds(problem, options);
  watch_memory(0);
  REQUIRE(stop_reason() == StopReason::none);  // skipped before the limit was ever reached
  const Measure& c1 = tight[MeasureId::cover1];
  INFO(c1.detail);
  CHECK(c1.checked);
  CHECK_THAT(c1.detail,
             Catch::Contains("skipped: the formula would need ~") && Catch::Contains("of memory"));
  const BoundsResult free = compute_bounds(problem, options);
  INFO(free[MeasureId::cover1].detail);
  CHECK_THAT(free[MeasureId::cover1].detail, !Catch::Contains("skipped"));
}
