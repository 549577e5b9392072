// Tests of the finite-precision models: RNN states stay representable, the constructions solve
// their tasks, and a Transformer's output splits exactly into partial attention sums.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <vector>

#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace {

using namespace ccbound::reductions;

std::vector<Token> random_tokens(std::mt19937_64& rng, int length, int vocabulary_size) {
  std::vector<Token> tokens(static_cast<std::size_t>(length));
  for (Token& t : tokens)
    t = static_cast<Token>(rng() % static_cast<std::uint64_t>(vocabulary_size));
  return tokens;
}

int random_between(std::mt19937_64& rng, int low, int high) {
  return low + static_cast<int>(rng() % static_cast<std::uint64_t>(high - low + 1));
}

bool all_finite(const Vector& values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x); });
}

// Every coordinate is a value of the format: it has a bit pattern that decodes back to it.
bool representable_state(const Vector& state, const NumberFormat& format) {
  for (double x : state)
    if (!format.representable(x) || format.decode(format.encode(x)) != x) return false;
  return true;
}

int ceil_div(int a, int b) {
  return (a + b - 1) / b;
}

}  // namespace

// ---- RNNs ----

TEST_CASE("Elman RNN states are always representable", "[models][rnn]") {
  std::mt19937_64 rng(11);
  for (const NumberFormat& format : {NumberFormat::fixed(8, 4), NumberFormat::fixed(12, 6),
                                     NumberFormat::binary16(), NumberFormat::binary32()}) {
    for (int d : {1, 3, 8}) {
      for (std::uint64_t seed : {1u, 2u, 3u}) {
        const Rnn rnn = random_elman_rnn(d, 4, format, seed);
        REQUIRE(rnn.state_size == d);
        REQUIRE(representable_state(rnn.initial, format));
        int bad_states = 0;
        for (int trial = 0; trial < 20; ++trial) {
          Vector h = rnn.initial;
          for (Token t : random_tokens(rng, 30, 4)) {
            h = rnn.step(h, t);
            if (h.size() != static_cast<std::size_t>(d) || !representable_state(h, format))
              ++bad_states;
          }
        }
        INFO(rnn.description);
        CHECK(bad_states == 0);
      }
    }
  }
}

TEST_CASE("Elman RNN rounds weights and every state", "[models][rnn]") {
  // fixed:8:4 has step 1/16. Rounded weights: w_xh {0.3125, -0.6875}, bias 0.125, bias_out -0.4375.
  ElmanWeights w{1, 2, {0.5}, {0.3, -0.7}, {0.1}, {1.0}, -0.42};
  const Rnn rnn = elman_rnn(w, NumberFormat::fixed(8, 4));
  const Vector h1 = rnn.step(rnn.initial, 0);  // tanh(0.4375) = 0.4116 -> 7/16
  CHECK(h1 == Vector{0.4375});
  const Vector h2 = rnn.step(h1, 1);  // tanh(0.21875 - 0.6875 + 0.125) = -0.3308 -> -5/16
  CHECK(h2 == Vector{-0.3125});
  const std::vector<Token> one = {0};
  CHECK(rnn.run(one, rnn.initial) == h1);
  // 0.4375 - 0.4375 is not > 0; with the unrounded bias -0.42 it would be.
  CHECK_FALSE(rnn.output(one));
  ElmanWeights bad = w;
  bad.w_xh.pop_back();
  CHECK_THROWS_AS(elman_rnn(bad, NumberFormat::fixed(8, 4)), std::logic_error);
  CHECK_THROWS_AS(rnn.step(rnn.initial, 2), std::logic_error);
}

TEST_CASE("Rnn::step rejects a transition of the wrong size", "[models][rnn]") {
  Rnn rnn;
  rnn.state_size = 2;
  rnn.initial = {0, 0};
  rnn.transition = [](const Vector&, Token) { return Vector{0.1}; };
  CHECK_THROWS_AS(rnn.step(rnn.initial, 0), std::logic_error);
  rnn.transition = [](const Vector&, Token) { return Vector{0.3, 100.0}; };
  CHECK(rnn.step(rnn.initial, 0) == Vector{0.3125, 7.9375});  // rounded, saturated
}

