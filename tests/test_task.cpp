// Sequence tasks (encodings, splits, labels, split matrices) and the minimal DFA of their
// languages, checked against hand examples, the family matrices and brute-force definitions.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/reductions/minimal_dfa.hpp"
#include "ccbound/reductions/task.hpp"

using namespace ccbound;
using namespace ccbound::reductions;

namespace {

using Word = std::vector<Token>;

constexpr Architecture kArchitectures[] = {Architecture::rnn, Architecture::tf1};
constexpr TaskKind kTaskKinds[] = {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck};

std::uint64_t pow2(int exponent) {
  return std::uint64_t{1} << exponent;
}

// Every word of exactly `length` tokens over 0..vocabulary-1, in lexicographic order.
std::vector<Word> words_of_length(int vocabulary, int length) {
  std::vector<Word> words{Word{}};
  for (int i = 0; i < length; ++i) {
    std::vector<Word> longer;
    for (const Word& word : words)
      for (Token token = 0; token < vocabulary; ++token) {
        longer.push_back(word);
        longer.back().push_back(token);
      }
    words = std::move(longer);
  }
  return words;
}

// Bounded Dyck-(2,2) by another definition: the string reduces to nothing by deleting adjacent
// "()" and "[]", and the count of open brackets never exceeds 2.
bool dyck_by_reduction(const Word& word) {
  std::string text;
  int open = 0;
  int max_open = 0;
  for (const Token token : word) {
    text += "([)]"[token];
    open += token < 2 ? 1 : -1;
    max_open = std::max(max_open, open);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* pair : {"()", "[]"})
      if (const auto at = text.find(pair); at != std::string::npos) {
        text.erase(at, 2);
        changed = true;
      }
  }
  return text.empty() && max_open <= 2;
}

// The minimal DFA's language, from Task::label alone: the labelled words of the task's length,
// and for DYCK every balanced string of length <= 2N including the empty one.
bool in_language(const Task& task, const Word& word) {
  if (task.kind() != TaskKind::dyck)
    return std::ssize(word) == task.sequence_length() && task.label(word);
  if (word.empty()) return true;
  if (word.size() % 2 != 0) return false;
  return Task(TaskKind::dyck, static_cast<int>(word.size() / 2)).label(word);
}

struct NerodeCount {
  std::size_t states = 0;  // distinct residuals of all prefixes, the empty one included
  std::vector<std::uint64_t> live_at_level;
  std::vector<bool> dead_at_level;
  std::uint64_t live_prefixes = 0;  // the trie's nodes
};

// Myhill-Nerode by brute force: the residual of every prefix of length <= L, as the set of indices
// of the suffixes completing it, over all strings of length <= L.
NerodeCount brute_force_nerode(const Task& task) {
  const int max_length = task.sequence_length();
  const int vocabulary = task.vocabulary_size();
  std::vector<Word> suffixes;
  std::vector<std::size_t> suffixes_up_to;  // how many suffixes have length <= l
  for (int length = 0; length <= max_length; ++length) {
    for (Word& word : words_of_length(vocabulary, length)) suffixes.push_back(std::move(word));
    suffixes_up_to.push_back(suffixes.size());
  }
  NerodeCount count;
  std::set<std::vector<std::size_t>> all_residuals;
  for (int length = 0; length <= max_length; ++length) {
    std::set<std::vector<std::size_t>> live_here;
    bool dead_here = false;
    for (const Word& prefix : words_of_length(vocabulary, length)) {
      std::vector<std::size_t> residual;
      for (std::size_t i = 0; i < suffixes_up_to[max_length - length]; ++i) {
        Word word = prefix;
        word.insert(word.end(), suffixes[i].begin(), suffixes[i].end());
        if (in_language(task, word)) residual.push_back(i);
      }
      dead_here = dead_here || residual.empty();
      if (!residual.empty()) {
        ++count.live_prefixes;
        live_here.insert(residual);
      }
      all_residuals.insert(std::move(residual));
    }
    count.live_at_level.push_back(live_here.size());
    count.dead_at_level.push_back(dead_here);
  }
  count.states = all_residuals.size();
  return count;
}

