// Sequence tasks with a fixed token encoding and a stated split of the positions between Alice and
// Bob: the bridge between a model that reads a token sequence and a communication problem.
//
//   INDEX_N  x_1..x_N in {0,1}, then a query token q in {1..N}; answer x_q.  Alice: the N bits;
//            Bob: q.  Tokens: 0, 1 are bits, 2 + (q - 1) is the query q (vocabulary N + 2).
//   EQ_N     x_1..x_N, '#', y_1..y_N; answer [x = y].       Alice: x and '#'; Bob: y.
//   DISJ_N   x_1..x_N, '#', y_1..y_N; answer [x AND y = 0]. Tokens 0, 1, 2 = '#'.
//   DYCK_N   strings over ( [ ) ] (tokens 0..3) of length 2N; answer: balanced with nesting depth
//            at most 2 (bounded Dyck-(2,2)). Two splits:
//            rnn: prefix | suffix, Alice the first N tokens, Bob the last N (all 4^N each);
//            tf1: the equality gadget, N adjacent pairs, Alice the odd positions (1-based) choosing
//            each opening bracket, '(' for x_k = 0 and '[' for 1, Bob the even positions choosing
//            each closing bracket, ')' for y_k = 0 and ']' for 1: in the language iff x = y.
//
// Alice's input a and Bob's input b are integers (bit k of x is (a >> k) & 1, x_1 being bit 0;
// DYCK's rnn split reads a and b as base-4 digits, digit k the token at the party's k-th
// position). For INDEX, Bob's b in [0, N) is the query q = b + 1. The label of a sequence is
// computed from its tokens by the task's own definition of the language, never from a matrix;
// split_matrix tabulates it, so a test can compare it with the family matrix.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix.hpp"

namespace ccbound::reductions {

using Token = int;

//  id     name     help
#define CCBOUND_TASKS(X)                                                             \
  X(index, "INDEX", "x_1..x_N, query q: output x_q (Alice the bits, Bob the query)") \
  X(eq, "EQ", "x_1..x_N # y_1..y_N: output [x = y] (Alice x, Bob y)")                \
  X(disj, "DISJ", "x_1..x_N # y_1..y_N: output [x AND y = 0] (Alice x, Bob y)")      \
  X(dyck, "DYCK", "bounded Dyck-(2,2), length 2N (rnn: prefix | suffix; tf1: EQ_N gadget)")

enum class TaskKind {
#define CCBOUND_TASK_ENUM(id, name, help) id,
  CCBOUND_TASKS(CCBOUND_TASK_ENUM)
#undef CCBOUND_TASK_ENUM
};

//  id    name   help
#define CCBOUND_ARCHITECTURES(X)                                                  \
  X(rnn, "rnn", "recurrent network, split prefix | suffix, one-way Alice -> Bob") \
  X(tf1, "tf1", "one-layer Transformer, output at the last position, two-way")

enum class Architecture {
#define CCBOUND_ARCH_ENUM(id, name, help) id,
  CCBOUND_ARCHITECTURES(CCBOUND_ARCH_ENUM)
#undef CCBOUND_ARCH_ENUM
};

enum class Party { alice, bob };

std::string_view task_name(TaskKind kind);
std::string_view architecture_name(Architecture arch);
// Case-insensitive; throw InputError listing the accepted names.
TaskKind parse_task(std::string_view text);
Architecture parse_architecture(std::string_view text);

// The largest N accepted per task (INDEX, EQ, DISJ 63; DYCK 31): Alice's and Bob's inputs must
// fit in 64-bit integers.
int max_task_length(TaskKind kind);

// The sequence length of the task at any N >= 1 (N + 1, 2N + 1 or 2N), and how many tokens the
// last position can hold under the split for `arch` (see Task::last_tokens): the two quantities
// the size bounds need, also for N beyond what a Task object accepts.
std::uint64_t sequence_length_of(TaskKind kind, std::uint64_t n);
std::uint64_t last_token_count(TaskKind kind, Architecture arch, std::uint64_t n);

class Task {
 public:
  // Requires 1 <= length <= max_task_length(kind); throws InputError otherwise.
  Task(TaskKind kind, int length);

  TaskKind kind() const { return kind_; }
  int length() const { return length_; }  // N
  std::string name() const;               // "INDEX_8"
  int vocabulary_size() const;
  std::string token_name(Token token) const;  // "0", "1", "#", "q3", "(", "[", ")", "]"
  int sequence_length() const;                // N + 1, 2N + 1 or 2N

  // Who holds each position under the split used for `arch`. Positions with a fixed token (the
  // separator) belong to Alice.
  std::vector<Party> owners(Architecture arch) const;
  // How many inputs each party has under that split (for N where it fits in 64 bits).
  std::uint64_t alice_inputs(Architecture arch) const;
  std::uint64_t bob_inputs(Architecture arch) const;

  // The token sequence for Alice's input a and Bob's input b under the split for `arch`.
  // Requires a < alice_inputs(arch), b < bob_inputs(arch).
  std::vector<Token> sequence(Architecture arch, std::uint64_t a, std::uint64_t b) const;

  // Membership in the task's language, from the tokens alone. Requires a sequence of this task's
  // length over its vocabulary (throws std::logic_error otherwise).
  bool label(std::span<const Token> tokens) const;

  // The tokens the last position can hold under the split (Bob sends it first to a one-layer
  // Transformer protocol when it is his): INDEX the N queries, EQ/DISJ {0, 1}, DYCK ) and ].
  std::vector<Token> last_tokens(Architecture arch) const;

  // The communication matrix of the split: entry (a, b) = label(sequence(arch, a, b)).
  // Requires both input counts <= kMaxSide (throws InputError otherwise).
  Matrix split_matrix(Architecture arch) const;
  // The named family this matrix equals when there is one (INDEX:N, EQ:N, DISJ:N, DYCK tf1 EQ:N;
  // none for DYCK rnn).
  std::optional<FamilyInstance> split_family(Architecture arch) const;

 private:
  TaskKind kind_;
  int length_;
};

}  // namespace ccbound::reductions
