// Tests of the explicit RNNs: the second-order Dyck-(2,2) RNN (its weights, its agreement with a
// bounded stack and with Task::label, the proof over reachable states against the exhaustive walk,
// the rejection of every single corrupted weight and of an error that only long strings show) and
// the register RNNs for INDEX, EQ and DISJ (their size formula, exhaustive checks, random checks
// that pass but never verify, the rejection of off-by-one and lossy variants). The "[.figures]"
// case prints timings for the docs.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/dyck_rnn.hpp"
#include "ccbound/reductions/register_rnn.hpp"

namespace {

using namespace ccbound::reductions;

const NumberFormat kFormats[] = {NumberFormat::fixed(8, 4), NumberFormat::binary16(),
                                 NumberFormat::binary32()};

// Strings of length 0..max_length over `vocabulary` tokens.
std::uint64_t strings_up_to(int max_length, std::uint64_t vocabulary) {
  std::uint64_t total = 0, count = 1;
  for (int length = 0; length <= max_length; ++length, count *= vocabulary) total += count;
  return total;
}

// The word with base-4 digits of `code`, first token the lowest digit.
std::vector<Token> word_of(std::uint64_t code, int length) {
  std::vector<Token> word;
  for (int k = 0; k < length; ++k, code /= 4) word.push_back(static_cast<Token>(code % 4));
  return word;
}

// The register RNN, except that the first token read from the initial state counts as 0: it
// loses x_1.
Rnn losing_first_bit(TaskKind kind, int n, const NumberFormat& format) {
  Rnn rnn = register_rnn(kind, n, format);
  rnn.transition = [inner = rnn.transition, initial = rnn.initial](const Vector& h, Token t) {
    return inner(h, h == initial && t == 1 ? 0 : t);
  };
  return rnn;
}

// The "K accepted" count of a check's summary.
std::uint64_t accepted_in(const std::string& detail) {
  const std::size_t end = detail.rfind(" accepted");
  std::size_t begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(detail[begin - 1]))) --begin;
  return end == std::string::npos ? 0 : std::stoull(detail.substr(begin, end - begin));
}

// The machine with a counter of tokens read mod `modulus` beside its state: the same language, more
// states (state s with count c is s * modulus + c).
StateMachine with_counter(const StateMachine& m, int modulus) {
  StateMachine counted{m.states * modulus, m.vocabulary_size, m.initial * modulus, {}, {}};
  for (int s = 0; s < m.states; ++s)
    for (int c = 0; c < modulus; ++c) {
      for (int t = 0; t < m.vocabulary_size; ++t)
        counted.next.push_back(m.next[s * m.vocabulary_size + t] * modulus + (c + 1) % modulus);
      counted.accepting.push_back(m.accepting[s]);
    }
  return counted;
}

