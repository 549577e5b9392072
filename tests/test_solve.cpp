// solve(): the known values, with every certificate checked.
#include <catch2/catch.hpp>
#include <sstream>

#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/solve.hpp"
#include "test_support.hpp"

using namespace ccbound;

namespace {

SolveResult solve_family(Family f, int n) {
  return solve({std::string(family_name(f)) + ":" + std::to_string(n), family_matrix(f, n)}, {});
}

void check_certified(const SolveResult& r, const Matrix& m) {
  CHECK(r.upper.checked);
  CHECK(verify_protocol(m, r.protocol).ok);
  CHECK(verify_protocol(m, r.protocol).cost == r.upper.value);
  if (r.ranks) CHECK(check_leaf_bound(m, *r.ranks).ok);
}

}  // namespace

TEST_CASE("EQ, DISJ, IP and GT need n+1 bits", "[solve][families]") {
  for (int n = 1; n <= 4; ++n) {
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt}) {
      const SolveResult r = solve_family(f, n);
      INFO(r.problem);
      CHECK(r.exact());
      CHECK(r.lower.value == n + 1);
      CHECK(r.lower.checked);
      check_certified(r, family_matrix(f, n));
    }
  }
}

TEST_CASE("INDEX needs ceil(log2 n) + 1 bits", "[solve][families]") {
  for (int n = 2; n <= 8; ++n) {
    const SolveResult r = solve_family(Family::index, n);
    INFO(r.problem);
    CHECK(r.exact());
    CHECK(r.upper.value == bits_to_name(static_cast<std::size_t>(n)) + 1);
    check_certified(r, family_matrix(Family::index, n));
  }
  CHECK(solve_family(Family::index, 1).upper.value == 1);
}

TEST_CASE("a constant matrix needs no bits", "[solve]") {
  for (const char* text : {"0\n", "111\n111\n", "00\n00\n00\n"}) {
    const Matrix m = parse_matrix_text(text);
    const SolveResult r = solve({"const", m}, {});
    CHECK(r.exact());
    CHECK(r.upper.value == 0);
    check_certified(r, m);
  }
}

TEST_CASE("D is invariant under transpose and complement", "[solve][symmetry]") {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 60; ++i) {
    const Matrix m = testing::random_matrix(2 + i % 7, 2 + (i * 3) % 7, 0.3 + 0.1 * (i % 5), rng);
    const int d = solve({"m", m}, {}).upper.value;
    CHECK(solve({"t", m.transposed()}, {}).upper.value == d);
    CHECK(solve({"c", m.complemented()}, {}).upper.value == d);
  }
}

TEST_CASE("larger families close by bounds", "[solve][families]") {
  for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt}) {
    const SolveResult r = solve_family(f, 6);
    INFO(r.problem);
    CHECK(r.exact());
    CHECK(r.upper.value == 7);
    check_certified(r, family_matrix(f, 6));
  }
}

TEST_CASE("a timeout gives a labelled interval", "[solve]") {
  std::mt19937_64 rng(3);
  const Matrix m = testing::random_matrix(48, 48, 0.5, rng);
  // The deadline has passed before the first rank step: only the one-way bound is known.
  SolveOptions options;
  options.timeout_seconds = 1e-9;
  const SolveResult r = solve({"m", m}, options);
  CHECK(r.timed_out);
  CHECK_FALSE(r.exact());
  CHECK(r.lower.value == 1);
  CHECK(r.upper.value == 7);
  CHECK_FALSE(r.note.empty());
  check_certified(r, m);
}

// The one rule: a side of the interval is never unchecked, for any engine, and a result is exact
// only when the certified interval closes. Z3's unsat answers have no proof of their own.
TEST_CASE("smt is exact only when CaDiCaL confirmed Z3's refutation", "[solve][smt]") {
  SolveOptions options;
  options.engine = Engine::smt;
  for (int n = 1; n <= 3; ++n) {
    for (Family f : {Family::eq, Family::gt, Family::ip}) {
      const Matrix m = family_matrix(f, n);
      const SolveResult r = solve({"m", m}, options);
      INFO(family_name(f) << ":" << n);
      CHECK(r.status() == SolveStatus::exact);
      CHECK(r.lower.value == n + 1);
      CHECK(r.lower.checked);
      CHECK(r.lower.certificate == CertificateKind::drup);
      CHECK(r.lower.method.find("confirmed by CaDiCaL") != std::string::npos);
      CHECK_FALSE(r.unchecked_lower);
      check_certified(r, m);
    }
  }
}

TEST_CASE("no engine leaves an unchecked side in the interval, even on timeouts", "[solve]") {
  std::mt19937_64 rng(77);
  for (const Engine engine : {Engine::automatic, Engine::sat, Engine::smt}) {
    for (int i = 0; i < 12; ++i) {
      const Matrix m = testing::random_matrix(9 + i % 4, 10, 0.5, rng);
      SolveOptions options;
      options.engine = engine;
      options.timeout_seconds = i % 3 == 0 ? 0.02 : 0;  // some runs stop early
      const SolveResult r = solve({"m", m}, options);
      INFO(engine_name(engine) << " #" << i);
      CHECK(r.lower.checked);
      CHECK(r.upper.checked);
      CHECK(r.lower.value <= r.upper.value);
      CHECK((r.status() == SolveStatus::exact) == (r.lower.value == r.upper.value));
      if (r.unchecked_lower) {
        CHECK_FALSE(r.unchecked_lower->checked);
        CHECK(r.status() != SolveStatus::exact);
      }
      if (!r.timed_out) CHECK(r.exact());
      check_certified(r, m);
    }
  }
}

TEST_CASE("an unchecked claim never makes a result exact", "[solve]") {
  SolveResult r;
  r.lower = {2, "rank", CertificateKind::rank, true, ""};
  r.upper = {3, "protocol", CertificateKind::protocol, true, ""};
  CHECK(r.status() == SolveStatus::interval);
  r.unchecked_lower = Evidence{3, "SMT", CertificateKind::none, false, ""};
  CHECK(r.status() == SolveStatus::unchecked);
  CHECK_FALSE(r.exact());
  CHECK(status_name(r.status()) == "unchecked");
  r.lower.value = 3;
  CHECK(r.status() == SolveStatus::exact);
}