MinimalDfa dfa_of(TaskKind kind, int n) {
  const auto dfa = minimal_dfa(Task(kind, n));
  REQUIRE(dfa);
  return *dfa;
}

}  // namespace

TEST_CASE("task and architecture names parse in any case", "[task]") {
  CHECK(task_name(TaskKind::dyck) == "DYCK");
  CHECK(architecture_name(Architecture::tf1) == "tf1");
  CHECK(parse_task("index") == TaskKind::index);
  CHECK(parse_task("Dyck") == TaskKind::dyck);
  CHECK(parse_task("DISJ") == TaskKind::disj);
  CHECK(parse_architecture("TF1") == Architecture::tf1);
  CHECK(parse_architecture("rnn") == Architecture::rnn);
  CHECK_THROWS_WITH(parse_task("IP"), "unknown task 'IP' (known: INDEX, EQ, DISJ, DYCK)");
  CHECK_THROWS_AS(parse_task(""), InputError);
  CHECK_THROWS_WITH(parse_architecture("lstm"), "unknown architecture 'lstm' (known: rnn, tf1)");
}

TEST_CASE("task lengths are limited so the inputs fit in 64 bits", "[task]") {
  CHECK(max_task_length(TaskKind::index) == 63);
  CHECK(max_task_length(TaskKind::dyck) == 31);
  CHECK_THROWS_AS(Task(TaskKind::index, 0), InputError);
  CHECK_THROWS_AS(Task(TaskKind::dyck, -1), InputError);
  CHECK_THROWS_WITH(Task(TaskKind::eq, 64), Catch::Contains("between 1 and 63"));
  CHECK_THROWS_WITH(Task(TaskKind::dyck, 32), Catch::Contains("between 1 and 31"));
  CHECK(Task(TaskKind::disj, 63).alice_inputs(Architecture::rnn) == pow2(63));
  CHECK(Task(TaskKind::dyck, 31).bob_inputs(Architecture::rnn) == pow2(62));
  CHECK(Task(TaskKind::dyck, 31).bob_inputs(Architecture::tf1) == pow2(31));
}

TEST_CASE("token encodings and names", "[task]") {
  const Task index(TaskKind::index, 8);
  CHECK(index.name() == "INDEX_8");
  CHECK(index.vocabulary_size() == 10);
  CHECK(index.sequence_length() == 9);
  CHECK(index.token_name(1) == "1");
  CHECK(index.token_name(4) == "q3");
  CHECK_THROWS_AS(index.token_name(10), std::logic_error);
  const Task eq(TaskKind::eq, 3);
  CHECK(eq.vocabulary_size() == 3);
  CHECK(eq.sequence_length() == 7);
  CHECK(eq.token_name(2) == "#");
  const Task dyck(TaskKind::dyck, 3);
  CHECK(dyck.name() == "DYCK_3");
  CHECK(dyck.sequence_length() == 6);
  std::string brackets;
  for (Token t = 0; t < 4; ++t) brackets += dyck.token_name(t);
  CHECK(brackets == "([)]");
}