TEST_CASE("random Elman RNN is determined by its seed", "[models][rnn]") {
  const NumberFormat format = NumberFormat::binary16();
  const Rnn a = random_elman_rnn(4, 3, format, 7);
  const Rnn b = random_elman_rnn(4, 3, format, 7);
  const Rnn c = random_elman_rnn(4, 3, format, 8);
  CHECK(a.description == "Elman d=4 binary16 seed 7");
  std::mt19937_64 rng(5);
  int same_a_b = 0, differing_outputs = 0, differing_states = 0;
  const int trials = 300;
  for (int trial = 0; trial < trials; ++trial) {
    const auto tokens = random_tokens(rng, random_between(rng, 1, 20), 3);
    const Vector ha = a.run(tokens, a.initial);
    same_a_b += ha == b.run(tokens, b.initial) && a.output(tokens) == b.output(tokens);
    differing_states += ha != c.run(tokens, c.initial);
    differing_outputs += a.output(tokens) != c.output(tokens);
  }
  CHECK(same_a_b == trials);
  CHECK(differing_states == trials);
  CHECK(differing_outputs > 0);
}

TEST_CASE("state_machine_coordinates", "[models][rnn]") {
  CHECK(state_machine_coordinates(1, NumberFormat::fixed(2, 0)) == 1);
  CHECK(state_machine_coordinates(2, NumberFormat::fixed(2, 0)) == 1);
  CHECK(state_machine_coordinates(8, NumberFormat::fixed(2, 0)) == 2);
  CHECK(state_machine_coordinates(8, NumberFormat::fixed(3, 1)) == 1);
  CHECK(state_machine_coordinates(9, NumberFormat::fixed(3, 1)) == 2);
  CHECK(state_machine_coordinates(1u << 14, NumberFormat::binary16()) == 1);
  CHECK(state_machine_coordinates((1u << 14) + 1, NumberFormat::binary16()) == 2);
  CHECK(state_machine_coordinates(std::uint64_t{1} << 40, NumberFormat::binary32()) == 2);
}

TEST_CASE("shift register RNN solves INDEX_N with ceil(N / pattern bits) coordinates",
          "[models][rnn]") {
  for (const NumberFormat& format :
       {NumberFormat::fixed(2, 1), NumberFormat::fixed(3, 1), NumberFormat::fixed(4, 2),
        NumberFormat::fixed(8, 4), NumberFormat::binary16()}) {
    for (int n = 1; n <= 12; ++n) {
      const Task task(TaskKind::index, n);
      const Rnn rnn = index_shift_register_rnn(n, format);
      INFO(rnn.description);
      REQUIRE(rnn.state_size == ceil_div(n, format.pattern_bits()));
      int wrong = 0, ones = 0;
      for (std::uint64_t a = 0; a < task.alice_inputs(Architecture::rnn); ++a)
        for (std::uint64_t b = 0; b < task.bob_inputs(Architecture::rnn); ++b) {
          const auto tokens = task.sequence(Architecture::rnn, a, b);
          const bool out = rnn.output(tokens);
          wrong += out != task.label(tokens);
          ones += out;
        }
      CHECK(wrong == 0);
      CHECK(ones == n << (n - 1));  // x_q = 1 for half of all (x, q)
    }
  }
}

TEST_CASE("shift register state holds x exactly", "[models][rnn]") {
  // binary16 holds 14 pattern bits per coordinate, so INDEX_20 needs 2 coordinates.
  const NumberFormat format = NumberFormat::binary16();
  const Rnn rnn = index_shift_register_rnn(20, format);
  REQUIRE(rnn.state_size == 2);
  std::vector<Token> bits(20, 0);
  bits[0] = 1;   // x_1 = 1 ends at register bit 19: coordinate 1, pattern bit 5
  bits[19] = 1;  // x_20 at register bit 0
  const Vector h = rnn.run(bits, rnn.initial);
  CHECK(format.encode(h[0]) == 1);
  CHECK(format.encode(h[1]) == (1u << 5));
  std::vector<Token> query = bits;
  query.push_back(2 + 1);  // q = 2: x_2 = 0
  CHECK(rnn.run(query, rnn.initial) == Vector{0.0, 0.0});
  query.back() = 2;  // q = 1: all ones
  const Vector all = rnn.run(query, rnn.initial);
  CHECK(format.encode(all[0]) == (1u << 14) - 1);
  CHECK(format.encode(all[1]) == (1u << 6) - 1);
}

