// Tests of the index-lookup Transformer: it solves INDEX_N exactly, the worst-case and margin
// arguments agree with exhaustive checking, broken variants are rejected, and the linear position
// codes' weight argument gives the same coherence as the all-pairs scan.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/index_lookup.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/sign_code.hpp"

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
    if (verify_index_lookup(construction, method).verified()) return false;
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
    CHECK(check.verified());
    CHECK(check.inputs_checked == static_cast<std::uint64_t>(n) << n);
  }
}

TEST_CASE("the worst-case and margin arguments agree with exhaustive checking", "[index_lookup]") {
  for (int n = 8; n <= 14; ++n) {
    const IndexLookupConstruction construction = build_index_lookup(n, NumberFormat::binary32(), 3);
    CAPTURE(n);
    const ConstructionCheck worst = verify_index_lookup(construction, VerifyMethod::worst_case);
    CHECK(verify_index_lookup(construction, VerifyMethod::exhaustive).verified());
    CHECK(worst.verified());
    CHECK(worst.margin_one > 0);
    CHECK(worst.margin_zero > 0);
    const ConstructionCheck bound = verify_index_lookup(construction, VerifyMethod::margin_bound);
    CHECK(bound.verified());
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
    CHECK(!verify_index_lookup(weak, VerifyMethod::worst_case).verified());
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
  CHECK(!worst.verified());
  CHECK(worst.detail == "the key depends on the bit token");
  CHECK(!verify_index_lookup(construction, VerifyMethod::margin_bound).verified());
}

TEST_CASE("a read-out reading another head coordinate fails the structural checks",
          "[index_lookup]") {
  IndexLookupConstruction construction = build_index_lookup(8, NumberFormat::binary32(), 5);
  construction.model.w1[0] = 0.5;
  construction.model.prepare();
  CHECK(!verify_index_lookup(construction, VerifyMethod::worst_case).verified());
  CHECK(!verify_index_lookup(construction, VerifyMethod::margin_bound).verified());
}

TEST_CASE("index lookup at fixed point", "[index_lookup]") {
  const NumberFormat format = NumberFormat::fixed(24, 8);  // 15 integer bits
  for (int n : {1, 2, 5, 10}) {
    const IndexLookupConstruction construction = build_index_lookup(n, format, 11);
    CAPTURE(n, construction.code_length, construction.scale);
    CHECK(verify_index_lookup(construction).verified());
    CHECK(verify_index_lookup(construction, VerifyMethod::worst_case).verified());
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
    CHECK(worst.verified());
    CHECK(worst.inputs_checked == 2 * static_cast<std::uint64_t>(n));
    CHECK(verify_index_lookup(construction, VerifyMethod::margin_bound).verified());
  }
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_figures_row(int log_n, CodeFamily family) {
  const int n = 1 << log_n;
  const auto start = std::chrono::steady_clock::now();
  const IndexLookupConstruction construction =
      build_index_lookup(n, NumberFormat::binary32(), 1, family);
  const double build = seconds_since(start);
  const ConstructionCheck check = verify_index_lookup(construction);
  fmt::print(
      "{:>8} {:>7} {:>4} {:>4} {:>4} {:>8.2f} {:>6} {:>11.4g} {:>11.4g} {:>13} {:>8.2f} "
      "{:>8.2f}{}\n",
      n, family == CodeFamily::linear ? "linear" : "random", construction.code_length,
      construction.max_inner_product, construction.model.width,
      construction.model.width / static_cast<double>(log_n), construction.scale, check.margin_one,
      check.margin_zero, check.method, build, check.seconds,
      check.verified() ? "" : "  NOT VERIFIED");
  CHECK(check.verified());
}

}  // namespace

// Both families at binary32, N = 2^4 .. 2^16, then the linear family at N = 2^20 (the random one
// would need an O(N^2) scan there). Margins are those of the automatic method (exhaustive: not
// measured, shown as 0).
TEST_CASE("index lookup figures", "[.figures]") {
  fmt::print("{:>8} {:>7} {:>4} {:>4} {:>4} {:>8} {:>6} {:>11} {:>11} {:>13} {:>8} {:>8}\n", "N",
             "family", "k", "mu", "m", "m/log2N", "c", "margin_one", "margin_zero", "method",
             "build_s", "verify_s");
  for (int log_n = 4; log_n <= 16; log_n += 2)
    for (CodeFamily family : {CodeFamily::random, CodeFamily::linear})
      print_figures_row(log_n, family);
  print_figures_row(20, CodeFamily::linear);
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
      if (!check.verified()) continue;
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
      const bool exhaustive =
          verify_index_lookup(construction, VerifyMethod::exhaustive).verified();
      CAPTURE(n, construction.scale);
      CHECK(verify_index_lookup(construction, VerifyMethod::worst_case).verified() == exhaustive);
      if (verify_index_lookup(construction, VerifyMethod::margin_bound).verified())
        CHECK(exhaustive);
      (exhaustive ? verified : rejected) += 1;
    }
    CHECK(verified > 0);
    CHECK(rejected > 0);
  }
}