TEST_CASE("hand examples of sequences and labels", "[task]") {
  const Task index(TaskKind::index, 3);
  for (const Architecture arch : kArchitectures) {
    CHECK(index.sequence(arch, 0b101, 1) == Word{1, 0, 1, 3});
    CHECK_FALSE(index.label(index.sequence(arch, 0b101, 1)));
    CHECK(index.label(index.sequence(arch, 0b101, 2)));
    CHECK(index.label(Word{1, 0, 0, 2}));
  }
  CHECK_FALSE(index.label(Word{2, 1, 1, 3}));  // a query where a bit belongs
  CHECK_FALSE(index.label(Word{1, 1, 1, 1}));  // a bit where the query belongs

  const Task eq(TaskKind::eq, 2);
  CHECK(eq.sequence(Architecture::rnn, 2, 2) == Word{0, 1, 2, 0, 1});
  CHECK(eq.label(Word{0, 1, 2, 0, 1}));
  CHECK_FALSE(eq.label(eq.sequence(Architecture::tf1, 2, 1)));
  CHECK_FALSE(eq.label(Word{0, 1, 0, 2, 1}));  // '#' out of place

  const Task disj(TaskKind::disj, 3);
  CHECK(disj.sequence(Architecture::rnn, 0b011, 0b100) == Word{1, 1, 0, 2, 0, 0, 1});
  CHECK(disj.label(disj.sequence(Architecture::rnn, 0b011, 0b100)));
  CHECK_FALSE(disj.label(disj.sequence(Architecture::rnn, 0b011, 0b010)));

  const Task dyck2(TaskKind::dyck, 2);
  // a = digits ( [, b = digits ] ): "([])"
  CHECK(dyck2.sequence(Architecture::rnn, 0 + 4 * 1, 3 + 4 * 2) == Word{0, 1, 3, 2});
  CHECK(dyck2.label(Word{0, 1, 3, 2}));
  CHECK(dyck2.sequence(Architecture::tf1, 0b10, 0b10) == Word{0, 2, 1, 3});  // "()[]"
  CHECK(dyck2.label(Word{0, 2, 1, 3}));
  CHECK_FALSE(dyck2.label(dyck2.sequence(Architecture::tf1, 0b10, 0b00)));  // "()[)"
  CHECK_FALSE(dyck2.label(Word{0, 1, 2, 3}));                               // "([)]"
  const Task dyck3(TaskKind::dyck, 3);
  CHECK_FALSE(dyck3.label(Word{0, 0, 0, 2, 2, 2}));  // "((()))" is too deep
  CHECK(dyck3.label(Word{0, 0, 2, 2, 1, 3}));        // "(())[]"
  CHECK_FALSE(dyck3.label(Word{2, 0, 0, 2, 1, 3}));
}

TEST_CASE("labels refuse malformed sequences and inputs out of range", "[task]") {
  const Task index(TaskKind::index, 3);
  CHECK_THROWS_AS(index.label(Word{1, 0, 1}), std::logic_error);
  CHECK_THROWS_AS(index.label(Word{1, 0, 1, 5}), std::logic_error);
  CHECK_THROWS_AS(index.label(Word{-1, 0, 1, 2}), std::logic_error);
  CHECK_THROWS_AS(Task(TaskKind::dyck, 2).label(Word{0, 2, 4, 2}), std::logic_error);
  CHECK_THROWS_AS(index.sequence(Architecture::rnn, 8, 0), std::logic_error);
  CHECK_THROWS_AS(index.sequence(Architecture::rnn, 0, 3), std::logic_error);
  CHECK_THROWS_AS(Task(TaskKind::dyck, 2).sequence(Architecture::tf1, 4, 0), std::logic_error);
}