TEST_CASE("Dyck state machine as an RNN agrees with the DYCK task", "[models][rnn]") {
  const StateMachine dyck = dyck_state_machine();
  REQUIRE(dyck.states == 8);
  REQUIRE(dyck.vocabulary_size == 4);
  CHECK(std::count(dyck.accepting.begin(), dyck.accepting.end(), true) == 1);
  CHECK(dyck.accepting[dyck.initial]);
  const std::vector<std::pair<NumberFormat, int>> cases = {{NumberFormat::fixed(2, 0), 2},
                                                           {NumberFormat::fixed(3, 1), 1},
                                                           {NumberFormat::binary16(), 1}};
  for (const auto& [format, coordinates] : cases) {
    const Rnn rnn = state_machine_rnn(dyck, format);
    INFO(rnn.description);
    REQUIRE(rnn.state_size == coordinates);
    for (int n = 1; n <= 5; ++n) {
      const Task task(TaskKind::dyck, n);
      int wrong = 0, accepted = 0;
      for (std::uint64_t a = 0; a < task.alice_inputs(Architecture::rnn); ++a)
        for (std::uint64_t b = 0; b < task.bob_inputs(Architecture::rnn); ++b) {
          const auto tokens = task.sequence(Architecture::rnn, a, b);
          const bool out = rnn.output(tokens);
          wrong += out != task.label(tokens);
          accepted += out;
        }
      CHECK(wrong == 0);
      CHECK(accepted > 0);
    }
  }
}

TEST_CASE("random state machines as RNNs follow the machine", "[models][rnn]") {
  std::mt19937_64 rng(3);
  for (const NumberFormat& format :
       {NumberFormat::fixed(2, 0), NumberFormat::fixed(3, 1), NumberFormat::fixed(8, 4),
        NumberFormat::binary16(), NumberFormat::binary32()}) {
    for (int states : {1, 2, 3, 5, 8, 17, 100}) {
      const StateMachine machine = random_state_machine(states, 3, 1000 + states);
      const Rnn rnn = state_machine_rnn(machine, format);
      INFO(rnn.description);
      REQUIRE(rnn.state_size == state_machine_coordinates(states, format));
      std::map<int, Vector> vector_of_state;
      int wrong = 0;
      for (int trial = 0; trial < 200; ++trial) {
        const auto tokens = random_tokens(rng, random_between(rng, 0, 25), 3);
        int s = machine.initial;
        for (Token t : tokens) s = machine.next[s * 3 + t];
        const Vector h = rnn.run(tokens, rnn.initial);
        wrong += rnn.output(tokens) != machine.accepting[s] || !representable_state(h, format);
        // One vector per machine state, distinct states distinct vectors.
        auto [it, inserted] = vector_of_state.emplace(s, h);
        wrong += !inserted && it->second != h;
      }
      std::map<Vector, int> state_of_vector;
      for (const auto& [s, h] : vector_of_state) state_of_vector[h] = s;
      CHECK(wrong == 0);
      CHECK(state_of_vector.size() == vector_of_state.size());
    }
  }
}

TEST_CASE("random state machines are determined by the seed", "[models][rnn]") {
  const StateMachine a = random_state_machine(10, 4, 5);
  const StateMachine b = random_state_machine(10, 4, 5);
  const StateMachine c = random_state_machine(10, 4, 6);
  CHECK((a.next == b.next && a.accepting == b.accepting && a.initial == b.initial));
  CHECK(a.next != c.next);
}

// ---- Transformers ----

