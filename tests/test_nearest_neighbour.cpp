// Tests of the nearest-neighbour Transformer: the generated instances satisfy the margin, the model
// answers them (and every margin-satisfying instance at N = 2) correctly, its width grows like
// log N, and broken models and margin-violating instances are caught. Its check samples instances,
// so it passes (no instance examined was wrong) but never verifies.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/nearest_neighbour.hpp"
#include "ccbound/reductions/number_format.hpp"

namespace {

using namespace ccbound::reductions;

const NumberFormat kBinary32 = NumberFormat::binary32();

// The label by a direct scan, ties resolved to the first nearest.
int brute_force_label(const NearestNeighbourConstruction& c, const NearestNeighbourInstance& x) {
  int best = -1000, label = -1;
  for (std::size_t i = 0; i < x.points.size(); ++i) {
    int product = 0;
    for (int d = 0; d < c.dimension; ++d)
      product += c.codebook[static_cast<std::size_t>(x.query * c.dimension + d)] *
                 c.codebook[static_cast<std::size_t>(x.points[i] * c.dimension + d)];
    if (product > best) best = product, label = x.labels[i];
  }
  return label;
}

// The same construction with layer 2's lambda or layer 1's c divided.
NearestNeighbourConstruction rescaled(NearestNeighbourConstruction c, double copy_divisor,
                                      double similarity_divisor) {
  c.copy_scale /= copy_divisor;
  c.similarity_scale /= similarity_divisor;
  c.model = nearest_neighbour_model(c.codebook, c.dimension, c.code, c.copy_scale,
                                    c.similarity_scale, c.model.first.format);
  return c;
}

// Codebook indices (q, p, r) with <q, p> - <q, r> == gap, if any.
bool find_gap(const NearestNeighbourConstruction& c, int gap, int& q, int& p, int& r) {
  for (q = 0; q < c.codebook_size; ++q)
    for (p = 0; p < c.codebook_size; ++p)
      for (r = 0; r < c.codebook_size; ++r)
        if (c.inner_product(q, p) - c.inner_product(q, r) == gap) return true;
  return false;
}

}  // namespace

TEST_CASE("generated instances satisfy the margin", "[nearest_neighbour]") {
  for (int n : {1, 2, 8, 64, 256}) {
    const NearestNeighbourConstruction c = build_nearest_neighbour(n, kBinary32, 3);
    CAPTURE(n, c.gamma);
    CHECK(c.gamma == Approx(std::log(6.0 * n) / c.similarity_scale));
    for (int t = 0; t < 40; ++t) {
      const NearestNeighbourInstance x = random_nearest_neighbour_instance(c, 100 + t);
      REQUIRE(x.points.size() == static_cast<std::size_t>(n));
      CHECK(nearest_neighbour_margin(c, x) >= c.gamma);
      CHECK(nearest_neighbour_label(c, x) == brute_force_label(c, x));
      CHECK(nearest_neighbour_tokens(x).size() == static_cast<std::size_t>(2 * n + 1));
    }
    for (const NearestNeighbourInstance& x : adversarial_nearest_neighbour_instances(c))
      CHECK(satisfies_margin(c, x));
  }
}

TEST_CASE("the model is right on random and adversarial instances", "[nearest_neighbour]") {
  for (auto [n, count] : {std::pair{1, 50}, {2, 200}, {8, 200}, {64, 40}}) {
    const NearestNeighbourConstruction c = build_nearest_neighbour(n, kBinary32, 11);
    const ConstructionCheck check = verify_nearest_neighbour(c, 5, count);
    CAPTURE(n, check.detail);
    CHECK(check.passed);
    CHECK(check.evidence == ConstructionEvidence::sample);
    CHECK_FALSE(check.verified());
    CHECK(check.inputs_checked == static_cast<std::uint64_t>(count + 6));
    CHECK(check.method.starts_with("random+adversarial under margin gamma = "));
    // The analysis promises a_copy >= (3/4)(15/16) for label 1 and <= 5/16 for label 0.
    CHECK(check.margin_one >= 0.2);
    CHECK(check.margin_zero >= 0.18);
    CHECK(check.detail.find(" 0 disagreements") != std::string::npos);
  }
}