TEST_CASE("owners, input counts and last tokens follow the splits", "[task]") {
  const Party A = Party::alice;
  const Party B = Party::bob;
  const Task index(TaskKind::index, 3);
  CHECK(index.owners(Architecture::rnn) == std::vector<Party>{A, A, A, B});
  CHECK(index.owners(Architecture::tf1) == std::vector<Party>{A, A, A, B});
  CHECK(index.bob_inputs(Architecture::tf1) == 3);
  CHECK(index.last_tokens(Architecture::tf1) == Word{2, 3, 4});
  const Task eq(TaskKind::eq, 2);
  CHECK(eq.owners(Architecture::tf1) == std::vector<Party>{A, A, A, B, B});
  CHECK(eq.last_tokens(Architecture::rnn) == Word{0, 1});
  const Task dyck(TaskKind::dyck, 2);
  CHECK(dyck.owners(Architecture::rnn) == std::vector<Party>{A, A, B, B});
  CHECK(dyck.owners(Architecture::tf1) == std::vector<Party>{A, B, A, B});
  CHECK(dyck.alice_inputs(Architecture::rnn) == 16);
  CHECK(dyck.alice_inputs(Architecture::tf1) == 4);
  CHECK(dyck.last_tokens(Architecture::tf1) == Word{2, 3});
  CHECK(dyck.last_tokens(Architecture::rnn) == Word{0, 1, 2, 3});
  // Every sequence of the split has its last token in last_tokens and each owner's positions fixed
  // by that owner's input alone.
  for (const TaskKind kind : kTaskKinds)
    for (const Architecture arch : kArchitectures) {
      const Task task(kind, 2);
      const Word last = task.last_tokens(arch);
      for (std::uint64_t a = 0; a < task.alice_inputs(arch); ++a)
        for (std::uint64_t b = 0; b < task.bob_inputs(arch); ++b) {
          const Word tokens = task.sequence(arch, a, b);
          CHECK(std::ranges::find(last, tokens.back()) != last.end());
          const Word other_b = task.sequence(arch, a, 0);
          const Word other_a = task.sequence(arch, 0, b);
          const auto owners = task.owners(arch);
          for (std::size_t i = 0; i < tokens.size(); ++i)
            CHECK(tokens[i] == (owners[i] == A ? other_b[i] : other_a[i]));
        }
    }
}

TEST_CASE("split matrices equal the family matrices", "[task][families]") {
  for (int n = 1; n <= 6; ++n)
    for (const Architecture arch : kArchitectures) {
      for (const TaskKind kind : {TaskKind::index, TaskKind::eq, TaskKind::disj}) {
        const Task task(kind, n);
        const auto family = task.split_family(arch);
        REQUIRE(family);
        CHECK(family->n == n);
        CHECK(task.split_matrix(arch) == family_matrix(family->family, n));
      }
    }
  CHECK(Task(TaskKind::index, 4).split_family(Architecture::rnn)->family == Family::index);
  CHECK(Task(TaskKind::disj, 4).split_family(Architecture::tf1)->family == Family::disj);
  for (int n = 1; n <= 5; ++n) {
    const Task dyck(TaskKind::dyck, n);
    const auto family = dyck.split_family(Architecture::tf1);
    REQUIRE(family);
    CHECK(family->family == Family::eq);
    CHECK(dyck.split_matrix(Architecture::tf1) == family_matrix(Family::eq, n));
    CHECK_FALSE(dyck.split_family(Architecture::rnn));
  }
}

TEST_CASE("the DYCK gadget is in the language exactly when x = y", "[task][dyck]") {
  for (int n = 1; n <= 5; ++n) {
    const Task dyck(TaskKind::dyck, n);
    for (std::uint64_t x = 0; x < pow2(n); ++x)
      for (std::uint64_t y = 0; y < pow2(n); ++y)
        CHECK(dyck.label(dyck.sequence(Architecture::tf1, x, y)) == (x == y));
  }
}

TEST_CASE("DYCK labels agree with deletion of matched pairs on all strings up to length 8",
          "[task][dyck]") {
  for (int n = 1; n <= 4; ++n) {
    const Task dyck(TaskKind::dyck, n);
    int balanced = 0;
    for (const Word& word : words_of_length(4, 2 * n)) {
      const bool expected = dyck_by_reduction(word);
      CHECK(dyck.label(word) == expected);
      balanced += expected ? 1 : 0;
    }
    // Depth <= 2 balanced strings of length 2n: 2, 8, 32, 128 (each "()"-step doubles twice).
    CHECK(balanced == 2 * (1 << (2 * (n - 1))));
  }
  CHECK_THROWS_AS(Task(TaskKind::dyck, 2).label(Word{0, 2, 0}), std::logic_error);
}