// The Dyck RNN with one more coordinate counting tokens up to 20, rejecting everything once it
// reaches 20: right on every string shorter than 20, wrong on the balanced longer ones.
Rnn forgetful_after_20(const NumberFormat& format) {
  Rnn rnn = dyck_rnn(format);
  const Rnn inner = rnn;
  rnn.state_size = inner.state_size + 1;
  rnn.initial.push_back(0.0);
  rnn.transition = [inner](const Vector& h, Token t) {
    Vector next = inner.step(Vector(h.begin(), h.end() - 1), t);
    next.push_back(std::min(h.back() + 1, 20.0));
    return next;
  };
  rnn.readout = [inner](const Vector& h) {
    return h.back() < 20 && inner.readout(Vector(h.begin(), h.end() - 1));
  };
  return rnn;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("the Dyck RNN has 7 one-hot units and 0/1 weights", "[rnn_constructions][dyck]") {
  const SecondOrderWeights w = second_order_weights(dyck_state_machine());
  CHECK(w.units == 7);
  CHECK(w.vocabulary_size == 4);
  CHECK(w.unit_state == std::vector<int>{0, 1, 2, 3, 4, 5, 6});  // the dead state 7 is zero
  CHECK(w.initial == std::vector<double>{1, 0, 0, 0, 0, 0, 0});
  CHECK(w.readout == std::vector<double>{1, 0, 0, 0, 0, 0, 0});
  int ones = 0;
  for (double x : w.transition) {
    CHECK((x == 0 || x == 1));
    ones += x == 1 ? 1 : 0;
  }
  // Live transitions: 3 states push 2 kinds (6), 6 non-empty states pop their top (6).
  CHECK(ones == 12);
  for (const NumberFormat& format : kFormats) CHECK(dyck_rnn(format).state_size == 7);
}

TEST_CASE("the Dyck RNN agrees with a bounded stack on all strings to length 8",
          "[rnn_constructions][dyck]") {
  for (const NumberFormat& format : kFormats) {
    const ConstructionCheck check = verify_dyck_rnn(dyck_rnn(format), 8, 0, 0, 1);
    INFO(format.name() << ": " << check.detail);
    CHECK(check.verified());
    CHECK(check.method == "exhaustive");
    CHECK(check.inputs_checked == strings_up_to(8, 4));
  }
}

TEST_CASE("the Dyck reference, the RNN and Task::label agree", "[rnn_constructions][dyck]") {
  const Rnn rnn = dyck_rnn(NumberFormat::binary16());
  for (int n = 1; n <= 4; ++n) {
    const Task task(TaskKind::dyck, n);
    int accepted = 0;
    for (std::uint64_t code = 0; code < (std::uint64_t{1} << (4 * n)); ++code) {
      const std::vector<Token> word = word_of(code, 2 * n);
      const bool label = task.label(word);
      accepted += label ? 1 : 0;
      REQUIRE(in_bounded_dyck(word) == label);
      REQUIRE(rnn.output(word) == label);
    }
    // Balanced words of depth <= 2: n = 1: 2, n = 2: ()(), (()) with 2 kinds each: 4 + 4 = 8.
    if (n == 1) CHECK(accepted == 2);
    if (n == 2) CHECK(accepted == 8);
  }
}

TEST_CASE("random long strings give both labels", "[rnn_constructions][dyck]") {
  const ConstructionCheck check =
      verify_dyck_rnn(dyck_rnn(NumberFormat::fixed(8, 4)), 3, 400, 200, 7);
  INFO(check.detail);
  CHECK(check.passed);
  CHECK(check.evidence == ConstructionEvidence::sample);
  CHECK_FALSE(check.verified());
  CHECK(check.method == "exhaustive to length 3 + random");
  CHECK(check.inputs_checked == strings_up_to(3, 4) + 200);
  CHECK(check.detail.find("200 random strings of length 400") != std::string::npos);
  const std::uint64_t accepted = accepted_in(check.detail);  // both labels occur
  CHECK((accepted > 10 && accepted < 150));
}

TEST_CASE("every single corrupted Dyck weight is rejected, by the walk and the proof",
          "[rnn_constructions][dyck]") {
  const SecondOrderWeights good = second_order_weights(dyck_state_machine());
  const NumberFormat format = NumberFormat::binary32();
  REQUIRE(verify_dyck_rnn(second_order_rnn(good, format), 6, 0, 0, 1).verified());
  REQUIRE(prove_dyck_rnn(second_order_rnn(good, format)).verified());
  int rejected = 0, proof_rejected = 0, tried = 0;
  for (auto part : {&SecondOrderWeights::transition, &SecondOrderWeights::initial,
                    &SecondOrderWeights::readout})
    for (std::size_t k = 0; k < (good.*part).size(); ++k) {
      SecondOrderWeights bad = good;
      (bad.*part)[k] = 1 - (bad.*part)[k];
      const ConstructionCheck check = verify_dyck_rnn(second_order_rnn(bad, format), 6, 0, 0, 1);
      const ConstructionCheck proof = prove_dyck_rnn(second_order_rnn(bad, format));
      ++tried;
      rejected += check.verified() ? 0 : 1;
      proof_rejected += proof.passed ? 0 : 1;
      if (k == 0) CHECK(check.detail.rfind("mismatch on ", 0) == 0);
      if (k == 0) CHECK(proof.detail.rfind("mismatch on ", 0) == 0);
    }
  CHECK(tried == 4 * 49 + 7 + 7);
  CHECK(rejected == tried);
  CHECK(proof_rejected == tried);
}

TEST_CASE("the Dyck proof covers every length", "[rnn_constructions][dyck]") {
  for (const NumberFormat& format : kFormats) {
    const ConstructionCheck proof = prove_dyck_rnn(dyck_rnn(format));
    INFO(format.name() << ": " << proof.detail);
    CHECK(proof.verified());
    CHECK(proof.evidence == ConstructionEvidence::proof);
    CHECK(proof.method == "reachable states");
    // One RNN state per stack: the 7 stacks of depth <= 2 (one-hot) and the broken one (zero).
    CHECK(proof.inputs_checked == 8);
  }
  // A larger machine for the same language: its 21 live states (stack, tokens mod 3) are all
  // reachable, each with its own stack, plus the broken stack with the zero vector.
  const Rnn counted = second_order_rnn(second_order_weights(with_counter(dyck_state_machine(), 3)),
                                       NumberFormat::binary32());
  CHECK(counted.state_size == 21);
  const ConstructionCheck proof = prove_dyck_rnn(counted);
  INFO(proof.detail);
  CHECK(proof.verified());
  CHECK(proof.inputs_checked == 22);
  CHECK(verify_dyck_rnn(counted, 8, 0, 0, 1).verified());
  // An RNN right on every string shorter than 20: the walk to length 12 passes, the proof does not
  // and names a shortest counterexample, a balanced string of length 20.
  const Rnn forgetful = forgetful_after_20(NumberFormat::binary32());
  CHECK(verify_dyck_rnn(forgetful, 12, 0, 0, 1).verified());
  const ConstructionCheck caught = prove_dyck_rnn(forgetful);
  INFO(caught.detail);
  CHECK_FALSE(caught.passed);
  const std::size_t quote = caught.detail.find('\'');
  REQUIRE(quote != std::string::npos);
  CHECK(caught.detail.find('\'', quote + 1) - quote - 1 == 20);
  const ConstructionCheck stopped = prove_dyck_rnn(counted, ccbound::Deadline(1e-9));
  CHECK((stopped.stopped && !stopped.verified()));
}

TEST_CASE("the Dyck construction reports its shape", "[rnn_constructions][dyck]") {
  const ConstructionReport report = construct_dyck_rnn(3, NumberFormat::binary16(), 5);
  CHECK(report.task == "DYCK");
  CHECK(report.length == 3);
  CHECK(report.architecture == "rnn");
  CHECK(report.layers == 1);
  CHECK((report.width == 7 && report.size == 7 && report.heads == 0));
  CHECK(report.check.verified());
  CHECK(report.check.method == "reachable states");
  CHECK(report.check.inputs_checked == 8);
  CHECK(construct_dyck_rnn(kMaxDyckLength, NumberFormat::fixed(8, 4), 5).check.verified());
  CHECK_THROWS_AS(construct_dyck_rnn(0, NumberFormat::binary16(), 5), ccbound::InputError);
  CHECK_THROWS_AS(construct_dyck_rnn(65537, NumberFormat::binary16(), 5), ccbound::InputError);
  // fixed:2:1 holds -1, -0.5, 0, 0.5 but not 1.
  CHECK_THROWS_AS(dyck_rnn(NumberFormat::fixed(2, 1)), ccbound::InputError);
}

TEST_CASE("register RNN sizes follow the formula", "[rnn_constructions][register]") {
  const NumberFormat formats[] = {NumberFormat::fixed(8, 4), NumberFormat::binary16(),
                                  NumberFormat::binary32(), NumberFormat::binary64()};
  for (const NumberFormat& format : formats)
    for (int n : {1, 2, 3, 7, 8, 29, 30, 31, 64, 100, 1000, 4096, 65535, 65536}) {
      const int b = format.pattern_bits();
      int counter_bits = 0;
      while ((1 << counter_bits) <= n) ++counter_bits;  // bits for 0..n
      const int pair = (n + counter_bits + 1 + b - 1) / b;
      const int index = (n + b - 1) / b;
      CHECK(register_rnn_coordinates(TaskKind::eq, n, format) == pair);
      CHECK(register_rnn_coordinates(TaskKind::disj, n, format) == pair);
      CHECK(register_rnn_coordinates(TaskKind::index, n, format) == index);
      if (n <= 1000) {
        CHECK(register_rnn(TaskKind::eq, n, format).state_size == pair);
        CHECK(register_rnn(TaskKind::index, n, format).state_size == index);
      }
      if (n <= 64) CHECK(index_shift_register_rnn(n, format).state_size == index);
    }
  CHECK(register_rnn_coordinates(TaskKind::eq, 16, NumberFormat::binary32()) == 1);  // 16+5+1
  CHECK_THROWS_AS(register_rnn(TaskKind::dyck, 4, NumberFormat::binary32()), ccbound::InputError);
  CHECK_THROWS_AS(register_rnn(TaskKind::eq, 0, NumberFormat::binary32()), ccbound::InputError);
  CHECK_THROWS_AS(register_rnn(TaskKind::eq, 65537, NumberFormat::binary32()), ccbound::InputError);
}

TEST_CASE("register RNNs solve their tasks exhaustively for small N",
          "[rnn_constructions][register]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj, TaskKind::index})
    for (int n : {1, 2, 5, 10})
      for (const NumberFormat& format : kFormats) {
        if (n == 10 && format != NumberFormat::binary32()) continue;  // keep the test short
        const ConstructionCheck check =
            verify_register_rnn(register_rnn(kind, n, format), kind, n, 3);
        INFO(task_name(kind) << "_" << n << " " << format.name() << ": " << check.detail);
        CHECK(check.verified());
        CHECK(check.method == "exhaustive");
        const std::uint64_t inputs =
            kind == TaskKind::index ? n * (std::uint64_t{1} << n) : std::uint64_t{1} << (2 * n);
        CHECK(check.inputs_checked == inputs);
      }
}

TEST_CASE("register RNNs pass random and adversarial inputs for large N, unverified",
          "[rnn_constructions][register]") {
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj, TaskKind::index})
    for (int n : {100, 1000}) {
      const ConstructionReport report =
          construct_register_rnn(kind, n, NumberFormat::fixed(8, 4), 11);
      INFO(report.model << ": " << report.check.detail);
      CHECK(report.check.passed);
      CHECK(report.check.evidence == ConstructionEvidence::sample);
      CHECK_FALSE(report.check.verified());
      CHECK(report.check.method == "random+adversarial");
      CHECK(report.size == register_rnn_coordinates(kind, n, NumberFormat::fixed(8, 4)));
      const std::uint64_t accepted = accepted_in(report.check.detail);  // both labels occur
      CHECK((accepted > 0 && accepted < report.check.inputs_checked));
    }
}

