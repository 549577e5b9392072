// The two-layer EQ/DISJ Transformer: its encoding agrees with Task, it decides EQ_N and DISJ_N
// (every input for small N; by the proof for every N), the proof accepts only models the
// exhaustive check accepts (many seeds, formats and deliberately damaged models) and rejects the
// broken ones, sampling never counts as verification, deadlines stop the checks, its width grows
// like log N, and the fast two-layer simulator agrees bit for bit with a direct evaluation through
// the one-layer pieces.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

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
      const ConstructionCheck check = verify_equality_transformer(built);
      INFO(task_name(kind) << " N = " << n << ": " << check.detail);
      CHECK(check.verified());
      CHECK(check.method == "exhaustive");
      CHECK(check.evidence == ConstructionEvidence::exhaustive);
      CHECK(check.inputs_checked == std::uint64_t{1} << (2 * n));
      CHECK(check.margin_one > 0.2);
      CHECK(check.margin_zero > 0.1);
    }
}

TEST_CASE("the proof verifies the construction at large N and sampling does not", "[equality_tf]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n : {11, 64, 256, 1000}) {
      const EqualityConstruction built =
          build_equality_transformer(kind, n, NumberFormat::binary32(), 3);
      const ConstructionCheck check = verify_equality_transformer(built);
      INFO(task_name(kind) << " N = " << n << ": " << check.detail);
      CHECK(check.verified());
      CHECK(check.evidence == ConstructionEvidence::proof);
      CHECK(check.method == "layer bounds");
      CHECK(check.inputs_checked == 8 * static_cast<std::uint64_t>(n) + 1);
      // The design promises a <= 2 eps on label 1 and a >= 1/2 on label 0: read-out 1/4 - a.
      CHECK(check.margin_one > 0.2);
      CHECK(check.margin_zero > 0.2);
      if (n != 64) continue;
      const ConstructionCheck sampled = sample_equality_transformer(built, 5, 40);
      CHECK(sampled.passed);
      CHECK(sampled.evidence == ConstructionEvidence::sample);
      CHECK_FALSE(sampled.verified());
      // The proof's margins are lower bounds on every input's: the sample cannot beat them.
      CHECK(sampled.margin_one >= check.margin_one);
      CHECK(sampled.margin_zero >= check.margin_zero);
    }
}

TEST_CASE("the proof agrees with the exhaustive check's margins", "[equality_tf]") {
  // Exhaustively the least margins are attained by some input; the proof's are bounds, so they can
  // only be smaller, and for this construction not by much.
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj}) {
    const EqualityConstruction built =
        build_equality_transformer(kind, 6, NumberFormat::binary32(), 2);
    const ConstructionCheck exhaustive =
        verify_equality_transformer(built, EqualityCheck::exhaustive);
    const ConstructionCheck proof = verify_equality_transformer(built, EqualityCheck::proof);
    REQUIRE(exhaustive.verified());
    REQUIRE(proof.verified());
    CHECK(proof.margin_one <= exhaustive.margin_one);
    CHECK(proof.margin_zero <= exhaustive.margin_zero);
    CHECK(proof.margin_one > exhaustive.margin_one - 0.05);
    CHECK(proof.margin_zero > exhaustive.margin_zero - 0.3);
  }
}

namespace {

// Damaged copies of a construction: the read-out threshold moved (b2), layer 2's query scaled or
// negated (wrong c2, wrong sign), W_O's retrieved weight scaled or negated, layer 1's scale
// changed (its tables prepared again). Some still decide the task, some do not.
std::vector<std::pair<std::string, EqualityConstruction>> damaged(const EqualityConstruction& c) {
  std::vector<std::pair<std::string, EqualityConstruction>> out;
  const auto add = [&](const std::string& name, auto change) {
    EqualityConstruction copy = c;
    change(copy);
    out.emplace_back(name, std::move(copy));
  };
  for (double b2 : {-0.25, 0.0, 0.01, 0.2, 0.5, 0.7, 0.79, 0.81, 0.9, 1.5})
    add(fmt::format("b2 = {}", b2), [b2](EqualityConstruction& x) { x.model.second.b2 = b2; });
  for (double factor : {-1.0, 0.125, 0.25, 0.5, 2.0})
    add(fmt::format("layer 2 query x {}", factor), [factor](EqualityConstruction& x) {
      for (double& w : x.model.second.heads[0].query) w *= factor;
    });
  const int m = c.model.first.width, ret = c.code_length + 1;
  for (double w : {-1.0, 0.5, 0.75, 2.0})
    add(fmt::format("W_O retrieved x {}", w),
        [=](EqualityConstruction& x) { x.model.w_o[static_cast<std::size_t>(ret * m + ret)] = w; });
  for (double factor : {0.25, 0.5})
    add(fmt::format("layer 1 scale x {}", factor), [factor](EqualityConstruction& x) {
      for (double& w : x.model.first.heads[0].query) w *= factor;
      x.model.first.prepare();
    });
  return out;
}

}  // namespace

