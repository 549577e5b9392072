// The two-layer EQ/DISJ Transformer: its encoding agrees with Task, it decides EQ_N and DISJ_N
// (every input for small N, random and adversarial pairs above), its width grows like log N, a
// broken copy is rejected, and the fast two-layer simulator agrees bit for bit with a direct
// evaluation through the one-layer pieces.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <random>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/equality_transformer.hpp"

using namespace ccbound::reductions;

namespace {

std::vector<bool> bits_of(std::uint64_t value, int n) {
  std::vector<bool> bits(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) bits[static_cast<std::size_t>(i)] = ((value >> i) & 1) != 0;
  return bits;
}

double dot(const std::vector<double>& matrix, std::size_t row, const Vector& x) {
  double sum = 0;
  for (std::size_t c = 0; c < x.size(); ++c) sum += matrix[row * x.size() + c] * x[c];
  return sum;
}

Vector project(const std::vector<double>& matrix, const Vector& x, const NumberFormat& format) {
  Vector out(matrix.size() / x.size());
  for (std::size_t r = 0; r < out.size(); ++r) out[r] = format.round(dot(matrix, r, x));
  return out;
}

// a = round(N / D) per coordinate, 0 where D = 0, as transformer.hpp states.
void append_average(const AttentionSums& sums, const NumberFormat& format, Vector& out) {
  for (const ExactSum& numerator : sums.numerator)
    out.push_back(sums.denominator.is_zero()
                      ? 0.0
                      : format.round(numerator.to_double() / sums.denominator.to_double()));
}

// Layer 1 through OneLayerTransformer's query/accumulate/embed, one position at a time.
std::vector<Vector> reference_first_layer(const TwoLayerTransformer& model,
                                          const std::vector<Token>& tokens) {
  const OneLayerTransformer& layer = model.first;
  std::vector<Vector> x;
  for (int i = 0; i < static_cast<int>(tokens.size()); ++i) {
    Vector averages;
    for (int h = 0; h < layer.head_count(); ++h) {
      AttentionSums sums = layer.empty_sums();
      const Vector q = layer.query(h, tokens[i], i);
      for (int j = 0; j < static_cast<int>(tokens.size()); ++j)
        layer.accumulate(h, q, tokens[j], j, sums);
      append_average(sums, layer.format, averages);
    }
    Vector xi = layer.embed(tokens[i], i);
    const Vector mixed = project(model.w_o, averages, layer.format);
    for (std::size_t k = 0; k < xi.size(); ++k) xi[k] = layer.format.round(xi[k] + mixed[k]);
    x.push_back(xi);
  }
  return x;
}

// Layer 2 and the read-out, written out from transformer.hpp's semantics.
double reference_score(const TwoLayerTransformer& model, const std::vector<Token>& tokens) {
  const std::vector<Vector> x = reference_first_layer(model, tokens);
  const OneLayerTransformer& layer = model.second;
  const NumberFormat& format = layer.format;
  Vector input;
  for (const AttentionHead& head : layer.heads) {
    AttentionSums sums = layer.empty_sums();
    const Vector q = project(head.query, x.back(), format);
    for (const Vector& xj : x) {
      const Vector k = project(head.key, xj, format), v = project(head.value, xj, format);
      double s = 0;
      for (std::size_t c = 0; c < q.size(); ++c) s += q[c] * k[c];
      const double w = format.round(std::exp(format.round(s)));
      sums.denominator.add(w);
      for (std::size_t c = 0; c < v.size(); ++c) sums.numerator[c].add(format.round(w * v[c]));
    }
    append_average(sums, format, input);
  }
  input.insert(input.end(), x.back().begin(), x.back().end());
  double result = 0;
  for (std::size_t r = 0; r < layer.b1.size(); ++r)
    result += layer.w2[r] * format.round(std::max(dot(layer.w1, r, input) + layer.b1[r], 0.0));
  return result + layer.b2;
}

std::vector<Token> random_tokens(int length, int vocabulary, std::mt19937_64& rng) {
  std::vector<Token> tokens(static_cast<std::size_t>(length));
  for (Token& t : tokens) t = static_cast<Token>(rng() % static_cast<std::uint64_t>(vocabulary));
  return tokens;
}

}  // namespace