namespace {

// The one-layer model straight from the comment in transformer.hpp, from the weights alone.
bool reference_output(const OneLayerTransformer& model, const std::vector<Token>& tokens) {
  const NumberFormat& f = model.format;
  const auto m = static_cast<std::size_t>(model.width);
  const std::size_t length = tokens.size();
  auto times = [&](const std::vector<double>& matrix, const Vector& x) {
    Vector y(matrix.size() / x.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
      double sum = 0;
      for (std::size_t k = 0; k < x.size(); ++k) sum += matrix[i * x.size() + k] * x[k];
      y[i] = f.round(sum);
    }
    return y;
  };
  std::vector<Vector> e(length, Vector(m));
  for (std::size_t j = 0; j < length; ++j)
    for (std::size_t i = 0; i < m; ++i)
      e[j][i] =
          f.round(model.token_embedding[tokens[j] * m + i] + model.position_embedding[j * m + i]);
  Vector input;
  for (const AttentionHead& head : model.heads) {
    const Vector q = times(head.query, e.back());
    std::vector<ExactSum> numerator(m, ExactSum(f));
    ExactSum denominator(f);
    for (std::size_t j = 0; j < length; ++j) {
      const Vector k = times(head.key, e[j]), v = times(head.value, e[j]);
      double score = 0;
      for (std::size_t i = 0; i < m; ++i) score += q[i] * k[i];
      const double w = f.round(std::exp(f.round(score)));
      denominator.add(w);
      for (std::size_t i = 0; i < m; ++i) numerator[i].add(f.round(w * v[i]));
    }
    for (std::size_t i = 0; i < m; ++i)
      input.push_back(denominator.is_zero()
                          ? 0.0
                          : f.round(numerator[i].to_double() / denominator.to_double()));
  }
  input.insert(input.end(), e.back().begin(), e.back().end());
  double out = 0;
  for (std::size_t r = 0; r < model.b1.size(); ++r) {
    double sum = model.b1[r];
    for (std::size_t k = 0; k < input.size(); ++k) sum += model.w1[r * input.size() + k] * input[k];
    out += model.w2[r] * f.round(std::max(sum, 0.0));
  }
  return out + model.b2 > 0;
}

// The protocol's computation: positions in `alice_side` and the rest summed separately, then added.
bool split_output(const OneLayerTransformer& model, const std::vector<Token>& tokens,
                  const std::vector<bool>& alice_side, std::vector<AttentionSums>& totals) {
  const int last = static_cast<int>(tokens.size()) - 1;
  totals.clear();
  for (int h = 0; h < model.head_count(); ++h) {
    const Vector q = model.query(h, tokens.back(), last);
    AttentionSums alice = model.empty_sums(), bob = model.empty_sums();
    for (int j = last; j >= 0; --j)  // any order: the sums are exact
      model.accumulate(h, q, tokens[j], j, alice_side[j] ? alice : bob);
    for (int i = 0; i < model.width; ++i) alice.numerator[i] += bob.numerator[i];
    alice.denominator += bob.denominator;
    totals.push_back(std::move(alice));
  }
  return model.finish(totals, tokens.back(), last);
}

std::vector<AttentionSums> one_pass_sums(const OneLayerTransformer& model,
                                         const std::vector<Token>& tokens) {
  const int last = static_cast<int>(tokens.size()) - 1;
  std::vector<AttentionSums> sums;
  for (int h = 0; h < model.head_count(); ++h) {
    const Vector q = model.query(h, tokens.back(), last);
    sums.push_back(model.empty_sums());
    for (int j = 0; j <= last; ++j) model.accumulate(h, q, tokens[j], j, sums.back());
  }
  return sums;
}

bool same_sums(const std::vector<AttentionSums>& a, const std::vector<AttentionSums>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t h = 0; h < a.size(); ++h)
    if (!(a[h].denominator == b[h].denominator) || a[h].numerator != b[h].numerator) return false;
  return true;
}

OneLayerTransformer without_tables(OneLayerTransformer model) {
  model.prepared_embeddings.clear();
  return model;
}