TEST_CASE("N = 2: every instance from a small codebook that satisfies the margin",
          "[nearest_neighbour]") {
  const NearestNeighbourConstruction c = build_nearest_neighbour(2, kBinary32, 7);
  std::vector<NearestNeighbourInstance> all;
  int satisfying = 0;
  const int v = 8;  // the first 8 codebook vectors
  for (int q = 0; q < v; ++q)
    for (int p1 = 0; p1 < v; ++p1)
      for (int p2 = 0; p2 < v; ++p2)
        for (int labels = 0; labels < 4; ++labels) {
          all.push_back({{p1, p2}, {labels & 1, labels >> 1}, q});
          satisfying += satisfies_margin(c, all.back()) ? 1 : 0;
        }
  REQUIRE(satisfying > 500);
  REQUIRE(satisfying < static_cast<int>(all.size()));  // the ties at least are excluded
  const ConstructionCheck check = check_nearest_neighbour(c, all);
  CAPTURE(check.detail);
  CHECK(check.passed);
  CHECK_FALSE(check.verified());  // every instance of a sub-codebook is still a sample of NN_2
  CHECK(check.inputs_checked == static_cast<std::uint64_t>(satisfying));
  CHECK(check.detail.find(fmt::format("{} below the margin skipped", all.size() - satisfying)) !=
        std::string::npos);
}

TEST_CASE("the width is O(s + log N)", "[nearest_neighbour]") {
  const NearestNeighbourConstruction c = build_nearest_neighbour(256, kBinary32, 1);
  CAPTURE(c.code_length, c.max_inner_product);
  CHECK(c.width() == c.dimension + c.code_length + 4);
  CHECK(c.width() <= c.dimension + 4 + 4 * 8);  // m <= s + 4 + 4 log2 N
  CHECK(c.copy_scale * (c.code_length - c.max_inner_product) >= std::log(32.0 * 256));
  CHECK(c.copy_scale * c.code_length <= std::log(kBinary32.max_value()) - 1);
  CHECK(2 * c.similarity_scale * c.dimension <= std::log(kBinary32.max_value()) - 1);
  CHECK(c.model.first.prepared());
}

TEST_CASE("broken models are rejected", "[nearest_neighbour]") {
  const NearestNeighbourConstruction good = build_nearest_neighbour(64, kBinary32, 2);
  REQUIRE(verify_nearest_neighbour(good, 9, 4).passed);
  SECTION("lambda too small") {
    CHECK_FALSE(verify_nearest_neighbour(rescaled(good, 1, 16), 9, 4).passed);
  }
  SECTION("layer 1's scale too small") {
    CHECK_FALSE(verify_nearest_neighbour(rescaled(good, 64, 1), 9, 4).passed);
  }
  SECTION("one weight of W_O changed") {
    NearestNeighbourConstruction broken = good;
    for (double& w : broken.model.w_o)
      if (w == 1.0) w = 0.25;
    CHECK_FALSE(verify_nearest_neighbour(broken, 9, 4).passed);
  }
  SECTION("the read-out's bias changed") {
    NearestNeighbourConstruction broken = good;
    broken.model.second.b1[0] = 0.25;  // outputs 1 only where a_copy > -1/4: always
    CHECK_FALSE(verify_nearest_neighbour(broken, 9, 4).passed);
  }
}