TEST_CASE("equality_sequence and equality_label agree with Task for N <= 6", "[equality_tf]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n = 1; n <= 6; ++n) {
      const Task task(kind, n);
      for (std::uint64_t a = 0; a < task.alice_inputs(Architecture::tf1); ++a)
        for (std::uint64_t b = 0; b < task.bob_inputs(Architecture::tf1); ++b) {
          const std::vector<Token> tokens = equality_sequence(bits_of(a, n), bits_of(b, n));
          REQUIRE(tokens == task.sequence(Architecture::tf1, a, b));
          REQUIRE(equality_label(kind, tokens) == task.label(tokens));
        }
    }
}

TEST_CASE("the fast two-layer simulator matches a direct evaluation bit for bit", "[equality_tf]") {
  std::mt19937_64 rng(7);
  for (const NumberFormat& format : {NumberFormat::fixed(16, 8), NumberFormat::binary16(),
                                     NumberFormat::binary32(), NumberFormat::binary64()}) {
    const TwoLayerTransformer model = random_two_layer_transformer(5, 2, 3, 9, format, 11);
    for (int trial = 0; trial < 20; ++trial) {
      const std::vector<Token> tokens = random_tokens(1 + trial % 9, 3, rng);
      INFO(format.name() << " trial " << trial);
      REQUIRE(model.score(tokens) == reference_score(model, tokens));
    }
  }
  const EqualityConstruction built =
      build_equality_transformer(TaskKind::eq, 6, NumberFormat::binary32(), 1);
  for (std::uint64_t a : {0u, 5u, 63u})
    for (std::uint64_t b : {0u, 5u, 62u}) {
      const std::vector<Token> tokens = equality_sequence(bits_of(a, 6), bits_of(b, 6));
      REQUIRE(built.model.score(tokens) == reference_score(built.model, tokens));
    }
}

TEST_CASE("EQ and DISJ are decided on every input for N = 1..6", "[equality_tf]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n = 1; n <= 6; ++n) {
      const EqualityConstruction built =
          build_equality_transformer(kind, n, NumberFormat::binary32(), 1);
      const ConstructionCheck check = verify_equality_transformer(built, 1, 0);
      INFO(task_name(kind) << " N = " << n << ": " << check.detail);
      CHECK(check.verified());
      CHECK(check.method == "exhaustive");
      CHECK(check.inputs_checked == std::uint64_t{1} << (2 * n));
      CHECK(check.margin_one > 0.2);
      CHECK(check.margin_zero > 0.1);
    }
}

TEST_CASE("random and adversarial pairs pass at N = 64 and 256", "[equality_tf]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n : {64, 256}) {
      const EqualityConstruction built =
          build_equality_transformer(kind, n, NumberFormat::binary32(), 3);
      const ConstructionCheck check = verify_equality_transformer(built, 5, n == 64 ? 40 : 6);
      INFO(task_name(kind) << " N = " << n << ": " << check.detail);
      CHECK(check.verified());
      CHECK(check.method == "random+adversarial");
      CHECK(check.margin_one > 0.2);
      CHECK(check.margin_zero > 0.1);
    }
}

TEST_CASE("the width grows like log N", "[equality_tf]") {
  int previous = 0;
  for (int n : {16, 64, 256, 1024}) {
    const EqualityConstruction built =
        build_equality_transformer(TaskKind::eq, n, NumberFormat::binary32(), 1);
    const int width = built.model.first.width;
    CHECK(width == built.code_length + 3);
    CHECK(width <= 4 * std::log2(n) + 3);
    CHECK(width >= previous);
    previous = width;
  }
}

