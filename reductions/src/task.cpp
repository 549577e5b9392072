// The sequence tasks of task.hpp: names and parsing from the X-macro tables, token encodings, the
// Alice/Bob split per architecture, labels computed from the tokens alone, and split matrices.
#include "ccbound/reductions/task.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "ccbound/core/error.hpp"

namespace ccbound::reductions {

namespace {

constexpr Token kSeparator = 2;     // '#' of EQ and DISJ
constexpr Token kFirstQuery = 2;    // INDEX's query q is the token kFirstQuery + (q - 1)
constexpr Token kFirstClosing = 2;  // DYCK: ( [ open, ) ] close; kinds 0 = round, 1 = square
constexpr std::size_t kDyckMaxDepth = 2;
constexpr std::string_view kBrackets = "([)]";

struct TaskRow {
  TaskKind kind;
  std::string_view name;
};

constexpr TaskRow kTasks[] = {
#define CCBOUND_TASK_ROW(id, name, help) {TaskKind::id, name},
    CCBOUND_TASKS(CCBOUND_TASK_ROW)
#undef CCBOUND_TASK_ROW
};

struct ArchitectureRow {
  Architecture arch;
  std::string_view name;
};

constexpr ArchitectureRow kArchitectures[] = {
#define CCBOUND_ARCH_ROW(id, name, help) {Architecture::id, name},
    CCBOUND_ARCHITECTURES(CCBOUND_ARCH_ROW)
#undef CCBOUND_ARCH_ROW
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// The row of `rows` named `text` (any case); otherwise a one-line error listing the names.
template <typename Row, std::size_t Size>
const Row& find_by_name(const Row (&rows)[Size], std::string_view text, std::string_view what) {
  for (const Row& row : rows)
    if (equal_ignoring_case(row.name, text)) return row;
  std::string known;
  for (const Row& row : rows) known += (known.empty() ? "" : ", ") + std::string(row.name);
  throw InputError(fmt::format("unknown {} '{}' (known: {})", what, text, known));
}

int bit_of(std::uint64_t value, int k) {
  return static_cast<int>((value >> k) & 1U);
}

int base4_digit(std::uint64_t value, int k) {
  return static_cast<int>((value >> (2 * k)) & 3U);
}

std::vector<Token> index_sequence(int n, std::uint64_t a, std::uint64_t b) {
  std::vector<Token> tokens;
  for (int k = 0; k < n; ++k) tokens.push_back(bit_of(a, k));
  tokens.push_back(kFirstQuery + static_cast<Token>(b));
  return tokens;
}

std::vector<Token> pair_sequence(int n, std::uint64_t a, std::uint64_t b) {
  std::vector<Token> tokens;
  for (int k = 0; k < n; ++k) tokens.push_back(bit_of(a, k));
  tokens.push_back(kSeparator);
  for (int k = 0; k < n; ++k) tokens.push_back(bit_of(b, k));
  return tokens;
}

std::vector<Token> dyck_halves_sequence(int n, std::uint64_t a, std::uint64_t b) {
  std::vector<Token> tokens;
  for (int k = 0; k < n; ++k) tokens.push_back(base4_digit(a, k));
  for (int k = 0; k < n; ++k) tokens.push_back(base4_digit(b, k));
  return tokens;
}

// Pair k is Alice's opening bracket of kind x_k followed by Bob's closing bracket of kind y_k.
std::vector<Token> dyck_gadget_sequence(int n, std::uint64_t a, std::uint64_t b) {
  std::vector<Token> tokens;
  for (int k = 0; k < n; ++k) {
    tokens.push_back(bit_of(a, k));
    tokens.push_back(kFirstClosing + bit_of(b, k));
  }
  return tokens;
}

bool all_bits(std::span<const Token> tokens) {
  return std::ranges::all_of(tokens, [](Token t) { return t == 0 || t == 1; });
}

bool index_label(std::span<const Token> tokens, int n) {
  const Token query = tokens[n];
  if (!all_bits(tokens.first(n)) || query < kFirstQuery) return false;
  return tokens[query - kFirstQuery] == 1;
}

// EQ and DISJ: x # y, and then every pair (x_k, y_k) must pass `pair_ok`.
template <typename PairOk>
bool pair_label(std::span<const Token> tokens, int n, PairOk pair_ok) {
  const auto x = tokens.first(n);
  const auto y = tokens.subspan(n + 1);
  if (!all_bits(x) || tokens[n] != kSeparator || !all_bits(y)) return false;
  for (int k = 0; k < n; ++k)
    if (!pair_ok(x[k], y[k])) return false;
  return true;
}

bool dyck_label(std::span<const Token> tokens) {
  std::vector<Token> open_kinds;
  for (const Token token : tokens) {
    if (token < kFirstClosing) {
      if (open_kinds.size() == kDyckMaxDepth) return false;
      open_kinds.push_back(token);
    } else {
      if (open_kinds.empty() || open_kinds.back() != token - kFirstClosing) return false;
      open_kinds.pop_back();
    }
  }
  return open_kinds.empty();
}

std::uint64_t power_of_two(int exponent) {
  return std::uint64_t{1} << exponent;
}

}  // namespace

std::string_view task_name(TaskKind kind) {
  return kTasks[static_cast<int>(kind)].name;
}

std::string_view architecture_name(Architecture arch) {
  return kArchitectures[static_cast<int>(arch)].name;
}

TaskKind parse_task(std::string_view text) {
  return find_by_name(kTasks, text, "task").kind;
}

Architecture parse_architecture(std::string_view text) {
  return find_by_name(kArchitectures, text, "architecture").arch;
}

int max_task_length(TaskKind kind) {
  // DYCK's rnn split gives each party N base-4 digits: 4^31 is the last power that fits.
  return kind == TaskKind::dyck ? 31 : 63;
}

Task::Task(TaskKind kind, int length) : kind_(kind), length_(length) {
  const int limit = max_task_length(kind);
  if (length < 1 || length > limit) {
    throw InputError(
        fmt::format("{}_{}: N must be between 1 and {} (the inputs must fit in 64 bits)",
                    task_name(kind), length, limit));
  }
}

std::string Task::name() const {
  return fmt::format("{}_{}", task_name(kind_), length_);
}

int Task::vocabulary_size() const {
  switch (kind_) {
    case TaskKind::index:
      return length_ + 2;
    case TaskKind::eq:
    case TaskKind::disj:
      return 3;
    case TaskKind::dyck:
      return 4;
  }
  throw std::logic_error("unknown task kind");
}

std::string Task::token_name(Token token) const {
  if (token < 0 || token >= vocabulary_size())
    throw std::logic_error(fmt::format("token {} is outside {}'s vocabulary", token, name()));
  if (kind_ == TaskKind::dyck) return std::string(1, kBrackets[token]);
  if (token < 2) return std::to_string(token);
  if (kind_ == TaskKind::index) return fmt::format("q{}", token - kFirstQuery + 1);
  return "#";
}

std::uint64_t sequence_length_of(TaskKind kind, std::uint64_t n) {
  switch (kind) {
    case TaskKind::index:
      return n + 1;
    case TaskKind::eq:
    case TaskKind::disj:
      return 2 * n + 1;
    case TaskKind::dyck:
      return 2 * n;
  }
  throw std::logic_error("unknown task kind");
}

std::uint64_t last_token_count(TaskKind kind, Architecture arch, std::uint64_t n) {
  switch (kind) {
    case TaskKind::index:
      return n;
    case TaskKind::eq:
    case TaskKind::disj:
      return 2;
    case TaskKind::dyck:
      return arch == Architecture::rnn ? 4 : 2;
  }
  throw std::logic_error("unknown task kind");
}

int Task::sequence_length() const {
  return static_cast<int>(sequence_length_of(kind_, static_cast<std::uint64_t>(length_)));
}

std::vector<Party> Task::owners(Architecture arch) const {
  std::vector<Party> result(sequence_length(), Party::bob);
  if (kind_ == TaskKind::dyck && arch == Architecture::tf1) {
    for (std::size_t i = 0; i < result.size(); i += 2) result[i] = Party::alice;
    return result;
  }
  // Alice holds a prefix: the bits, the separator too for EQ and DISJ, DYCK's first half.
  const int alice_positions =
      kind_ == TaskKind::eq || kind_ == TaskKind::disj ? length_ + 1 : length_;
  std::fill_n(result.begin(), alice_positions, Party::alice);
  return result;
}

std::uint64_t Task::alice_inputs(Architecture arch) const {
  if (kind_ == TaskKind::dyck && arch == Architecture::rnn) return power_of_two(2 * length_);
  return power_of_two(length_);
}

std::uint64_t Task::bob_inputs(Architecture arch) const {
  if (kind_ == TaskKind::index) return static_cast<std::uint64_t>(length_);
  return alice_inputs(arch);
}

std::vector<Token> Task::sequence(Architecture arch, std::uint64_t a, std::uint64_t b) const {
  if (a >= alice_inputs(arch) || b >= bob_inputs(arch))
    throw std::logic_error(fmt::format("inputs ({}, {}) out of range for {}", a, b, name()));
  switch (kind_) {
    case TaskKind::index:
      return index_sequence(length_, a, b);
    case TaskKind::eq:
    case TaskKind::disj:
      return pair_sequence(length_, a, b);
    case TaskKind::dyck:
      return arch == Architecture::rnn ? dyck_halves_sequence(length_, a, b)
                                       : dyck_gadget_sequence(length_, a, b);
  }
  throw std::logic_error("unknown task kind");
}

bool Task::label(std::span<const Token> tokens) const {
  if (std::ssize(tokens) != sequence_length())
    throw std::logic_error(
        fmt::format("{} takes {} tokens, not {}", name(), sequence_length(), tokens.size()));
  const int vocabulary = vocabulary_size();
  if (!std::ranges::all_of(tokens, [&](Token t) { return t >= 0 && t < vocabulary; }))
    throw std::logic_error(fmt::format("a token is outside {}'s vocabulary", name()));
  switch (kind_) {
    case TaskKind::index:
      return index_label(tokens, length_);
    case TaskKind::eq:
      return pair_label(tokens, length_, [](Token x, Token y) { return x == y; });
    case TaskKind::disj:
      return pair_label(tokens, length_, [](Token x, Token y) { return x == 0 || y == 0; });
    case TaskKind::dyck:
      return dyck_label(tokens);
  }
  throw std::logic_error("unknown task kind");
}

std::vector<Token> Task::last_tokens(Architecture arch) const {
  std::vector<Token> result;
  switch (kind_) {
    case TaskKind::index:
      for (int q = 0; q < length_; ++q) result.push_back(kFirstQuery + q);
      return result;
    case TaskKind::eq:
    case TaskKind::disj:
      return {0, 1};
    case TaskKind::dyck:
      // Under rnn Bob's suffix is any of the 4^N strings, so its last token is any bracket.
      if (arch == Architecture::rnn) return {0, 1, 2, 3};
      return {kFirstClosing, kFirstClosing + 1};
  }
  throw std::logic_error("unknown task kind");
}

Matrix Task::split_matrix(Architecture arch) const {
  const std::uint64_t rows = alice_inputs(arch);
  const std::uint64_t cols = bob_inputs(arch);
  if (rows > kMaxSide || cols > kMaxSide) {
    throw InputError(fmt::format("{} under {} has {} x {} inputs, more than the limit {} per side",
                                 name(), architecture_name(arch), rows, cols, kMaxSide));
  }
  Matrix m(rows, cols);
  for (std::uint64_t a = 0; a < rows; ++a)
    for (std::uint64_t b = 0; b < cols; ++b)
      if (label(sequence(arch, a, b))) m.set(a, b, true);
  return m;
}

std::optional<FamilyInstance> Task::split_family(Architecture arch) const {
  switch (kind_) {
    case TaskKind::index:
      return FamilyInstance{Family::index, length_};
    case TaskKind::eq:
      return FamilyInstance{Family::eq, length_};
    case TaskKind::disj:
      return FamilyInstance{Family::disj, length_};
    case TaskKind::dyck:
      if (arch == Architecture::tf1) return FamilyInstance{Family::eq, length_};
      return std::nullopt;
  }
  throw std::logic_error("unknown task kind");
}

}  // namespace ccbound::reductions
