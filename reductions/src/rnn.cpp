// Recurrent networks at finite precision: the generic step/run/output, Elman networks, finite-state
// machines written into the state's bit patterns, and the shift register that solves INDEX_N.
#include "ccbound/reductions/rnn.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <utility>

#include "seeded_uniform.hpp"
#include "state_bits.hpp"

namespace ccbound::reductions {

namespace {

void require(bool condition, const char* message) {
  if (!condition) throw std::logic_error(message);
}

void check_token(Token token, int vocabulary_size) {
  require(token >= 0 && token < vocabulary_size, "token out of the model's vocabulary");
}

double dot(const double* a, const Vector& b) {
  double sum = 0;
  for (std::size_t k = 0; k < b.size(); ++k) sum += a[k] * b[k];
  return sum;
}

void check_elman_shapes(const ElmanWeights& w) {
  const auto d = static_cast<std::size_t>(w.state_size);
  require(w.state_size >= 1 && w.vocabulary_size >= 1, "Elman network needs d >= 1 and tokens");
  require(w.w_hh.size() == d * d, "Elman w_hh must be d x d");
  require(w.w_xh.size() == static_cast<std::size_t>(w.vocabulary_size) * d,
          "Elman w_xh must be vocabulary x d");
  require(w.bias.size() == d && w.w_out.size() == d, "Elman bias and w_out must have d values");
}

ElmanWeights rounded(ElmanWeights w, const NumberFormat& format) {
  for (auto* values : {&w.w_hh, &w.w_xh, &w.bias, &w.w_out})
    for (double& x : *values) x = format.round(x);
  w.bias_out = format.round(w.bias_out);
  return w;
}

// Bits to number `states` states, 0 for a single state.
int state_bits(std::uint64_t states) {
  return static_cast<int>(std::bit_width(states - 1));
}

void check_machine(const StateMachine& m) {
  require(m.states >= 1 && m.vocabulary_size >= 1, "state machine needs states and tokens");
  require(m.initial >= 0 && m.initial < m.states, "state machine initial state out of range");
  require(m.next.size() == static_cast<std::size_t>(m.states) * m.vocabulary_size,
          "state machine table must be states x vocabulary");
  require(m.accepting.size() == static_cast<std::size_t>(m.states),
          "state machine needs one accepting flag per state");
  for (int s : m.next) require(s >= 0 && s < m.states, "state machine transition out of range");
}

}  // namespace

Vector Rnn::step(const Vector& h, Token token) const {
  require(h.size() == static_cast<std::size_t>(state_size), "RNN state of the wrong size");
  Vector next = transition(h, token);
  require(next.size() == static_cast<std::size_t>(state_size), "RNN transition of the wrong size");
  for (double& x : next) x = format.round(x);
  return next;
}

Vector Rnn::run(std::span<const Token> tokens, Vector h) const {
  for (Token token : tokens) h = step(h, token);
  return h;
}

bool Rnn::output(std::span<const Token> tokens) const {
  return readout(run(tokens, initial));
}

Rnn elman_rnn(const ElmanWeights& weights, const NumberFormat& format) {
  check_elman_shapes(weights);
  const ElmanWeights w = rounded(weights, format);
  const auto d = static_cast<std::size_t>(w.state_size);
  Rnn rnn;
  rnn.description = fmt::format("Elman d={} {}", w.state_size, format.name());
  rnn.format = format;
  rnn.state_size = w.state_size;
  rnn.initial = Vector(d, 0.0);
  rnn.transition = [w, d](const Vector& h, Token token) {
    check_token(token, w.vocabulary_size);
    Vector next(d);
    for (std::size_t i = 0; i < d; ++i)
      next[i] = std::tanh(dot(&w.w_hh[i * d], h) + w.w_xh[token * d + i] + w.bias[i]);
    return next;
  };
  rnn.readout = [w](const Vector& h) { return dot(w.w_out.data(), h) + w.bias_out > 0; };
  return rnn;
}

Rnn random_elman_rnn(int state_size, int vocabulary_size, const NumberFormat& format,
                     std::uint64_t seed) {
  require(state_size >= 1 && vocabulary_size >= 1, "Elman network needs d >= 1 and tokens");
  std::mt19937_64 rng(seed);
  ElmanWeights w;
  w.state_size = state_size;
  w.vocabulary_size = vocabulary_size;
  // Recurrent weights scaled by 1/sqrt(d) so that W h stays of order 1 whatever d is.
  const double recurrent_scale = 1.0 / std::sqrt(static_cast<double>(state_size));
  const auto d = static_cast<std::size_t>(state_size);
  w.w_hh.resize(d * d);
  for (double& x : w.w_hh) x = uniform_symmetric(rng) * recurrent_scale;
  w.w_xh.resize(static_cast<std::size_t>(vocabulary_size) * d);
  for (double& x : w.w_xh) x = uniform_symmetric(rng);
  w.bias.resize(d);
  for (double& x : w.bias) x = uniform_symmetric(rng);
  w.w_out.resize(d);
  for (double& x : w.w_out) x = uniform_symmetric(rng);
  w.bias_out = uniform_symmetric(rng);
  Rnn rnn = elman_rnn(w, format);
  rnn.description += fmt::format(" seed {}", seed);
  return rnn;
}

int state_machine_coordinates(std::uint64_t states, const NumberFormat& format) {
  require(states >= 1, "a state machine needs at least one state");
  const int bits = state_bits(states);
  const int per_coordinate = format.pattern_bits();
  return std::max(1, (bits + per_coordinate - 1) / per_coordinate);
}

Rnn state_machine_rnn(const StateMachine& machine, const NumberFormat& format) {
  check_machine(machine);
  const int d = state_machine_coordinates(static_cast<std::uint64_t>(machine.states), format);
  const StateBits bits(format);
  // Every state's vector, so that a transition only decodes the current state.
  std::vector<Vector> vectors;
  for (int s = 0; s < machine.states; ++s)
    vectors.push_back(bits.pack(static_cast<std::uint64_t>(s), d));
  Rnn rnn;
  rnn.description =
      fmt::format("state machine, {} states, {}, {} coordinates", machine.states, format.name(), d);
  rnn.format = format;
  rnn.state_size = d;
  rnn.initial = vectors[machine.initial];
  auto state_of = [machine, bits](const Vector& h) {
    const std::uint64_t s = bits.unpack(h);
    require(s < static_cast<std::uint64_t>(machine.states), "RNN state is no machine state");
    return static_cast<int>(s);
  };
  rnn.transition = [machine, vectors, state_of](const Vector& h, Token token) {
    check_token(token, machine.vocabulary_size);
    return vectors[machine.next[state_of(h) * machine.vocabulary_size + token]];
  };
  rnn.readout = [machine, state_of](const Vector& h) { return machine.accepting[state_of(h)]; };
  return rnn;
}

StateMachine random_state_machine(int states, int vocabulary_size, std::uint64_t seed) {
  require(states >= 1 && vocabulary_size >= 1, "state machine needs states and tokens");
  std::mt19937_64 rng(seed);
  StateMachine m;
  m.states = states;
  m.vocabulary_size = vocabulary_size;
  const auto count = static_cast<std::uint64_t>(states);
  m.next.resize(static_cast<std::size_t>(states) * vocabulary_size);
  for (int& s : m.next) s = static_cast<int>(rng() % count);
  m.accepting.resize(static_cast<std::size_t>(states));
  for (std::size_t s = 0; s < m.accepting.size(); ++s) m.accepting[s] = (rng() & 1) != 0;
  m.initial = static_cast<int>(rng() % count);
  return m;
}

StateMachine dyck_state_machine() {
  // States are the stack contents (bottom first); pushing a third bracket or closing the wrong one
  // goes to the dead state, which absorbs.
  const std::vector<std::string> stacks = {"", "(", "[", "((", "([", "[(", "[["};
  const int dead = static_cast<int>(stacks.size());
  std::map<std::string, int> number;
  for (int s = 0; s < dead; ++s) number[stacks[s]] = s;
  const char opening[] = {'(', '['};
  StateMachine m{dead + 1, 4, 0, std::vector<int>(4 * (dead + 1), dead),
                 std::vector<bool>(dead + 1, false)};
  m.accepting[0] = true;
  for (int s = 0; s < dead; ++s) {
    const std::string& stack = stacks[s];
    for (int kind = 0; kind < 2; ++kind) {
      if (stack.size() < 2) m.next[s * 4 + kind] = number[stack + opening[kind]];
      if (!stack.empty() && stack.back() == opening[kind])
        m.next[s * 4 + 2 + kind] = number[stack.substr(0, stack.size() - 1)];
    }
  }
  return m;
}

Rnn index_shift_register_rnn(int n, const NumberFormat& format) {
  require(n >= 1 && n <= 64, "INDEX shift register needs 1 <= N <= 64");
  const int d = (n + format.pattern_bits() - 1) / format.pattern_bits();
  const StateBits bits(format);
  const std::uint64_t all_ones = StateBits::low_mask(n);
  Rnn rnn;
  rnn.description =
      fmt::format("shift register for INDEX_{} ({}, {} coordinates)", n, format.name(), d);
  rnn.format = format;
  rnn.state_size = d;
  rnn.initial = bits.pack(0, d);
  rnn.transition = [n, d, bits, all_ones](const Vector& h, Token token) {
    check_token(token, n + 2);
    const std::uint64_t reg = bits.unpack(h);
    if (token < 2) return bits.pack(((reg << 1) | std::uint64_t(token)) & all_ones, d);
    // x_1 was shifted in first, so after x_1..x_N it sits at bit N-1 and x_q at bit N-q.
    const int q = token - 1;
    const bool bit = ((reg >> (n - q)) & 1) != 0;
    return bits.pack(bit ? all_ones : 0, d);
  };
  rnn.readout = [bits](const Vector& h) { return bits.unpack(h) != 0; };
  return rnn;
}

}  // namespace ccbound::reductions