TEST_CASE("broken register RNNs are rejected", "[rnn_constructions][register]") {
  const NumberFormat format = NumberFormat::binary32();
  for (TaskKind kind : {TaskKind::eq, TaskKind::disj, TaskKind::index})
    for (int n : {5, 100}) {
      INFO(task_name(kind) << "_" << n);
      // Off by one: the model for N - 1 (or N + 1) read as a model for N.
      CHECK_FALSE(verify_register_rnn(register_rnn(kind, n - 1, format), kind, n, 1).passed);
      CHECK_FALSE(verify_register_rnn(register_rnn(kind, n + 1, format), kind, n, 1).passed);
      CHECK_FALSE(verify_register_rnn(losing_first_bit(kind, n, format), kind, n, 1).passed);
    }
  // EQ's model is not a DISJ model, nor the reverse.
  CHECK_FALSE(
      verify_register_rnn(register_rnn(TaskKind::disj, 8, format), TaskKind::eq, 8, 1).passed);
  CHECK_FALSE(
      verify_register_rnn(register_rnn(TaskKind::eq, 300, format), TaskKind::disj, 300, 1).passed);
  const ConstructionCheck stopped = verify_register_rnn(
      register_rnn(TaskKind::eq, 8, format), TaskKind::eq, 8, 1, ccbound::Deadline(1e-9));
  CHECK((stopped.stopped && stopped.passed && !stopped.verified()));
}

