// Tests of the index-lookup Transformer: it solves INDEX_N exactly, the worst-case and margin
// arguments agree with exhaustive checking, and broken variants are rejected.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "ccbound/reductions/index_lookup.hpp"
#include "ccbound/reductions/number_format.hpp"

namespace {

using namespace ccbound::reductions;

int naive_max_inner_product(const SignCode& code) {
  int mu = 0;
  for (int a = 0; a < code.count; ++a)
    for (int b = a + 1; b < code.count; ++b) {
      int sum = 0;
      for (int i = 0; i < code.length; ++i) sum += code.sign(a, i) * code.sign(b, i);
      mu = std::max(mu, std::abs(sum));
    }
  return mu;
}

// The construction rebuilt at another scale c (same code).
IndexLookupConstruction with_scale(IndexLookupConstruction construction, double scale) {
  construction.scale = scale;
  construction.model = index_lookup_model(construction.code, scale, construction.model.format);
  return construction;
}

std::size_t at(const IndexLookupConstruction& construction, int row, int column) {
  return static_cast<std::size_t>(row * construction.model.width + column);
}

bool all_reject(const IndexLookupConstruction& construction) {
  for (VerifyMethod method :
       {VerifyMethod::exhaustive, VerifyMethod::worst_case, VerifyMethod::margin_bound})
    if (verify_index_lookup(construction, method).verified) return false;
  return true;
}

}  // namespace

TEST_CASE("coherence by popcount equals the naive double loop", "[index_lookup]") {
  for (int k : {1, 8, 40, 64, 70, 130})
    for (int count : {1, 2, 3, 37, 100}) {
      const SignCode code =
          random_sign_code(count, k, static_cast<std::uint64_t>(k * 1000 + count));
      const int naive = naive_max_inner_product(code);
      CAPTURE(k, count);
      CHECK(max_inner_product(code) == naive);
      for (int a = 0; a + 1 < count; ++a) {
        int sum = 0;
        for (int i = 0; i < k; ++i) sum += code.sign(a, i) * code.sign(a + 1, i);
        CHECK(code.inner_product(a, a + 1) == sum);
      }
      // Stopping early still reports a value above the threshold when the true one is.
      if (naive > 0) CHECK(max_inner_product(code, naive - 1) > naive - 1);
    }
}

TEST_CASE("index lookup is correct on every input for N = 1..12", "[index_lookup]") {
  for (int n = 1; n <= 12; ++n) {
    const IndexLookupConstruction construction = build_index_lookup(n, NumberFormat::binary32(), 7);
    CAPTURE(n, construction.code_length, construction.max_inner_product, construction.scale);
    CHECK(construction.model.width == 2 * construction.code_length + 1);
    const ConstructionCheck check = verify_index_lookup(construction);
    CHECK(check.method == "exhaustive");
    CHECK(check.verified);
    CHECK(check.inputs_checked == static_cast<std::uint64_t>(n) << n);
  }
}

TEST_CASE("the worst-case and margin arguments agree with exhaustive checking", "[index_lookup]") {
  for (int n = 8; n <= 14; ++n) {
    const IndexLookupConstruction construction = build_index_lookup(n, NumberFormat::binary32(), 3);
    CAPTURE(n);
    const ConstructionCheck worst = verify_index_lookup(construction, VerifyMethod::worst_case);
    CHECK(verify_index_lookup(construction, VerifyMethod::exhaustive).verified);
    CHECK(worst.verified);
    CHECK(worst.margin_one > 0);
    CHECK(worst.margin_zero > 0);
    const ConstructionCheck bound = verify_index_lookup(construction, VerifyMethod::margin_bound);
    CHECK(bound.verified);
    // The bound is never tighter than the exact worst case.
    CHECK(bound.margin_one <= worst.margin_one);
    CHECK(bound.margin_zero <= worst.margin_zero);
  }
}

TEST_CASE("a scale too small for the code is rejected by every method", "[index_lookup]") {
  for (int n : {6, 9}) {
    const IndexLookupConstruction good = build_index_lookup(n, NumberFormat::binary32(), 5);
    const IndexLookupConstruction weak = with_scale(good, 0.125 / good.code_length);
    CAPTURE(n);
    CHECK(all_reject(weak));
    // ... and where the exhaustive check says no, so does the worst case at the same c.
    CHECK(!verify_index_lookup(weak, VerifyMethod::worst_case).verified);
  }
}

TEST_CASE("a negated value is rejected by every method", "[index_lookup]") {
  IndexLookupConstruction construction = build_index_lookup(10, NumberFormat::binary32(), 5);
  const int bit = construction.code_length;
  construction.model.heads[0].value[at(construction, bit, bit)] = -1.0;
  construction.model.prepare();
  CHECK(all_reject(construction));
}

TEST_CASE("a key that depends on the bit token fails the structural checks", "[index_lookup]") {
  IndexLookupConstruction construction = build_index_lookup(10, NumberFormat::binary32(), 5);
  const int bit = construction.code_length;
  construction.model.heads[0].key[at(construction, 0, bit)] = 0.125;
  construction.model.prepare();
  const ConstructionCheck worst = verify_index_lookup(construction, VerifyMethod::worst_case);
  CHECK(!worst.verified);
  CHECK(worst.detail == "the key depends on the bit token");
  CHECK(!verify_index_lookup(construction, VerifyMethod::margin_bound).verified);
}