TEST_CASE("DYCK prefix | suffix split: stacks after N tokens plus the dead class", "[task][dyck]") {
  // After N tokens the live stacks have N's parity: ( [ for odd N; empty, ((, ([, [(, [[ for even
  // N.
  for (int n = 1; n <= 5; ++n) {
    const Matrix m = Task(TaskKind::dyck, n).split_matrix(Architecture::rnn);
    CHECK(m.rows() == pow2(2 * n));
    CHECK(distinct_rows(m) == (n % 2 == 1 ? 3u : 6u));
    CHECK(distinct_rows(m) == dfa_of(TaskKind::dyck, n).residuals_at(n));
  }
}

TEST_CASE("split matrices beyond the side limit are refused before allocating", "[task]") {
  CHECK_THROWS_AS(Task(TaskKind::index, 13).split_matrix(Architecture::rnn), InputError);
  CHECK_THROWS_WITH(Task(TaskKind::eq, 13).split_matrix(Architecture::tf1),
                    Catch::Contains("more than the limit 4096"));
  CHECK_THROWS_AS(Task(TaskKind::disj, 63).split_matrix(Architecture::rnn), InputError);
  CHECK_THROWS_AS(Task(TaskKind::dyck, 7).split_matrix(Architecture::rnn), InputError);
  CHECK_THROWS_AS(Task(TaskKind::dyck, 31).split_matrix(Architecture::rnn), InputError);
  CHECK(Task(TaskKind::index, 12).split_matrix(Architecture::rnn).rows() == 4096);
}

TEST_CASE("minimal DFA of INDEX: 2^t states before the query, 2^N residuals at it", "[dfa]") {
  for (const int n : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16}) {
    const MinimalDfa dfa = dfa_of(TaskKind::index, n);
    REQUIRE(dfa.states_at_level.size() == static_cast<std::size_t>(n + 2));
    for (int t = 0; t < n; ++t) CHECK(dfa.states_at(t) == pow2(t));
    CHECK(dfa.states_at(n) == pow2(n) - 1);  // x = 0 is dead: no query answers 1
    CHECK(dfa.residuals_at(n) == pow2(n));
    CHECK(dfa.states_at(n + 1) == 1);
    CHECK(dfa.has_dead_state);
    CHECK(dfa.states == pow2(n + 1));
    CHECK(dfa.trie_nodes == 2 * (pow2(n) - 1) + static_cast<std::uint64_t>(n) * pow2(n - 1));
  }
}

TEST_CASE("minimal DFA of EQ and DISJ: 2^N states after x#", "[dfa]") {
  for (const TaskKind kind : {TaskKind::eq, TaskKind::disj})
    for (int n = 1; n <= 10; ++n) {
      const MinimalDfa dfa = dfa_of(kind, n);
      REQUIRE(dfa.states_at_level.size() == static_cast<std::size_t>(2 * n + 2));
      for (int t = 0; t <= n; ++t) CHECK(dfa.states_at(t) == pow2(t));
      CHECK(dfa.states_at(n + 1) == pow2(n));
      // After j bits of y only x's remaining N - j bits matter.
      for (int j = 1; j <= n; ++j) CHECK(dfa.states_at(n + 1 + j) == pow2(n - j));
      CHECK(dfa.states == pow2(n + 2) - 1);
      CHECK_FALSE(dfa.dead_at_level[0]);
      CHECK(dfa.dead_at_level[1]);  // '#' first
    }
  CHECK(dfa_of(TaskKind::eq, 12).trie_nodes == 8191 + 13 * 4096);
  CHECK(dfa_of(TaskKind::disj, 8).trie_nodes == 19682);  // 3^9 - 1
  CHECK(dfa_of(TaskKind::eq, 16).states_at(17) == pow2(16));
}