TEST_CASE("figures: Dyck to length 12 and register sizes", "[.figures]") {
  const Rnn rnn = dyck_rnn(NumberFormat::binary32());
  const auto start = std::chrono::steady_clock::now();
  const ConstructionCheck check = verify_dyck_rnn(rnn, 12, 0, 0, 1);
  const double seconds = seconds_since(start);
  CHECK(check.verified());
  CHECK(check.inputs_checked == strings_up_to(12, 4));
  fmt::print("DYCK exhaustive to length 12: {} strings in {:.2f} s ({:.3g} strings/s)\n",
             check.inputs_checked, seconds, static_cast<double>(check.inputs_checked) / seconds);
  for (int n : {7, 1000, 65536}) {
    const ConstructionReport report = construct_dyck_rnn(n, NumberFormat::binary32(), 1);
    CHECK(report.check.verified());
    fmt::print("DYCK_{}: {} ({} inputs, {:.2f} s)\n", n, report.check.method,
               report.check.inputs_checked, report.check.seconds);
  }
  for (TaskKind kind : {TaskKind::index, TaskKind::eq, TaskKind::disj})
    for (int n : {16, 256, 4096, 65536}) {
      const ConstructionReport report =
          construct_register_rnn(kind, n, NumberFormat::binary32(), 1);
      CHECK(report.check.passed);
      fmt::print("{}_{} binary32: d = {}, {} ({} inputs, {:.2f} s)\n", task_name(kind), n,
                 report.size, report.check.method, report.check.inputs_checked,
                 report.check.seconds);
    }
}