TEST_CASE("broken models are rejected", "[equality_tf]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj}) {
    const EqualityConstruction built =
        build_equality_transformer(kind, 4, NumberFormat::binary32(), 1);
    EqualityConstruction threshold = built;
    threshold.model.second.b2 = -threshold.model.second.b2;  // the read-out threshold moved
    CHECK_FALSE(verify_equality_transformer(threshold, 1, 0).verified());
    EqualityConstruction flipped = built;
    const int m = flipped.model.first.width, retrieved = flipped.code_length + 1;
    flipped.model.w_o[static_cast<std::size_t>(retrieved * m + retrieved)] = -1.0;  // W_O flipped
    CHECK_FALSE(verify_equality_transformer(flipped, 1, 0).verified());
    EqualityConstruction query = built;
    for (double& w : query.model.second.heads[0].query) w = -w;  // layer 2 looks the wrong way
    CHECK_FALSE(verify_equality_transformer(query, 1, 0).verified());
    // Above the exhaustive range too: the adversarial pairs catch a flipped query.
    EqualityConstruction large = build_equality_transformer(kind, 32, NumberFormat::binary32(), 1);
    for (double& w : large.model.second.heads[0].query) w = -w;
    CHECK_FALSE(verify_equality_transformer(large, 1, 4).verified());
  }
}

TEST_CASE("requests out of range are refused", "[equality_tf]") {
  const NumberFormat fp32 = NumberFormat::binary32();
  CHECK_THROWS_AS(build_equality_transformer(TaskKind::eq, 0, fp32, 1), ccbound::InputError);
  CHECK_THROWS_AS(build_equality_transformer(TaskKind::eq, kMaxEqualityLength + 1, fp32, 1),
                  ccbound::InputError);
  CHECK_THROWS_AS(build_equality_transformer(TaskKind::index, 4, fp32, 1), ccbound::InputError);
  CHECK_THROWS_AS(build_equality_transformer(TaskKind::eq, 4, NumberFormat::fixed(8, 4), 1),
                  ccbound::InputError);
}

TEST_CASE("construct_equality_transformer fills the report", "[equality_tf]") {
  const ConstructionReport report =
      construct_equality_transformer(TaskKind::disj, 5, NumberFormat::binary32(), 2);
  CHECK(report.task == "DISJ");
  CHECK(report.architecture == "tf2");
  CHECK(report.layers == 2);
  CHECK(report.heads == 1);
  CHECK(report.size == report.heads * (report.width + 1));
  CHECK(report.check.verified());
  CHECK(report.check.method == "exhaustive");
}

TEST_CASE("figures: N = 10 exhaustively, formats and times", "[.figures]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj}) {
    const EqualityConstruction built =
        build_equality_transformer(kind, 10, NumberFormat::binary32(), 1);
    const ConstructionCheck check = verify_equality_transformer(built, 1, 0);
    fmt::print("{} N=10 m={} {}: {} in {:.2f} s, margins {:.4f} / {:.4f}\n", task_name(kind),
               built.model.first.width, check.method, check.detail, check.seconds, check.margin_one,
               check.margin_zero);
    CHECK(check.verified());
  }
  for (const char* name : {"fixed:16:8", "fixed:24:12", "binary16", "binary32", "binary64"})
    for (int n : {4, 8, 16, 64}) {
      const NumberFormat format = parse_number_format(name);
      try {
        const EqualityConstruction built = build_equality_transformer(TaskKind::eq, n, format, 1);
        const ConstructionCheck check = verify_equality_transformer(built, 1, 20);
        fmt::print("EQ N={} {}: m={} {} {}\n", n, name, built.model.first.width, check.method,
                   check.detail);
      } catch (const ccbound::InputError& error) {
        fmt::print("EQ N={} {}: {}\n", n, name, error.what());
      }
    }
  for (int n : {256, 1024, 4096}) {
    const EqualityConstruction built =
        build_equality_transformer(TaskKind::eq, n, NumberFormat::binary32(), 1);
    const ConstructionCheck check = verify_equality_transformer(built, 1, 2);
    fmt::print("EQ N={} m={}: {} in {:.2f} s, {:.3f} s/input (2 threads)\n", n,
               built.model.first.width, check.detail, check.seconds,
               check.seconds / static_cast<double>(check.inputs_checked));
    CHECK(check.verified());
  }
}