TEST_CASE("a read-out reading another head coordinate fails the structural checks",
          "[index_lookup]") {
  IndexLookupConstruction construction = build_index_lookup(8, NumberFormat::binary32(), 5);
  construction.model.w1[0] = 0.5;
  construction.model.prepare();
  CHECK(!verify_index_lookup(construction, VerifyMethod::worst_case).verified);
  CHECK(!verify_index_lookup(construction, VerifyMethod::margin_bound).verified);
}

TEST_CASE("index lookup at fixed point", "[index_lookup]") {
  const NumberFormat format = NumberFormat::fixed(24, 8);  // 15 integer bits
  for (int n : {1, 2, 5, 10}) {
    const IndexLookupConstruction construction = build_index_lookup(n, format, 11);
    CAPTURE(n, construction.code_length, construction.scale);
    CHECK(verify_index_lookup(construction).verified);
    CHECK(verify_index_lookup(construction, VerifyMethod::worst_case).verified);
  }
  // Too few integer bits for any code: exp(c k) would have to exceed 4N with c k <= ln(max) - 1.
  CHECK_THROWS(build_index_lookup(64, NumberFormat::fixed(8, 4), 1));
}

TEST_CASE("the worst case and the margin bound verify larger N", "[index_lookup]") {
  for (int n : {64, 200}) {
    const IndexLookupConstruction construction = build_index_lookup(n, NumberFormat::binary32(), 9);
    CAPTURE(n, construction.code_length);
    const ConstructionCheck worst = verify_index_lookup(construction);
    CHECK(worst.method == "worst case");
    CHECK(worst.verified);
    CHECK(worst.inputs_checked == 2 * static_cast<std::uint64_t>(n));
    CHECK(verify_index_lookup(construction, VerifyMethod::margin_bound).verified);
  }
}

TEST_CASE("index lookup figures", "[.figures]") {
  fmt::print("{:>7} {:>5} {:>5} {:>8} {:>5} {:>6} {:>12} {:>12} {:>13} {:>7} {:>7}\n", "N", "k",
             "m", "m/log2N", "mu", "c", "margin_one", "margin_zero", "method", "build_s",
             "verify_s");
  for (int log_n = 4; log_n <= 16; log_n += 2) {
    const int n = 1 << log_n;
    const auto start = std::chrono::steady_clock::now();
    const IndexLookupConstruction construction = build_index_lookup(n, NumberFormat::binary32(), 1);
    const double build =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ConstructionCheck check = verify_index_lookup(construction);
    const ConstructionCheck margins =
        check.method == "exhaustive" ? verify_index_lookup(construction, VerifyMethod::worst_case)
                                     : check;
    fmt::print(
        "{:>7} {:>5} {:>5} {:>8.2f} {:>5} {:>6} {:>12.6g} {:>12.6g} {:>13} {:>7.2f} {:>7.2f}{}\n",
        n, construction.code_length, construction.model.width,
        construction.model.width / static_cast<double>(log_n), construction.max_inner_product,
        construction.scale, margins.margin_one, margins.margin_zero, check.method, build,
        check.seconds, check.verified ? "" : "  NOT VERIFIED");
    CHECK(check.verified);
  }
}

// The least fixed-point width fixed:p:8 at which a code is found and verified (worst case or
// margin bound), per N.
TEST_CASE("index lookup precision figures", "[.figures]") {
  fmt::print("{:>7} {:>12} {:>5} {:>6} {:>13}\n", "N", "format", "k", "c", "method");
  for (int log_n = 4; log_n <= 12; log_n += 2) {
    const int n = 1 << log_n;
    for (int p = 10; p <= 53; ++p) {
      const NumberFormat format = NumberFormat::fixed(p, 8);
      IndexLookupConstruction construction;
      try {
        construction = build_index_lookup(n, format, 1);
      } catch (const std::exception&) {
        continue;
      }
      const ConstructionCheck check = verify_index_lookup(
          construction, n <= 256 ? VerifyMethod::worst_case : VerifyMethod::margin_bound);
      if (!check.verified) continue;
      fmt::print("{:>7} {:>12} {:>5} {:>6} {:>13}\n", n, format.name(), construction.code_length,
                 construction.scale, check.method);
      break;
    }
  }
}

// Across scales from far too small to the largest, the worst case says yes exactly when checking
// every input does, and the margin bound never says yes when it does not.
TEST_CASE("the worst case is exact and the margin bound sound across scales", "[index_lookup]") {
  for (int n : {6, 9}) {
    const IndexLookupConstruction base = build_index_lookup(n, NumberFormat::binary32(), 13);
    int verified = 0, rejected = 0;
    for (double scale = 0.0625; scale <= base.scale; scale *= 1.5) {
      const IndexLookupConstruction construction =
          with_scale(base, std::ldexp(std::round(std::ldexp(scale, 5)), -5));
      const bool exhaustive = verify_index_lookup(construction, VerifyMethod::exhaustive).verified;
      CAPTURE(n, construction.scale);
      CHECK(verify_index_lookup(construction, VerifyMethod::worst_case).verified == exhaustive);
      if (verify_index_lookup(construction, VerifyMethod::margin_bound).verified) CHECK(exhaustive);
      (exhaustive ? verified : rejected) += 1;
    }
    CHECK(verified > 0);
    CHECK(rejected > 0);
  }
}