TEST_CASE("the proof accepts only models the exhaustive check accepts", "[equality_tf]") {
  const NumberFormat formats[] = {NumberFormat::binary32(), NumberFormat::binary16(),
                                  NumberFormat::fixed(24, 12), NumberFormat::fixed(32, 16)};
  int both = 0, exhaustive_only = 0, neither = 0, cases = 0;
  for (const NumberFormat& format : formats)
    for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
      for (int n : {1, 2, 3, 5, 6})
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
          EqualityConstruction built;
          try {
            built = build_equality_transformer(kind, n, format, seed);
          } catch (const ccbound::InputError&) {
            continue;  // no code at this format
          }
          auto models = damaged(built);
          models.emplace_back("as built", built);
          for (const auto& [name, model] : models) {
            const ConstructionCheck proof =
                verify_equality_transformer(model, EqualityCheck::proof);
            const ConstructionCheck all =
                verify_equality_transformer(model, EqualityCheck::exhaustive);
            INFO(format.name() << " " << task_name(kind) << " N = " << n << " seed " << seed << " "
                               << name << ": proof " << proof.detail << "; exhaustive "
                               << all.detail);
            REQUIRE(all.evidence == ConstructionEvidence::exhaustive);
            REQUIRE(proof.evidence == ConstructionEvidence::proof);
            if (proof.passed) REQUIRE(all.passed);  // the soundness this test is about
            if (name == "as built") CHECK(proof.verified());
            ++cases;
            both += proof.passed && all.passed ? 1 : 0;
            exhaustive_only += !proof.passed && all.passed ? 1 : 0;
            neither += !proof.passed && !all.passed ? 1 : 0;
          }
        }
  INFO(cases << " models: " << both << " accepted by both, " << exhaustive_only
             << " by the exhaustive check only, " << neither << " rejected by both");
  // Not vacuous: both verdicts occur, and the proof is not much weaker than the exhaustive check.
  CHECK(both > cases / 3);
  CHECK(neither > cases / 4);
  CHECK(exhaustive_only < cases / 20);
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
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n : {4, 32}) {
      INFO(task_name(kind) << " N = " << n);
      const EqualityConstruction built =
          build_equality_transformer(kind, n, NumberFormat::binary32(), 1);
      REQUIRE(verify_equality_transformer(built, EqualityCheck::proof).verified());
      EqualityConstruction threshold = built;
      threshold.model.second.b2 = -threshold.model.second.b2;  // the read-out threshold moved
      EqualityConstruction flipped = built;
      const int m = flipped.model.first.width, retrieved = flipped.code_length + 1;
      flipped.model.w_o[static_cast<std::size_t>(retrieved * m + retrieved)] = -1.0;  // W_O flipped
      EqualityConstruction query = built;
      for (double& w : query.model.second.heads[0].query) w = -w;  // layer 2 looks the wrong way
      EqualityConstruction scale = built;
      for (double& w : scale.model.second.heads[0].query) w /= 16;  // c2 far too small
      for (const EqualityConstruction* broken : {&threshold, &flipped, &query, &scale}) {
        const ConstructionCheck proof = verify_equality_transformer(*broken, EqualityCheck::proof);
        CHECK_FALSE(proof.verified());
        CHECK_FALSE(proof.passed);
        CHECK(proof.detail.find("do not decide") != std::string::npos);
        if (n <= kExhaustiveEqualityLength)  // and they are really wrong somewhere
          CHECK_FALSE(verify_equality_transformer(*broken, EqualityCheck::exhaustive).passed);
      }
      // Sampling sees the flipped query too, but would not verify even a correct model.
      if (n == 32) CHECK_FALSE(sample_equality_transformer(query, 1, 4).passed);
    }
}