namespace {

std::vector<std::uint64_t> random_generator(int count, int length, std::uint64_t seed) {
  return random_sign_code(std::max(1, message_bits(count)), length, seed).bits;
}

// The model rebuilt on another code at the same scale.
IndexLookupConstruction with_code(IndexLookupConstruction construction, SignCode code) {
  construction.code = std::move(code);
  construction.model =
      index_lookup_model(construction.code, construction.scale, construction.model.format);
  return construction;
}

// The linear construction rebuilt with generator row `row` replaced.
IndexLookupConstruction with_row(const IndexLookupConstruction& construction, int row,
                                 const std::vector<std::uint64_t>& value) {
  std::vector<std::uint64_t> generator = construction.code.generator;
  std::copy(value.begin(), value.end(), generator.begin() + row * construction.code.words);
  return with_code(construction, linear_sign_code(construction.n, construction.code_length,
                                                  std::move(generator)));
}

}  // namespace

TEST_CASE("linear codes: the weight range gives the all-pairs coherence", "[index_lookup]") {
  for (int n : {1, 2, 3, 5, 16, 100, 1000, 4096})
    for (int k : {3, 12, 20, 70}) {
      // Any generator (rows may be dependent, then mu = k), and a searched code.
      const SignCode any = linear_sign_code(
          n, k, n == 1 ? std::vector<std::uint64_t>{} : random_generator(n, k, 17 * n + k));
      const Coherence coherence = prove_coherence(any);
      CAPTURE(n, k);
      CHECK(coherence.error.empty());
      CHECK(coherence.mu == max_inner_product(any));
      if (n <= 100) CHECK(coherence.mu == naive_max_inner_product(any));
      const std::optional<SignCode> searched = search_linear_code(n, k, k / 4, 5);
      if (!searched) continue;
      const WeightRange weights = codeword_weights(*searched);
      CHECK(weights.low >= k / 4);
      CHECK(weights.high <= k - k / 4);
      CHECK(prove_coherence(*searched).mu == max_inner_product(*searched));
    }
}

TEST_CASE("construct_index_lookup reports a verified linear construction", "[index_lookup]") {
  const ConstructionReport small = construct_index_lookup(16, NumberFormat::binary32(), 1);
  CHECK(small.task == "INDEX");
  CHECK(small.architecture == "tf1");
  CHECK(small.layers == 1);
  CHECK(small.heads == 1);
  CHECK(small.size == small.width + 1);
  CHECK(small.width % 2 == 1);
  CHECK(small.model.find("linear [") == 0);
  CHECK(small.check.method == "exhaustive");
  CHECK(small.check.verified());
  const ConstructionReport large = construct_index_lookup(1024, NumberFormat::binary32(), 1);
  CAPTURE(large.model, large.check.detail);
  CHECK(large.length == 1024);
  CHECK(large.check.method == "margin bound");
  CHECK(large.check.verified());
  CHECK(large.check.detail.find("codeword weights + all pairs") != std::string::npos);
  CHECK(large.width <= 2 * (10 + 4) + 1);
  CHECK_THROWS_AS(construct_index_lookup(0, NumberFormat::binary32(), 1), ccbound::InputError);
  CHECK_THROWS_AS(build_index_lookup(kIndexLookupMaxN + 1, NumberFormat::binary32(), 1),
                  ccbound::InputError);
}

