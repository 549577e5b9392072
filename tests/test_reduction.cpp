// The reductions end to end: messages count exactly the bits sent, the protocols extracted from
// random and constructed models agree with the models on every input, and the size bounds come
// from communication values that agree with the closed forms.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <stdexcept>

#include "ccbound/reductions/bit_message.hpp"
#include "ccbound/reductions/model_protocol.hpp"
#include "ccbound/reductions/reduction.hpp"

using namespace ccbound::reductions;

namespace {

const NumberFormat kFormats[] = {NumberFormat::fixed(8, 4), NumberFormat::fixed(12, 6),
                                 NumberFormat::binary16(), NumberFormat::binary32()};

const TaskKind kKinds[] = {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck};

std::uint64_t pairs(const Task& task, Architecture arch) {
  return task.alice_inputs(arch) * task.bob_inputs(arch);
}

}  // namespace

TEST_CASE("a BitMessage returns exactly what was written and refuses to read past it") {
  BitMessage message;
  message.write_bits(0b1011, 4);
  message.write({true, false, true});
  message.write_bits(0, 0);
  CHECK(message.size() == 7);
  CHECK(message.read_bits(4) == 0b1011);
  CHECK_FALSE(message.fully_read());
  CHECK(message.read(3) == std::vector<bool>{true, false, true});
  CHECK(message.fully_read());
  CHECK_THROWS_AS(message.read_bits(1), std::logic_error);
  CHECK_THROWS_AS(message.write_bits(4, 2), std::logic_error);
}

TEST_CASE("RNN protocols equal random Elman RNNs on every input, with d*p bits") {
  for (const NumberFormat& format : kFormats)
    for (const int d : {1, 2, 5})
      for (const Task task : {Task(TaskKind::index, 4), Task(TaskKind::eq, 3),
                              Task(TaskKind::disj, 3), Task(TaskKind::dyck, 3)}) {
        const Rnn rnn = random_elman_rnn(d, task.vocabulary_size(), format, 17 + d);
        const ExtractionCheck check = check_rnn_extraction(rnn, task, {});
        INFO(task.name() << " " << format.name() << " d=" << d);
        CHECK(check.passed());
        CHECK(check.exhaustive);
        CHECK(check.inputs_checked == pairs(task, Architecture::rnn));
        CHECK(check.size.total() == static_cast<std::size_t>(d * format.bits()));
      }
}

TEST_CASE("one-layer Transformer protocols equal random models on every input") {
  for (const NumberFormat& format : kFormats)
    for (const int heads : {1, 2})
      for (const int width : {1, 3})
        for (const TaskKind kind : kKinds) {
          const Task task(kind, 3);
          const OneLayerTransformer model = random_one_layer_transformer(
              width, heads, task.vocabulary_size(), task.sequence_length(), format, 5 + width);
          const ExtractionCheck check = check_transformer_extraction(model, task, {});
          INFO(task.name() << " " << format.name() << " H=" << heads << " m=" << width);
          CHECK(check.passed());
          CHECK(check.inputs_checked == pairs(task, Architecture::tf1));
          const int p_prime = accumulator_bits(format, task.sequence_length());
          const std::size_t first = kind == TaskKind::index ? 2 : 1;  // ceil(log2 #last tokens)
          CHECK(check.size.total() ==
                first + static_cast<std::size_t>(heads * (width + 1) * p_prime) + 1);
        }
}

TEST_CASE("the accumulator width of fixed point is p + ceil(log2 L)") {
  const Task eq(TaskKind::eq, 5);  // L = 11 positions
  const OneLayerTransformer model =
      random_one_layer_transformer(2, 1, eq.vocabulary_size(), 11, NumberFormat::fixed(8, 4), 3);
  const MessageSize size = transformer_message_size(model, eq);
  CHECK(size.accumulator_bits == 8 + 4);
  CHECK(size.total() == 1 + 3 * 12 + 1);
}

TEST_CASE("sampled checks run the stated number of inputs, half of them on the diagonal") {
  const Task eq(TaskKind::eq, 12);  // 2^24 pairs: above the exhaustive limit
  const Rnn rnn = random_elman_rnn(2, eq.vocabulary_size(), NumberFormat::fixed(8, 4), 9);
  CheckOptions options;
  options.samples = 500;
  const ExtractionCheck check = check_rnn_extraction(rnn, eq, options);
  CHECK_FALSE(check.exhaustive);
  CHECK(check.inputs_checked == 500);
  CHECK(check.passed());
}

