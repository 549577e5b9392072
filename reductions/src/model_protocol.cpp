// The protocols extracted from RNNs and one-layer Transformers, and their check against the
// models on every input pair (or a seeded sample).
#include "ccbound/reductions/model_protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "ccbound/engines/oneway.hpp"
#include "ccbound/reductions/bit_message.hpp"
#include "threads.hpp"

namespace ccbound::reductions {
namespace {

// Alice's side: the state after her prefix, as d patterns of p bits.
BitMessage rnn_alice_message(const Rnn& rnn, std::span<const Token> prefix) {
  const Vector state = rnn.run(prefix, rnn.initial);
  BitMessage message;
  for (const double value : state) message.write_bits(rnn.format.encode(value), rnn.format.bits());
  return message;
}

// Bob's side: decode the state, read his suffix; the final state decides the answer.
Vector rnn_bob_final_state(const Rnn& rnn, BitMessage& message, std::span<const Token> suffix) {
  Vector state(static_cast<std::size_t>(rnn.state_size));
  for (double& value : state) value = rnn.format.decode(message.read_bits(rnn.format.bits()));
  if (!message.fully_read()) throw std::logic_error("rnn protocol: unread message bits");
  return rnn.run(suffix, state);
}

std::size_t last_token_index(const Task& task, Token last) {
  const std::vector<Token> choices = task.last_tokens(Architecture::tf1);
  const auto it = std::find(choices.begin(), choices.end(), last);
  if (it == choices.end()) throw std::logic_error("tf1 protocol: last token not in the task's set");
  return static_cast<std::size_t>(it - choices.begin());
}

// A party's view of the sequence: the other party's tokens are replaced by kHidden, which no model
// accepts, so a protocol step that reads a position it does not hold fails loudly.
constexpr Token kHidden = -1;

std::vector<Token> view_of(Party party, std::span<const Token> tokens,
                           const std::vector<Party>& owners) {
  std::vector<Token> view(tokens.begin(), tokens.end());
  for (std::size_t j = 0; j < view.size(); ++j)
    if (owners[j] != party) view[j] = kHidden;
  return view;
}

// Alice's side of the Transformer protocol: her partial sums for the query of Bob's last token.
BitMessage tf1_alice_message(const OneLayerTransformer& model, const Task& task,
                             std::span<const Token> tokens, const std::vector<Party>& owners,
                             BitMessage& from_bob) {
  const Token last =
      task.last_tokens(Architecture::tf1).at(from_bob.read_bits(last_token_bits(task)));
  const int last_position = static_cast<int>(tokens.size()) - 1;
  const int width = accumulator_bits(model.format, tokens.size());
  BitMessage message;
  for (int head = 0; head < model.head_count(); ++head) {
    const Vector query = model.query(head, last, last_position);
    AttentionSums sums = model.empty_sums();
    for (std::size_t j = 0; j < tokens.size(); ++j)
      if (owners[j] == Party::alice)
        model.accumulate(head, query, tokens[j], static_cast<int>(j), sums);
    for (const ExactSum& sum : sums.numerator) message.write(sum.to_bits(width));
    message.write(sums.denominator.to_bits(width));
  }
  return message;
}

// Bob's side: read Alice's sums, add his own positions' terms, run the read-out.
double tf1_bob_score(const OneLayerTransformer& model, std::span<const Token> tokens,
                     const std::vector<Party>& owners, BitMessage& from_alice) {
  const int last_position = static_cast<int>(tokens.size()) - 1;
  const Token last = tokens.back();
  const int width = accumulator_bits(model.format, tokens.size());
  std::vector<AttentionSums> all_sums;
  for (int head = 0; head < model.head_count(); ++head) {
    AttentionSums sums = model.empty_sums();
    for (ExactSum& sum : sums.numerator)
      sum = ExactSum::from_bits(model.format, from_alice.read(width));
    sums.denominator = ExactSum::from_bits(model.format, from_alice.read(width));
    const Vector query = model.query(head, last, last_position);
    for (std::size_t j = 0; j < tokens.size(); ++j)
      if (owners[j] == Party::bob)
        model.accumulate(head, query, tokens[j], static_cast<int>(j), sums);
    all_sums.push_back(std::move(sums));
  }
  if (!from_alice.fully_read()) throw std::logic_error("tf1 protocol: unread message bits");
  return model.finish_score(all_sums, last, last_position);
}

}  // namespace

std::size_t alice_prefix_length(const Task& task) {
  const std::vector<Party> owners = task.owners(Architecture::rnn);
  const auto first_bob = std::find(owners.begin(), owners.end(), Party::bob);
  if (std::find(first_bob, owners.end(), Party::alice) != owners.end())
    throw std::logic_error("rnn protocol: Alice's positions are not a prefix");
  return static_cast<std::size_t>(first_bob - owners.begin());
}

int last_token_bits(const Task& task) {
  return bits_to_name(static_cast<std::size_t>(
      last_token_count(task.kind(), Architecture::tf1, static_cast<std::uint64_t>(task.length()))));
}

MessageSize rnn_message_size(const Rnn& rnn) {
  MessageSize size;
  size.alice_bits =
      static_cast<std::size_t>(rnn.state_size) * static_cast<std::size_t>(rnn.format.bits());
  size.formula = fmt::format("d*p = {}*{}", rnn.state_size, rnn.format.bits());
  return size;
}

MessageSize transformer_message_size(const OneLayerTransformer& model, const Task& task) {
  MessageSize size;
  size.bob_first_bits = static_cast<std::size_t>(last_token_bits(task));
  size.accumulator_bits =
      accumulator_bits(model.format, static_cast<std::uint64_t>(task.sequence_length()));
  const std::size_t sums =
      static_cast<std::size_t>(model.head_count()) * static_cast<std::size_t>(model.width + 1);
  size.alice_bits = sums * static_cast<std::size_t>(size.accumulator_bits);
  size.answer_bits = 1;
  size.formula = fmt::format("b + H*(m+1)*p' + 1 = {} + {}*({}+1)*{} + 1", size.bob_first_bits,
                             model.head_count(), model.width, size.accumulator_bits);
  return size;
}

Transcript run_rnn_protocol(const Rnn& rnn, const Task& task, std::uint64_t a, std::uint64_t b) {
  const std::vector<Token> tokens = task.sequence(Architecture::rnn, a, b);
  const std::size_t split = alice_prefix_length(task);
  const std::span<const Token> all(tokens);
  // Alice sees only the prefix; Bob only the message and the suffix.
  BitMessage message = rnn_alice_message(rnn, all.first(split));
  Transcript transcript;
  transcript.alice_bits = message.size();
  transcript.evidence = rnn_bob_final_state(rnn, message, all.subspan(split));
  transcript.answer = rnn.readout(transcript.evidence);
  return transcript;
}

Transcript run_transformer_protocol(const OneLayerTransformer& model, const Task& task,
                                    std::uint64_t a, std::uint64_t b) {
  const std::vector<Token> tokens = task.sequence(Architecture::tf1, a, b);
  const std::vector<Party> owners = task.owners(Architecture::tf1);
  if (owners.back() != Party::bob)
    throw std::logic_error("tf1 protocol: Bob must hold the last position");
  const std::vector<Token> alice_view = view_of(Party::alice, tokens, owners);
  const std::vector<Token> bob_view = view_of(Party::bob, tokens, owners);
  BitMessage from_bob;
  from_bob.write_bits(last_token_index(task, bob_view.back()), last_token_bits(task));
  Transcript transcript;
  transcript.bob_first_bits = from_bob.size();
  BitMessage from_alice = tf1_alice_message(model, task, alice_view, owners, from_bob);
  transcript.alice_bits = from_alice.size();
  const double score = tf1_bob_score(model, bob_view, owners, from_alice);
  transcript.evidence = {score};
  transcript.answer = score > 0;
  transcript.answer_bits = 1;
  return transcript;
}

namespace {

using InputPair = std::pair<std::uint64_t, std::uint64_t>;

// Every input pair when there are at most exhaustive_limit, else `samples` seeded ones.
std::vector<InputPair> input_pairs(const Task& task, Architecture arch, const CheckOptions& options,
                                   bool& exhaustive) {
  const std::uint64_t rows = task.alice_inputs(arch), cols = task.bob_inputs(arch);
  exhaustive = cols != 0 && rows <= options.exhaustive_limit / cols;
  std::vector<InputPair> pairs;
  if (exhaustive) {
    pairs.reserve(rows * cols);
    for (std::uint64_t a = 0; a < rows; ++a)
      for (std::uint64_t b = 0; b < cols; ++b) pairs.emplace_back(a, b);
    return pairs;
  }
  std::mt19937_64 rng(options.seed);
  pairs.reserve(options.samples);
  for (std::uint64_t k = 0; k < options.samples; ++k) {
    const std::uint64_t a = rng() % rows;
    const bool diagonal = rows == cols && k % 2 == 1;
    pairs.emplace_back(a, diagonal ? a : rng() % cols);
  }
  return pairs;
}

void merge(ExtractionCheck& into, const ExtractionCheck& part) {
  into.inputs_checked += part.inputs_checked;
  into.protocol_mismatches += part.protocol_mismatches;
  into.size_mismatches += part.size_mismatches;
  into.task_mismatches += part.task_mismatches;
  if (!into.first_failure) into.first_failure = part.first_failure;
}

// Runs check_one(part, a, b) on every pair, the pairs cut into one contiguous slice per worker
// thread; the slices' results are merged in order, so the first failure is the first in `pairs`.
// Polls the deadline, if any, every 64 pairs on each thread.
template <typename CheckOne>
void check_all(ExtractionCheck& check, const std::vector<InputPair>& pairs,
               const Deadline* deadline, CheckOne check_one) {
  const auto threads = static_cast<std::size_t>(worker_threads());
  const std::size_t slice = (pairs.size() + threads - 1) / threads;
  std::vector<ExtractionCheck> parts(threads, check);
  on_threads(static_cast<int>(threads), [&](int t) {
    const auto part = static_cast<std::size_t>(t);
    const std::size_t end = std::min(pairs.size(), (part + 1) * slice);
    for (std::size_t k = part * slice; k < end; ++k) {
      if (deadline != nullptr && k % 64 == 0) deadline->check();
      check_one(parts[part], pairs[k].first, pairs[k].second);
    }
  });
  for (const ExtractionCheck& part : parts) merge(check, part);
}

// One input pair's verdict, recorded in `check`.
void record(ExtractionCheck& check, std::uint64_t a, std::uint64_t b, const Transcript& transcript,
            bool model_answer, const Vector& model_evidence, bool label) {
  ++check.inputs_checked;
  const bool protocol_ok =
      transcript.answer == model_answer && transcript.evidence == model_evidence;
  const bool size_ok = transcript.bob_first_bits == check.size.bob_first_bits &&
                       transcript.alice_bits == check.size.alice_bits &&
                       transcript.answer_bits == check.size.answer_bits;
  const bool task_ok = model_answer == label;
  check.protocol_mismatches += protocol_ok ? 0 : 1;
  check.size_mismatches += size_ok ? 0 : 1;
  check.task_mismatches += task_ok ? 0 : 1;
  const bool failed = !protocol_ok || !size_ok || (check.require_task && !task_ok);
  if (failed && !check.first_failure) check.first_failure = std::make_pair(a, b);
}

}  // namespace

ExtractionCheck check_rnn_extraction(const Rnn& rnn, const Task& task,
                                     const CheckOptions& options) {
  ExtractionCheck check;
  check.size = rnn_message_size(rnn);
  check.require_task = options.require_task;
  const auto pairs = input_pairs(task, Architecture::rnn, options, check.exhaustive);
  check_all(check, pairs, options.deadline,
            [&](ExtractionCheck& part, std::uint64_t a, std::uint64_t b) {
              const std::vector<Token> tokens = task.sequence(Architecture::rnn, a, b);
              const Vector state = rnn.run(tokens, rnn.initial);
              record(part, a, b, run_rnn_protocol(rnn, task, a, b), rnn.readout(state), state,
                     task.label(tokens));
            });
  return check;
}

ExtractionCheck check_transformer_extraction(const OneLayerTransformer& model, const Task& task,
                                             const CheckOptions& options) {
  ExtractionCheck check;
  check.size = transformer_message_size(model, task);
  check.require_task = options.require_task;
  const auto pairs = input_pairs(task, Architecture::tf1, options, check.exhaustive);
  check_all(check, pairs, options.deadline,
            [&](ExtractionCheck& part, std::uint64_t a, std::uint64_t b) {
              const std::vector<Token> tokens = task.sequence(Architecture::tf1, a, b);
              const double score = model.score(tokens);
              record(part, a, b, run_transformer_protocol(model, task, a, b), score > 0, {score},
                     task.label(tokens));
            });
  return check;
}

}  // namespace ccbound::reductions