const std::vector<NumberFormat>& transformer_formats() {
  static const std::vector<NumberFormat> formats = {
      NumberFormat::fixed(8, 4), NumberFormat::fixed(12, 6), NumberFormat::fixed(16, 8),
      NumberFormat::binary16(), NumberFormat::binary32()};
  return formats;
}

}  // namespace

TEST_CASE("Transformer output equals the split computation of the protocol", "[models][tf]") {
  std::mt19937_64 rng(17);
  int outputs_true = 0, outputs_false = 0;
  for (const NumberFormat& format : transformer_formats())
    for (int width : {1, 2, 4, 8})
      for (int heads : {1, 2})
        for (std::uint64_t seed : {1u, 2u}) {
          const OneLayerTransformer model =
              random_one_layer_transformer(width, heads, 5, 21, format, seed);
          REQUIRE(model.prepared());
          const OneLayerTransformer slow = without_tables(model);
          REQUIRE_FALSE(slow.prepared());
          INFO(model.description);
          int wrong = 0;
          for (int trial = 0; trial < 40; ++trial) {
            const auto tokens = random_tokens(rng, random_between(rng, 1, 21), 5);
            std::vector<bool> alice_side(tokens.size());
            for (std::size_t j = 0; j < tokens.size(); ++j) alice_side[j] = (rng() & 1) != 0;
            std::vector<AttentionSums> totals;
            const bool out = model.output(tokens);
            wrong += split_output(model, tokens, alice_side, totals) != out;
            wrong += !same_sums(totals, one_pass_sums(model, tokens));
            wrong += reference_output(model, tokens) != out;
            wrong += slow.output(tokens) != out;
            (out ? outputs_true : outputs_false) += 1;
          }
          CHECK(wrong == 0);
        }
  // The comparisons above mean something only if the outputs vary.
  CHECK(outputs_true > 100);
  CHECK(outputs_false > 100);
}

TEST_CASE("hand-built one-layer Transformer", "[models][tf]") {
  // m = 1, one head, fixed:8:4 (step 1/16). Sequence (1, 0, 0):
  //   e = 1.0, 0.75, 1.0;  q = 1.0;  k_j = e_j;  v_j = 2 e_j = 2, 1.5, 2
  //   w = round(exp(1)) = 43/16, round(exp(0.75)) = 34/16, 43/16;  D = 120/16 = 7.5
  //   u = 5.375, 3.1875, 5.375;  N = 13.9375;  a = round(1.8583) = 1.875
  //   z = round(relu(a - e_L)) = 0.875;  output = (0.875 - 0.87 > 0) = true, which the unrounded
  //   a (z = 0.8583) would make false.
  OneLayerTransformer model;
  model.format = NumberFormat::fixed(8, 4);
  model.width = 1;
  model.vocabulary_size = 2;
  model.max_length = 3;
  model.token_embedding = {0.5, 1.0};
  model.position_embedding = {0.0, 0.25, 0.5};
  model.heads = {AttentionHead{{1.0}, {1.0}, {2.0}}};
  model.hidden = 1;
  model.w1 = {1.0, -1.0};
  model.b1 = {0.0};
  model.w2 = {1.0};
  model.b2 = -0.87;
  const std::vector<Token> tokens = {1, 0, 0};
  for (bool use_tables : {false, true}) {
    if (use_tables) model.prepare();
    REQUIRE(model.prepared() == use_tables);
    CHECK(model.embed(0, 1) == Vector{0.75});
    CHECK(model.query(0, 0, 2) == Vector{1.0});
    const auto sums = one_pass_sums(model, tokens);
    CHECK(sums[0].denominator.to_double() == 7.5);
    CHECK(sums[0].numerator[0].to_double() == 13.9375);
    CHECK(model.output(tokens));
    CHECK(reference_output(model, tokens));
  }
  model.b2 = -0.88;
  CHECK_FALSE(model.output(tokens));
  const std::vector<Token> bad = {1, 2};
  CHECK_THROWS_AS(model.output(bad), std::logic_error);
  CHECK_THROWS_AS(model.output(std::vector<Token>{0, 0, 0, 0}), std::logic_error);
  CHECK_THROWS_AS(model.output(std::vector<Token>{}), std::logic_error);
}