TEST_CASE("a model with state outside its vector is caught by the check") {
  // The transition also reads a hidden counter that the d*p-bit message does not carry, so Bob's
  // continuation from the message cannot reproduce the model: the check must say so.
  const Task index(TaskKind::index, 3);
  Rnn rnn = random_elman_rnn(2, index.vocabulary_size(), NumberFormat::fixed(8, 4), 1);
  const auto honest = rnn.transition;
  rnn.transition = [honest](const Vector& h, Token t) {
    static thread_local int calls = 0;  // per checking thread, so the outcome is deterministic
    Vector next = honest(h, t);
    next[0] = (++calls % 3 == 0) ? 1.0 : -1.0;
    return next;
  };
  rnn.readout = [](const Vector& h) { return h[0] > 0; };
  const ExtractionCheck check = check_rnn_extraction(rnn, index, {});
  CHECK_FALSE(check.passed());
  CHECK(check.protocol_mismatches > 0);
  CHECK(check.first_failure.has_value());
}

TEST_CASE("a construction that does not solve the task fails a check that requires it") {
  const Task index(TaskKind::index, 4);
  const Rnn rnn = random_elman_rnn(4, index.vocabulary_size(), NumberFormat::fixed(8, 4), 2);
  CheckOptions options;
  options.require_task = true;
  const ExtractionCheck check = check_rnn_extraction(rnn, index, options);
  CHECK(check.protocol_mismatches == 0);
  CHECK(check.task_mismatches > 0);
  CHECK_FALSE(check.passed());
}

TEST_CASE("INDEX: the RNN bound is d*p >= N and the shift register meets it") {
  for (const int p : {2, 3, 4, 8})
    for (int n = 1; n <= 12; ++n) {
      const Task index(TaskKind::index, n);
      const NumberFormat format = NumberFormat::fixed(p, p / 2);
      const SizeBound bound =
          rnn_size_bound(split_complexity(index, Architecture::rnn, 0).lower, format);
      CHECK(bound.min_size == (n + p - 1) / p);
      const Rnn rnn = index_shift_register_rnn(n, format);
      CHECK(rnn.state_size == bound.min_size);
      CheckOptions options;
      options.require_task = true;
      const ExtractionCheck check = check_rnn_extraction(rnn, index, options);
      INFO("N=" << n << " p=" << p);
      CHECK(check.passed());
      CHECK(check.size.total() == static_cast<std::size_t>(rnn.state_size * p));
      CHECK(check.size.total() >= static_cast<std::size_t>(n));
    }
}

TEST_CASE("computed communication values agree with the closed forms") {
  for (const TaskKind kind : kKinds)
    for (const Architecture arch : {Architecture::rnn, Architecture::tf1})
      for (int n = 1; n <= 6; ++n) {
        const Task task(kind, n);
        const SplitComplexity cc = split_complexity(task, arch, 0);
        INFO(task.name() << " " << architecture_name(arch));
        CHECK(cc.evidence() == ValueEvidence::checked);
        CHECK(cc.bound_evidence() == ValueEvidence::checked);
        CHECK(cc.exact());
        CHECK(cc.lower == closed_form_complexity(task, arch));
      }
  CHECK(closed_form_complexity(Task(TaskKind::index, 9), Architecture::tf1) == 5);
  CHECK(closed_form_complexity(Task(TaskKind::eq, 9), Architecture::tf1) == 10);
  CHECK(closed_form_complexity(Task(TaskKind::dyck, 5), Architecture::rnn) == 2);
  CHECK(closed_form_complexity(Task(TaskKind::dyck, 6), Architecture::rnn) == 3);
}

