// The communication protocol hidden in a model, executed bit for bit, and its check against the
// model itself on every input (or a seeded sample).
//
// RNN, split prefix | suffix: Alice runs the model over her prefix and sends the state, each
// coordinate as its p-bit pattern (d p bits); Bob decodes it, runs his suffix and outputs the
// read-out. One way, Bob outputs: the cost is d p.
//
// One-layer Transformer, any split in which Bob holds the last position: Bob first sends the last
// token as its index among the task's possible last tokens (b = ceil(log2 #last tokens) bits),
// since every head's query depends on it; Alice sends, per head, her partial numerator (m exact
// sums) and denominator, each in p' = accumulator_bits(format, L) bits; Bob adds his positions'
// terms, runs the read-out and sends the answer bit. The cost is b + H (m + 1) p' + 1, the answer
// bit included because it is compared with D.
//
// Each party computes from its own positions and the bits received, nothing else: the message
// objects are the only channel, and the checker counts their bits on every input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {

// The bits one run of a protocol exchanged, by message.
struct Transcript {
  bool answer = false;
  // What Bob computed on the way to the answer, to compare with the model bit for bit: the RNN's
  // final state, or the Transformer's read-out score (random models often answer constantly, so
  // the answer bit alone would prove little).
  std::vector<double> evidence;
  std::size_t bob_first_bits = 0;  // Transformer: the last token
  std::size_t alice_bits = 0;      // the state, or the partial sums
  std::size_t answer_bits = 0;     // Transformer: 1 (Bob announces the answer); RNN: 0
  std::size_t total() const { return bob_first_bits + alice_bits + answer_bits; }
};

// What the formulas say a run costs, for comparison with every transcript.
struct MessageSize {
  std::size_t bob_first_bits = 0;
  std::size_t alice_bits = 0;
  std::size_t answer_bits = 0;
  int accumulator_bits = 0;  // p' (Transformer only)
  std::string formula;       // "d*p = 4*8", "b + H*(m+1)*p' + 1 = 1 + 2*(4+1)*13 + 1"
  std::size_t total() const { return bob_first_bits + alice_bits + answer_bits; }
};

// The number of leading positions Alice holds under the rnn split (throws std::logic_error if
// her positions are not a prefix).
std::size_t alice_prefix_length(const Task& task);
// b: the bits of Bob's first message in the tf1 protocol, ceil(log2 #possible last tokens).
int last_token_bits(const Task& task);

MessageSize rnn_message_size(const Rnn& rnn);
MessageSize transformer_message_size(const OneLayerTransformer& model, const Task& task);

// Requires: the task's rnn split gives Alice a prefix of the positions; a < alice_inputs(rnn),
// b < bob_inputs(rnn); the model reads the task's vocabulary.
Transcript run_rnn_protocol(const Rnn& rnn, const Task& task, std::uint64_t a, std::uint64_t b);
// Requires: Bob holds the last position of the task's tf1 split; model.max_length >= the task's
// sequence length; inputs in range.
Transcript run_transformer_protocol(const OneLayerTransformer& model, const Task& task,
                                    std::uint64_t a, std::uint64_t b);

struct CheckOptions {
  std::uint64_t exhaustive_limit = std::uint64_t{1} << 20;  // input pairs
  std::uint64_t samples = std::uint64_t{1} << 16;           // above the limit
  std::uint64_t seed = 1;
  bool require_task = false;  // also require model output == the task's label (constructions)
  // Polled between inputs on every worker thread when set: the check throws TimeoutExpired once
  // it has expired.
  const Deadline* deadline = nullptr;
};

struct ExtractionCheck {
  std::uint64_t inputs_checked = 0;
  bool exhaustive = false;
  std::uint64_t protocol_mismatches = 0;  // Bob's answer or evidence differs from the model's
  std::uint64_t size_mismatches = 0;      // a transcript's bits differ from MessageSize
  std::uint64_t task_mismatches = 0;      // the model's output differs from the task's label
  std::optional<std::pair<std::uint64_t, std::uint64_t>> first_failure;  // (a, b)
  MessageSize size;
  bool require_task = false;

  bool passed() const {
    return inputs_checked > 0 && protocol_mismatches == 0 && size_mismatches == 0 &&
           (!require_task || task_mismatches == 0);
  }
};

// Runs the protocol and the model on every input pair of the split when there are at most
// options.exhaustive_limit of them, else on options.samples seeded pairs (half of them with
// b = a when both parties have the same input set, so positive instances of EQ are sampled).
ExtractionCheck check_rnn_extraction(const Rnn& rnn, const Task& task, const CheckOptions& options);
ExtractionCheck check_transformer_extraction(const OneLayerTransformer& model, const Task& task,
                                             const CheckOptions& options);

}  // namespace ccbound::reductions