TEST_CASE("the proof refuses weights without the structure it relies on", "[equality_tf]") {
  const EqualityConstruction built =
      build_equality_transformer(TaskKind::eq, 16, NumberFormat::binary32(), 1);
  const int m = built.model.first.width, ret = built.code_length + 1;
  EqualityConstruction reads_bit = built;  // layer 2's query reads the bit of y_N
  reads_bit.model.second.heads[0].query[static_cast<std::size_t>(ret - 1)] = 1.0;
  EqualityConstruction spreads = built;  // W_O writes r into the code block too
  spreads.model.w_o[static_cast<std::size_t>(0 * m + ret)] = 0.5;
  EqualityConstruction value = built;  // layer 1's value is not the bit
  value.model.first.heads[0].value[static_cast<std::size_t>(ret * m + ret - 1)] = 0.5;
  value.model.first.prepare();
  for (const EqualityConstruction* odd : {&reads_bit, &spreads, &value}) {
    const ConstructionCheck proof = verify_equality_transformer(*odd, EqualityCheck::proof);
    INFO(proof.detail);
    CHECK_FALSE(proof.passed);
    CHECK(proof.detail.rfind("proof refused: ", 0) == 0);
  }
}

TEST_CASE("deadlines stop the checks without failing the model", "[equality_tf]") {
  const EqualityConstruction built =
      build_equality_transformer(TaskKind::disj, 2000, NumberFormat::binary32(), 1);
  for (EqualityCheck method : {EqualityCheck::proof}) {
    const ConstructionCheck check =
        verify_equality_transformer(built, method, ccbound::Deadline(1e-9));
    CHECK(check.stopped);
    CHECK(check.passed);
    CHECK_FALSE(check.verified());
    CHECK(check.detail.rfind("stopped (time limit)", 0) == 0);
  }
  const EqualityConstruction small =
      build_equality_transformer(TaskKind::eq, 8, NumberFormat::binary32(), 1);
  const ConstructionCheck all =
      verify_equality_transformer(small, EqualityCheck::exhaustive, ccbound::Deadline(1e-9));
  CHECK((all.stopped && !all.verified() && all.evidence == ConstructionEvidence::exhaustive));
  const ConstructionCheck sampled =
      sample_equality_transformer(built, 1, 100, ccbound::Deadline(1e-9));
  CHECK((sampled.stopped && !sampled.verified()));
  CHECK_THROWS_AS(build_equality_transformer(TaskKind::eq, 16384, NumberFormat::binary32(), 1,
                                             ccbound::Deadline(1e-9)),
                  ccbound::TimeoutExpired);
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
  const ConstructionReport large =
      construct_equality_transformer(TaskKind::eq, 300, NumberFormat::binary32(), 2);
  CHECK(large.check.verified());
  CHECK(large.check.evidence == ConstructionEvidence::proof);
  CHECK(large.size == large.heads * (large.width + 1));
}

TEST_CASE("figures: N = 10 exhaustively, formats and times", "[.figures]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj}) {
    const EqualityConstruction built =
        build_equality_transformer(kind, 10, NumberFormat::binary32(), 1);
    const ConstructionCheck check = verify_equality_transformer(built);
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
        const ConstructionCheck check = verify_equality_transformer(built, EqualityCheck::proof);
        fmt::print("EQ N={} {}: m={} {} {}\n", n, name, built.model.first.width, check.method,
                   check.detail);
      } catch (const ccbound::InputError& error) {
        fmt::print("EQ N={} {}: {}\n", n, name, error.what());
      }
    }
  for (int n : {256, 1024, 4096, 16384}) {
    const auto start = std::chrono::steady_clock::now();
    const EqualityConstruction built =
        build_equality_transformer(TaskKind::eq, n, NumberFormat::binary32(), 1);
    const double build =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ConstructionCheck check = verify_equality_transformer(built);
    fmt::print("EQ N={} m={}: build {:.2f} s, {} {:.2f} s: {}\n", n, built.model.first.width, build,
               check.method, check.seconds, check.detail);
    CHECK(check.verified());
  }
}
