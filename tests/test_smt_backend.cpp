// The Z3 back end: exact values on the families, agreement with the naive recursion on random
// matrices, decoded protocols that the verifier accepts, and an SMT-LIB 2 export that Z3 itself
// reads back with the same answer.
#include <z3++.h>
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/protocols/verifier.hpp"
#include "ccbound/engines/smt_backend.hpp"
#include "test_support.hpp"

using namespace ccbound;

namespace {

constexpr double kTimeout = 60;  // generous: a timeout shows up as a failed status check

// Checks that depth k is exactly the threshold: sat (with a verified protocol) at k, unsat below.
void check_exact_depth(const Matrix& m, int d) {
  INFO("matrix:\n" << to_string(m) << "D = " << d);
  const SmtAnswer yes = smt_decide_depth(m, d, kTimeout);
  REQUIRE(yes.status == SmtStatus::sat);
  const Verdict verdict = verify_protocol(m, yes.protocol);
  INFO(verdict.message);
  CHECK(verdict.ok);
  CHECK(verdict.cost <= d);
  if (d > 0) CHECK(smt_decide_depth(m, d - 1, kTimeout).status == SmtStatus::unsat);
}

SmtStatus z3_reads_back(const std::string& text) {
  z3::context ctx;
  z3::solver solver(ctx);
  solver.from_string(text.c_str());
  switch (solver.check()) {
    case z3::sat:
      return SmtStatus::sat;
    case z3::unsat:
      return SmtStatus::unsat;
    default:
      return SmtStatus::unknown;
  }
}

}  // namespace

TEST_CASE("smt: D = n + 1 for EQ, DISJ, IP and GT", "[smt]") {
  for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt})
    for (int n = 1; n <= 3; ++n) {
      INFO(family_name(f) << ":" << n);
      check_exact_depth(family_matrix(f, n), n + 1);
    }
}

TEST_CASE("smt: D(INDEX_n) = ceil(log2 n) + 1", "[smt]") {
  check_exact_depth(family_matrix(Family::index, 2), 2);
  check_exact_depth(family_matrix(Family::index, 3), 3);
  check_exact_depth(family_matrix(Family::index, 4), 3);
}

TEST_CASE("smt: agrees with the naive recursion on random matrices", "[smt]") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<std::size_t> side(1, 6);
  const double densities[] = {0.2, 0.5, 0.8};
  for (int trial = 0; trial < 120; ++trial) {
    const Matrix m = testing::random_matrix(side(rng), side(rng), densities[trial % 3], rng);
    check_exact_depth(m, testing::naive_d(m));
  }
}

TEST_CASE("smt: constant matrices need no bits; non-constant ones fail at k = 0", "[smt]") {
  Matrix zeros(3, 4);
  const SmtAnswer zero_answer = smt_decide_depth(zeros, 0, kTimeout);
  REQUIRE(zero_answer.status == SmtStatus::sat);
  CHECK(verify_protocol(zeros, zero_answer.protocol).ok);
  CHECK(zero_answer.protocol.size() == 1);
  const Matrix ones = zeros.complemented();
  const SmtAnswer one_answer = smt_decide_depth(ones, 0, kTimeout);
  REQUIRE(one_answer.status == SmtStatus::sat);
  CHECK(verify_protocol(ones, one_answer.protocol).ok);
  Matrix single(1, 1);
  single.set(0, 0, true);
  CHECK(smt_decide_depth(single, 0, kTimeout).status == SmtStatus::sat);
  CHECK(smt_decide_depth(family_matrix(Family::eq, 1), 0, kTimeout).status == SmtStatus::unsat);
}

TEST_CASE("smt: protocols use the original indices of a matrix with duplicates", "[smt]") {
  // Rows 0, 2 and 3 are equal, columns 1 and 3 are equal: deduplicated this is EQ_1's pattern.
  Matrix m(4, 4);
  for (std::size_t y : {0, 2}) m.set(1, y, true);
  for (std::size_t x : {0, 2, 3})
    for (std::size_t y : {1, 3}) m.set(x, y, true);
  check_exact_depth(m, 2);
  const SmtAnswer answer = smt_decide_depth(m, 2, kTimeout);
  CHECK(answer.protocol.rows() == 4);
  CHECK(answer.protocol.cols() == 4);
}

TEST_CASE("smt: a depth far above D is still sat and the protocol stays shallow", "[smt]") {
  const Matrix m = family_matrix(Family::gt, 2);
  const SmtAnswer answer = smt_decide_depth(m, 40, kTimeout);
  REQUIRE(answer.status == SmtStatus::sat);
  const Verdict verdict = verify_protocol(m, answer.protocol);
  CHECK(verdict.ok);
  CHECK(verdict.cost <= 3);  // the query is clamped to ceil(log2 4) + 1 bits
}

TEST_CASE("smt: a negative depth is an input error", "[smt]") {
  CHECK_THROWS_AS(smt_decide_depth(family_matrix(Family::eq, 1), -1, kTimeout), InputError);
  CHECK_THROWS_AS(smt2_query(family_matrix(Family::eq, 1), -1), InputError);
}

TEST_CASE("smt: the SMT-LIB 2 export is the same query", "[smt]") {
  const Matrix m = family_matrix(Family::eq, 2);
  const std::string below = smt2_query(m, 2);
  const std::string at = smt2_query(m, 3);
  CHECK(below.find("(check-sat)") != std::string::npos);
  CHECK(below.find("declare-fun") != std::string::npos);
  CHECK(below.find("alice") != std::string::npos);
  CHECK(z3_reads_back(below) == SmtStatus::unsat);
  CHECK(z3_reads_back(at) == SmtStatus::sat);
}

TEST_CASE("smt: the timeout is honoured and never turns into a wrong answer", "[smt]") {
  const SmtAnswer tiny = smt_decide_depth(family_matrix(Family::eq, 4), 4, 0.001);  // D = 5
  CHECK(tiny.status != SmtStatus::sat);
  // EQ_5 at k = 5 takes Z3 well over a minute, so half a second must end in unknown.
  const SmtAnswer hard = smt_decide_depth(family_matrix(Family::eq, 5), 5, 0.5);
  CHECK(hard.status == SmtStatus::unknown);
  CHECK(hard.seconds < 10);
}