TEST_CASE("the linear family is narrower than the random one", "[index_lookup]") {
  const IndexLookupConstruction linear = build_index_lookup(4096, NumberFormat::binary32(), 2);
  const IndexLookupConstruction random =
      build_index_lookup(4096, NumberFormat::binary32(), 2, CodeFamily::random);
  CAPTURE(linear.code_length, random.code_length);
  CHECK(linear.family == CodeFamily::linear);
  CHECK(linear.code.linear);
  CHECK(random.vectors.find("random seed") == 0);
  CHECK(!random.code.linear);
  CHECK(linear.model.width < random.model.width);
  CHECK(verify_index_lookup(linear).verified());
}

TEST_CASE("linear codes with a repeated or complementary codeword are rejected", "[index_lookup]") {
  for (int n : {10, 300}) {
    const IndexLookupConstruction good = build_index_lookup(n, NumberFormat::binary32(), 4);
    const int words = good.code.words, k = good.code_length;
    REQUIRE(good.code.dimension() >= 2);
    CHECK(verify_index_lookup(good, VerifyMethod::margin_bound).verified());
    // Row 1 equal to row 0: codeword 3 is 0, so vectors 0 and 3 are equal (mu = k).
    const std::vector<std::uint64_t> row0(good.code.generator.begin(),
                                          good.code.generator.begin() + words);
    const IndexLookupConstruction repeated = with_row(good, 1, row0);
    CHECK(prove_coherence(repeated.code).mu == k);
    // Row 1 all ones: vectors 0 and 2 are opposite (inner product -k).
    std::vector<std::uint64_t> ones(static_cast<std::size_t>(words), ~std::uint64_t{0});
    ones.back() >>= words * 64 - k;
    const IndexLookupConstruction opposite = with_row(good, 1, ones);
    CHECK(prove_coherence(opposite.code).mu == k);
    CAPTURE(n, k);
    // Equal vectors make INDEX wrong; opposite ones are harmless to the model (their weight is
    // exp(-c k)) but break the |inner product| bound, which the margin check must then refuse.
    CHECK(!verify_index_lookup(repeated, VerifyMethod::margin_bound).verified());
    CHECK(!verify_index_lookup(repeated, VerifyMethod::worst_case).verified());
    if (n <= 12) CHECK(!verify_index_lookup(repeated, VerifyMethod::exhaustive).verified());
    CHECK(!verify_index_lookup(opposite, VerifyMethod::margin_bound).verified());
  }
}

TEST_CASE("a code that is not its generator's span is rejected", "[index_lookup]") {
  const IndexLookupConstruction good = build_index_lookup(1000, NumberFormat::binary32(), 6);
  SignCode code = good.code;
  code.bits[static_cast<std::size_t>(777 * code.words)] ^= 1;  // one coordinate of vector 777
  const IndexLookupConstruction corrupted = with_code(good, code);
  CHECK(!prove_coherence(corrupted.code).error.empty());
  const ConstructionCheck check = verify_index_lookup(corrupted, VerifyMethod::margin_bound);
  CHECK(!check.verified());
  CHECK(check.detail == "the code's vectors are not its generator's codewords");
  // The same vectors, not claimed linear, are judged by the all-pairs scan instead.
  code.linear = false;
  code.generator.clear();
  CHECK(prove_coherence(code).method == "all pairs");
}

TEST_CASE("a deadline stops every index lookup check and the search", "[index_lookup]") {
  const IndexLookupConstruction built = build_index_lookup(300, NumberFormat::binary32(), 1);
  for (VerifyMethod method : {VerifyMethod::worst_case, VerifyMethod::margin_bound}) {
    const ConstructionCheck check = verify_index_lookup(built, method, ccbound::Deadline(1e-9));
    CHECK(check.stopped);
    CHECK(check.passed);
    CHECK_FALSE(check.verified());
    CHECK(check.evidence == ConstructionEvidence::proof);
  }
  const IndexLookupConstruction small = build_index_lookup(10, NumberFormat::binary32(), 1);
  const ConstructionCheck all =
      verify_index_lookup(small, VerifyMethod::exhaustive, ccbound::Deadline(1e-9));
  CHECK((all.stopped && !all.verified() && all.evidence == ConstructionEvidence::exhaustive));
  CHECK_THROWS_AS(build_index_lookup(1 << 16, NumberFormat::binary32(), 1, CodeFamily::random,
                                     ccbound::Deadline(1e-9)),
                  ccbound::TimeoutExpired);
}