TEST_CASE("Transformer saturates instead of overflowing", "[models][tf]") {
  for (const NumberFormat& format : {NumberFormat::fixed(8, 4), NumberFormat::binary16()}) {
    INFO(format.name());
    // big * big is beyond max_value in both formats.
    const double big = format.kind() == FormatKind::fixed ? 7.0 : 300.0;
    OneLayerTransformer model;
    model.format = format;
    model.width = 1;
    model.vocabulary_size = 1;
    model.max_length = 4;
    model.token_embedding = {big};
    model.position_embedding = {0.0, 0.0, 0.0, 0.0};
    model.heads = {AttentionHead{{big}, {big}, {big}}};
    model.hidden = 1;
    model.w1 = {1.0, 0.0};  // z = relu(a)
    model.b1 = {0.0};
    model.w2 = {1.0};
    model.b2 = -0.5;
    const std::vector<Token> tokens(4, 0);
    const double max = format.max_value();
    CHECK(model.query(0, 0, 3) == Vector{max});  // big * big saturates
    AttentionSums one = model.empty_sums();
    model.accumulate(0, model.query(0, 0, 3), 0, 0, one);
    CHECK(one.denominator.to_double() == max);   // exp(max) saturates
    CHECK(one.numerator[0].to_double() == max);  // w_j v_j saturates
    CHECK(one_pass_sums(model, tokens)[0].denominator.to_double() == 4 * max);
    CHECK(model.output(tokens));  // a = N / D = 1
    // Huge negative scores: every w_j is 0, so D = 0 and a = 0.
    model.heads[0].key = {-big};
    CHECK(one_pass_sums(model, tokens)[0].denominator.is_zero());
    CHECK_FALSE(model.output(tokens));
  }
}

TEST_CASE("Transformer values stay finite with oversized weights", "[models][tf]") {
  std::mt19937_64 rng(23);
  for (const NumberFormat& format : transformer_formats()) {
    OneLayerTransformer model = random_one_layer_transformer(4, 2, 3, 12, format, 9);
    for (auto* weights : {&model.token_embedding, &model.position_embedding, &model.heads[0].key,
                          &model.heads[1].query, &model.heads[1].value})
      for (double& x : *weights) x = format.round(x * 1000);
    model.prepare();
    INFO(format.name());
    int not_finite = 0, wrong = 0;
    for (Token t = 0; t < 3; ++t)
      for (int j = 0; j < 12; ++j)
        for (int h = 0; h < 2; ++h) {
          const Vector q = model.query(h, t, j);
          AttentionSums one = model.empty_sums();
          model.accumulate(h, q, t, j, one);
          not_finite += !all_finite(model.embed(t, j)) || !all_finite(q) ||
                        !std::isfinite(one.denominator.to_double()) ||
                        !std::isfinite(one.numerator[0].to_double());
        }
    for (int trial = 0; trial < 100; ++trial) {
      const auto tokens = random_tokens(rng, random_between(rng, 1, 12), 3);
      wrong += model.output(tokens) != reference_output(model, tokens);
    }
    CHECK(not_finite == 0);
    CHECK(wrong == 0);
  }
}

TEST_CASE("random one-layer Transformer is determined by its seed", "[models][tf]") {
  const NumberFormat format = NumberFormat::binary32();
  const auto a = random_one_layer_transformer(4, 2, 5, 10, format, 3);
  const auto b = random_one_layer_transformer(4, 2, 5, 10, format, 3);
  const auto c = random_one_layer_transformer(4, 2, 5, 10, format, 4);
  CHECK(a.hidden == 8);
  CHECK((a.heads[1].value == b.heads[1].value && a.w1 == b.w1 && a.b2 == b.b2));
  CHECK(a.token_embedding != c.token_embedding);
  std::mt19937_64 rng(1);
  int same = 0, differ = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const auto tokens = random_tokens(rng, random_between(rng, 1, 10), 5);
    same += a.output(tokens) == b.output(tokens);
    differ += a.output(tokens) != c.output(tokens);
  }
  CHECK(same == 300);
  CHECK(differ > 0);
}