TEST_CASE("minimal DFA of DYCK: at most 5 live states per length, 7N - 2 in all", "[dfa][dyck]") {
  for (int n = 1; n <= 10; ++n) {
    const MinimalDfa dfa = dfa_of(TaskKind::dyck, n);
    REQUIRE(dfa.states_at_level.size() == static_cast<std::size_t>(2 * n + 1));
    CHECK(dfa.states_at(0) == 1);
    CHECK(dfa.states_at(2 * n) == 1);  // only the empty stack at the end
    for (int t = 1; t < 2 * n; ++t) {
      // Odd t: stacks ( and [; even t: the empty stack and the four of depth 2.
      CHECK(dfa.states_at(t) == (t % 2 == 1 ? 2u : 5u));
      CHECK(dfa.states_at(t) <= 5);
    }
    CHECK(dfa.states == static_cast<std::uint64_t>(7 * n - 2));
    CHECK(dfa.trie_nodes == 5 * (pow2(2 * n) - 1) / 3);  // checked by brute force for N <= 3
    CHECK(dfa.has_dead_state);
  }
}

TEST_CASE("minimal DFA agrees with a brute-force Myhill-Nerode count", "[dfa][nerode]") {
  for (const TaskKind kind : kTaskKinds)
    for (int n = 1; n <= 3; ++n) {
      const Task task(kind, n);
      INFO(task.name());
      const NerodeCount expected = brute_force_nerode(task);
      const MinimalDfa dfa = dfa_of(kind, n);
      CHECK(dfa.states == expected.states);
      CHECK(dfa.states_at_level == expected.live_at_level);
      CHECK(dfa.dead_at_level == expected.dead_at_level);
      CHECK(dfa.trie_nodes == expected.live_prefixes);
    }
}

TEST_CASE("minimal DFA refuses instances over the node limit before building", "[dfa]") {
  CHECK_FALSE(minimal_dfa(Task(TaskKind::disj, 40)));
  CHECK_FALSE(minimal_dfa(Task(TaskKind::index, 63)));
  CHECK_FALSE(minimal_dfa(Task(TaskKind::eq, 63), ~std::uint64_t{0} - 1));
  CHECK_FALSE(minimal_dfa(Task(TaskKind::dyck, 31)));
  // The estimate is the exact trie size: INDEX_12 has 2 (2^12 - 1) + 12 2^11 = 32766 nodes.
  CHECK(minimal_dfa(Task(TaskKind::index, 12), 32766));
  CHECK_FALSE(minimal_dfa(Task(TaskKind::index, 12), 32765));
  const auto dyck = minimal_dfa(Task(TaskKind::dyck, 3));
  REQUIRE(dyck);
  CHECK(minimal_dfa(Task(TaskKind::dyck, 3), dyck->trie_nodes));
  CHECK_FALSE(minimal_dfa(Task(TaskKind::dyck, 3), dyck->trie_nodes - 1));
}

TEST_CASE("minimal DFA figures", "[.][figures]") {
  const std::pair<TaskKind, int> instances[] = {
      {TaskKind::index, 12}, {TaskKind::index, 16}, {TaskKind::eq, 12},  {TaskKind::eq, 16},
      {TaskKind::disj, 8},   {TaskKind::disj, 10},  {TaskKind::dyck, 6}, {TaskKind::dyck, 10}};
  for (const auto& [kind, n] : instances) {
    const auto start = std::chrono::steady_clock::now();
    const MinimalDfa dfa = dfa_of(kind, n);
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    WARN(Task(kind, n).name() << ": states " << dfa.states << ", trie nodes " << dfa.trie_nodes
                              << ", " << seconds.count() << " s");
  }
}

TEST_CASE("the length-only counts agree with the Task's own sequences and last tokens") {
  for (const TaskKind kind : {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck})
    for (int n = 1; n <= 8; ++n) {
      const Task task(kind, n);
      const auto length = static_cast<std::uint64_t>(n);
      CHECK(sequence_length_of(kind, length) == static_cast<std::uint64_t>(task.sequence_length()));
      for (const Architecture arch : {Architecture::rnn, Architecture::tf1})
        CHECK(last_token_count(kind, arch, length) == task.last_tokens(arch).size());
    }
}