TEST_CASE("beyond the computable sizes the closed form is cited as a theorem") {
  const SplitComplexity cc = split_complexity(Task(TaskKind::index, 20), Architecture::rnn, 0);
  CHECK(cc.lower_evidence == ValueEvidence::cited);
  CHECK(cc.upper_evidence == ValueEvidence::cited);
  CHECK(cc.bound_evidence() == ValueEvidence::cited);
  CHECK(cc.lower == 20);
  CHECK(cc.source.find("theorem") == 0);
  CHECK(cc.source.find("N <= 12") != std::string::npos);
  CHECK(largest_computed_length(TaskKind::dyck, Architecture::rnn) == 6);
}

TEST_CASE("EQ through the Dyck gadget bounds one-layer Transformers on the interleaved split") {
  const NumberFormat format = NumberFormat::fixed(4, 2);
  for (int n = 2; n <= 8; ++n) {
    const Task dyck(TaskKind::dyck, n);
    const SplitComplexity cc = split_complexity(dyck, Architecture::tf1, 0);
    REQUIRE(cc.lower == n + 1);
    const SizeBound bound = transformer_size_bound(cc.lower, format, dyck);
    const int p_prime = accumulator_bits(format, 2 * n);
    CHECK(bound.min_size == (n - 1 + p_prime - 1) / p_prime);
    const OneLayerTransformer model =
        random_one_layer_transformer(1, 1, 4, 2 * n, format, static_cast<std::uint64_t>(n));
    const ExtractionCheck check = check_transformer_extraction(model, dyck, {});
    CHECK(check.passed());
    CHECK(check.size.total() >= static_cast<std::size_t>(cc.lower));
  }
}

TEST_CASE("run_reduction reports the value, the bound and verified models") {
  ReductionOptions options;
  options.format = NumberFormat::fixed(4, 2);
  const ReductionReport index = run_reduction(Task(TaskKind::index, 8), options);
  CHECK(index.cc.lower == 8);
  CHECK(index.bound.min_size == 2);
  REQUIRE(index.dfa.has_value());
  CHECK(index.dfa->residuals_at(index.split_level) == 256);
  REQUIRE(index.models.size() == 2);
  CHECK(index.models[1].construction);
  CHECK(index.models[1].size_value == 2);
  CHECK(index.simulation_verified());
  CHECK(index.inputs_checked() == 2 * 256 * 8);

  options.arch = Architecture::tf1;
  const ReductionReport eq = run_reduction(Task(TaskKind::eq, 6), options);
  CHECK(eq.cc.lower == 7);
  CHECK(eq.bound.unit_bits == 4 + 4);  // p' for 13 positions
  CHECK(eq.bound.min_size == 1);       // ceil((7 - 1 - 1) / 8)
  CHECK(eq.simulation_verified());
}

TEST_CASE("value evidence: names, markers, and the interval's and the bound's evidence") {
  CHECK(evidence_name(ValueEvidence::checked) == "checked");
  CHECK(evidence_name(ValueEvidence::unchecked) == "unchecked");
  CHECK(evidence_name(ValueEvidence::cited) == "cited");
  CHECK(evidence_marker(ValueEvidence::checked).empty());
  CHECK(evidence_marker(ValueEvidence::cited) == "*");
  SplitComplexity cc;
  cc.lower_evidence = ValueEvidence::checked;
  cc.upper_evidence = ValueEvidence::unchecked;
  CHECK(cc.evidence() == ValueEvidence::unchecked);
  CHECK(cc.bound_evidence() == ValueEvidence::checked);  // the bounds use the lower end alone
  cc.lower_evidence = ValueEvidence::unchecked;
  cc.upper_evidence = ValueEvidence::checked;
  CHECK(cc.evidence() == ValueEvidence::unchecked);
  CHECK(cc.bound_evidence() == ValueEvidence::unchecked);
  CHECK(cited_complexity(TaskKind::eq, 100, Architecture::tf1).evidence() == ValueEvidence::cited);
}

TEST_CASE("a simulation on a seeded sample passes but is not verified") {
  ReductionOptions options;
  options.format = NumberFormat::fixed(8, 4);
  options.check.samples = 300;
  const ReductionReport sampled = run_reduction(Task(TaskKind::disj, 20), options);
  CHECK(sampled.cc.evidence() == ValueEvidence::cited);
  CHECK(sampled.simulation_passed());
  CHECK_FALSE(sampled.simulation_exhaustive());
  CHECK_FALSE(sampled.simulation_verified());
  CHECK(sampled.inputs_checked() == 300);
}