TEST_CASE("two-layer Transformer is deterministic and depends on the seed", "[models][tf]") {
  std::mt19937_64 rng(29);
  std::vector<std::vector<Token>> inputs;
  for (int trial = 0; trial < 300; ++trial)
    inputs.push_back(random_tokens(rng, random_between(rng, 1, 12), 5));
  for (const NumberFormat& format : {NumberFormat::fixed(12, 6), NumberFormat::binary32()}) {
    INFO(format.name());
    std::vector<std::vector<bool>> outputs;  // per seed
    int varying_seeds = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      const auto a = random_two_layer_transformer(4, 2, 5, 12, format, seed);
      const auto b = random_two_layer_transformer(4, 2, 5, 12, format, seed);
      std::vector<bool> out;
      int same = 0;
      for (const auto& tokens : inputs) {
        out.push_back(a.output(tokens));
        same += out.back() == b.output(tokens);
      }
      CHECK(same == static_cast<int>(inputs.size()));
      varying_seeds +=
          std::count(out.begin(), out.end(), true) % static_cast<int>(inputs.size()) != 0;
      outputs.push_back(std::move(out));
    }
    CHECK(varying_seeds > 0);
    for (std::size_t s = 1; s < outputs.size(); ++s) CHECK(outputs[s] != outputs[s - 1]);
  }
}

TEST_CASE("two-layer Transformer with W_O = 0 is the one-layer model on the embeddings",
          "[models][tf]") {
  // x_i = e_i, so layer 2 on x is a one-layer model with layer 1's embeddings.
  std::mt19937_64 rng(31);
  for (const NumberFormat& format : transformer_formats()) {
    auto two = random_two_layer_transformer(3, 2, 4, 10, format, 5);
    std::fill(two.w_o.begin(), two.w_o.end(), 0.0);
    OneLayerTransformer one = two.second;
    one.token_embedding = two.first.token_embedding;
    one.position_embedding = two.first.position_embedding;
    one.vocabulary_size = two.first.vocabulary_size;
    one.max_length = two.first.max_length;
    one.prepare();
    int wrong = 0;
    for (int trial = 0; trial < 100; ++trial) {
      const auto tokens = random_tokens(rng, random_between(rng, 1, 10), 4);
      wrong += two.output(tokens) != one.output(tokens);
    }
    INFO(format.name());
    CHECK(wrong == 0);
  }
}

// Timings for the report: run with `test_models "[.timing]"`.
TEST_CASE("model timings", "[.timing]") {
  using Clock = std::chrono::steady_clock;
  std::mt19937_64 rng(1);
  std::vector<std::vector<Token>> inputs;
  for (int i = 0; i < 1000; ++i) inputs.push_back(random_tokens(rng, 21, 5));
  auto time_per_call = [&](auto&& call) {
    const int rounds = 200;
    int ones = 0;
    const auto start = Clock::now();
    for (int r = 0; r < rounds; ++r)
      for (const auto& tokens : inputs) ones += call(tokens);
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    CHECK(ones >= 0);
    return ns / (rounds * static_cast<double>(inputs.size()));
  };
  for (const NumberFormat& format : {NumberFormat::fixed(8, 4), NumberFormat::binary32()}) {
    const auto model = random_one_layer_transformer(8, 2, 5, 21, format, 1);
    const double ns = time_per_call([&](const std::vector<Token>& t) { return model.output(t); });
    WARN("one-layer Transformer L=21 m=8 H=2 " << format.name() << ": " << ns << " ns");
    const Rnn rnn = random_elman_rnn(8, 5, format, 1);
    const double rnn_ns = time_per_call([&](const std::vector<Token>& t) { return rnn.output(t); });
    WARN("Elman RNN L=21 d=8 " << format.name() << ": " << rnn_ns << " ns");
  }
}