TEST_CASE("instances violating the margin are recognised", "[nearest_neighbour]") {
  const NearestNeighbourConstruction c = build_nearest_neighbour(64, kBinary32, 4);
  REQUIRE(c.gamma > 2);
  REQUIRE(c.gamma < 4);
  int q = 0, p = 0, r = 0;
  REQUIRE(find_gap(c, 2, q, p, r));
  NearestNeighbourInstance x{std::vector<int>(64, r), std::vector<int>(64, 0), q};
  x.points[5] = p;
  x.labels[5] = 1;
  CHECK(nearest_neighbour_margin(c, x) == 2);
  CHECK_FALSE(satisfies_margin(c, x));
  x.points[9] = p;  // a tie: margin 0
  CHECK(nearest_neighbour_margin(c, x) == 0);
  const ConstructionCheck check = check_nearest_neighbour(c, {x});
  CHECK_FALSE(check.passed);
  CHECK(check.inputs_checked == 0);
  CHECK(check.detail.find("1 below the margin skipped") != std::string::npos);
  REQUIRE(find_gap(c, 4, q, p, r));
  NearestNeighbourInstance y{std::vector<int>(64, r), std::vector<int>(64, 0), q};
  y.points[63] = p;
  y.labels[63] = 1;
  CHECK(satisfies_margin(c, y));
  CHECK(check_nearest_neighbour(c, {y}).passed);
}

TEST_CASE("nearest neighbour input errors and report", "[nearest_neighbour]") {
  CHECK_THROWS_AS(build_nearest_neighbour(0, kBinary32, 1), ccbound::InputError);
  CHECK_THROWS_AS(build_nearest_neighbour(kNearestNeighbourMaxN + 1, kBinary32, 1),
                  ccbound::InputError);
  CHECK_THROWS_AS(build_nearest_neighbour(8, NumberFormat::fixed(8, 4), 1), ccbound::InputError);
  const NearestNeighbourConstruction c = build_nearest_neighbour(2, kBinary32, 1);
  CHECK_THROWS_AS(nearest_neighbour_margin(c, {{0}, {1}, 0}), ccbound::InputError);
  CHECK_THROWS_AS(nearest_neighbour_label(c, {{0, 1}, {1, 2}, 0}), ccbound::InputError);
  CHECK_THROWS_AS(check_nearest_neighbour(c, {{{0, 1}, {1, 0}, 16}}), ccbound::InputError);
  const ConstructionReport report = construct_nearest_neighbour(8, kBinary32, 1);
  CHECK(report.task == "NN");
  CHECK(report.architecture == "tf2");
  CHECK(report.layers == 2);
  CHECK(report.heads == 1);
  CHECK(report.size == report.width + 1);
  CHECK(report.model.find("gamma=") != std::string::npos);
  CHECK(report.check.passed);
  CHECK(report.check.evidence == ConstructionEvidence::sample);
  CHECK_FALSE(report.check.verified());
  const ConstructionCheck stopped = verify_nearest_neighbour(c, 1, 4, ccbound::Deadline(1e-9));
  CHECK(stopped.stopped);
  CHECK(stopped.detail.rfind("stopped (time limit)", 0) == 0);
  CHECK_FALSE(stopped.verified());
}

// Not run by default: widths and times for N = 2^2 .. 2^10 (ccbound's report table).
TEST_CASE("nearest neighbour widths and times", "[.bench]") {
  const int top = std::getenv("NN_TOP") ? std::atoi(std::getenv("NN_TOP")) : 1024;
  const NumberFormat format =
      parse_number_format(std::getenv("NN_FORMAT") ? std::getenv("NN_FORMAT") : "binary32");
  for (int n = 4; n <= top; n *= 2) {
    const auto start = std::chrono::steady_clock::now();
    const NearestNeighbourConstruction c = build_nearest_neighbour(n, format, 1);
    const double build =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ConstructionCheck check =
        verify_nearest_neighbour(c, 1, default_nearest_neighbour_instances(n));
    fmt::print(
        "N={:5} m={:3} k={:3} mu={:3} c={:6} lambda={} gamma={:.3f} build {:.2f}s {} {} "
        "m1={:.4f} m0={:.4f} {:.2f}s: {}\n",
        n, c.width(), c.code_length, c.max_inner_product, c.copy_scale, c.similarity_scale, c.gamma,
        build, check.passed ? "passed (sample)" : "FAILED", check.inputs_checked, check.margin_one,
        check.margin_zero, check.seconds, check.detail);
    CHECK(check.passed);
  }
}
