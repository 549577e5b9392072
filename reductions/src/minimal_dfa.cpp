// The minimal DFA of a task's finite language: a depth-first walk over the language's trie (its
// live prefixes, never stored) that merges nodes bottom-up by their signatures (Revuz's algorithm).
#include "ccbound/reductions/minimal_dfa.hpp"

#include <array>
#include <boost/container_hash/hash.hpp>
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace ccbound::reductions {

namespace {

// The token encodings of task.hpp.
constexpr Token kSeparator = 2;
constexpr Token kFirstQuery = 2;
constexpr Token kFirstClosing = 2;
constexpr int kDyckMaxDepth = 2;

// A prefix with a non-empty residual, reduced to what decides its extensions.
struct Prefix {
  int length = 0;
  std::uint64_t bits = 0;  // INDEX, EQ, DISJ: x_1.. so far; DYCK: the kinds of the open brackets
  int depth = 0;           // DYCK: how many brackets are open
};

// The live prefixes of a task's language: the tokens that keep a prefix completable (so the walk
// never enters a dead branch) and the prefixes that are words.
class LivePrefixes {
 public:
  explicit LivePrefixes(const Task& task)
      : kind_(task.kind()),
        n_(task.length()),
        vocabulary_(task.vocabulary_size()),
        max_length_(task.sequence_length()) {}

  int max_length() const { return max_length_; }
  int vocabulary_size() const { return vocabulary_; }

  bool accepts(const Prefix& prefix) const {
    if (kind_ == TaskKind::dyck) return prefix.depth == 0;  // every length up to 2N, even 0
    return prefix.length == max_length_;
  }

  std::optional<Prefix> step(const Prefix& prefix, Token token) const {
    if (prefix.length >= max_length_) return std::nullopt;
    switch (kind_) {
      case TaskKind::index:
        return index_step(prefix, token);
      case TaskKind::eq:
      case TaskKind::disj:
        return pair_step(prefix, token);
      case TaskKind::dyck:
        return dyck_step(prefix, token);
    }
    return std::nullopt;
  }

 private:
  static Prefix appended(Prefix prefix, int bit) {
    prefix.bits |= static_cast<std::uint64_t>(bit) << prefix.length;
    ++prefix.length;
    return prefix;
  }

  static int bit_of(std::uint64_t bits, int k) { return static_cast<int>((bits >> k) & 1U); }

  std::optional<Prefix> index_step(const Prefix& prefix, Token token) const {
    if (prefix.length < n_) {
      if (token > 1) return std::nullopt;
      const Prefix next = appended(prefix, token);
      // x = 0 has no query answering 1.
      if (next.length == n_ && next.bits == 0) return std::nullopt;
      return next;
    }
    if (token < kFirstQuery || bit_of(prefix.bits, token - kFirstQuery) == 0) return std::nullopt;
    return Prefix{prefix.length + 1, prefix.bits, 0};
  }

  std::optional<Prefix> pair_step(const Prefix& prefix, Token token) const {
    if (prefix.length < n_)
      return token <= 1 ? std::optional(appended(prefix, token)) : std::nullopt;
    if (prefix.length == n_)
      return token == kSeparator ? std::optional(Prefix{n_ + 1, prefix.bits, 0}) : std::nullopt;
    const int x_bit = bit_of(prefix.bits, prefix.length - n_ - 1);
    const bool allowed =
        kind_ == TaskKind::eq ? token == x_bit : token == 0 || (token == 1 && x_bit == 0);
    if (!allowed) return std::nullopt;
    return Prefix{prefix.length + 1, prefix.bits, 0};
  }

  std::optional<Prefix> dyck_step(const Prefix& prefix, Token token) const {
    const int next_length = prefix.length + 1;
    if (token < kFirstClosing) {
      // An opening bracket is live if its depth is allowed and the remaining tokens can close all.
      const int next_depth = prefix.depth + 1;
      if (next_depth > kDyckMaxDepth || next_length + next_depth > max_length_) return std::nullopt;
      const std::uint64_t bits = prefix.bits | (static_cast<std::uint64_t>(token) << prefix.depth);
      return Prefix{next_length, bits, next_depth};
    }
    if (prefix.depth == 0 || bit_of(prefix.bits, prefix.depth - 1) != token - kFirstClosing)
      return std::nullopt;
    const std::uint64_t top_bit = std::uint64_t{1} << (prefix.depth - 1);
    return Prefix{next_length, prefix.bits & ~top_bit, prefix.depth - 1};
  }

  TaskKind kind_;
  int n_;
  int vocabulary_;
  int max_length_;
};

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > kSaturated - b ? kSaturated : a + b;
}

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  return b != 0 && a > kSaturated / b ? kSaturated : a * b;
}

std::uint64_t saturating_power(std::uint64_t base, int exponent) {
  std::uint64_t result = 1;
  for (int i = 0; i < exponent; ++i) result = saturating_multiply(result, base);
  return result;
}

// INDEX_N: every x at lengths < N (2^N - 1), every x but 0 at length N, and the N 2^(N-1) words.
std::uint64_t index_trie_nodes(int n) {
  const std::uint64_t below_queries = saturating_multiply(2, saturating_power(2, n) - 1);
  return saturating_add(below_queries, saturating_multiply(n, saturating_power(2, n - 1)));
}

// EQ_N: every x prefix (2^(N+1) - 1), then x# and each of its N bits forced (N + 1) 2^N.
std::uint64_t eq_trie_nodes(int n) {
  const std::uint64_t x_prefixes = saturating_power(2, n + 1) - 1;
  return saturating_add(x_prefixes, saturating_multiply(n + 1, saturating_power(2, n)));
}

// DISJ_N: at length N + 1 + j there are 3^j 2^(N-j) live prefixes (each of y's first j positions
// has three disjoint (x_k, y_k)); summed with the 2^(N+1) - 1 x prefixes: 3^(N+1) - 1.
std::uint64_t disj_trie_nodes(int n) {
  return saturating_power(3, n + 1) - 1;
}

// DYCK_N: live prefixes counted by depth, length by length (two opening kinds, one closing).
std::uint64_t dyck_trie_nodes(int n) {
  const int max_length = 2 * n;
  std::array<std::uint64_t, kDyckMaxDepth + 1> at_depth{1, 0, 0};
  std::uint64_t total = 1;
  for (int length = 1; length <= max_length; ++length) {
    std::array<std::uint64_t, kDyckMaxDepth + 1> next{0, 0, 0};
    for (int depth = 0; depth <= kDyckMaxDepth; ++depth) {
      if (depth > 0) next[depth - 1] = saturating_add(next[depth - 1], at_depth[depth]);
      const bool can_open = depth < kDyckMaxDepth && length + depth + 1 <= max_length;
      if (can_open)
        next[depth + 1] = saturating_add(next[depth + 1], saturating_multiply(2, at_depth[depth]));
    }
    at_depth = next;
    for (const std::uint64_t count : at_depth) total = saturating_add(total, count);
  }
  return total;
}

std::uint64_t trie_nodes_of(const Task& task) {
  switch (task.kind()) {
    case TaskKind::index:
      return index_trie_nodes(task.length());
    case TaskKind::eq:
      return eq_trie_nodes(task.length());
    case TaskKind::disj:
      return disj_trie_nodes(task.length());
    case TaskKind::dyck:
      return dyck_trie_nodes(task.length());
  }
  return kSaturated;
}

// A trie node's class is determined by (accepting, (token, child class) for each live token), in
// token order: equal signatures are equal residuals, bottom-up.
using Signature = std::vector<std::uint64_t>;

struct SignatureHash {
  std::size_t operator()(const Signature& signature) const {
    return boost::hash_range(signature.begin(), signature.end());
  }
};

class Minimiser {
 public:
  explicit Minimiser(const LivePrefixes& language)
      : language_(language),
        scratch_(language.max_length() + 1),
        missing_child_at_(language.max_length() + 1, false) {}

  MinimalDfa run() {
    classify(Prefix{});
    MinimalDfa dfa;
    dfa.trie_nodes = trie_nodes_;
    dfa.states_at_level = live_states_per_level();
    dfa.dead_at_level = dead_per_level();
    dfa.has_dead_state = dfa.dead_at_level.back();
    dfa.states = classes_.size() + (dfa.has_dead_state ? 1 : 0);
    return dfa;
  }

 private:
  std::uint64_t classify(const Prefix& prefix) {
    ++trie_nodes_;
    // One buffer per length: the children below use deeper buffers only.
    Signature& signature = scratch_[prefix.length];
    signature.assign(1, language_.accepts(prefix) ? 1 : 0);
    int live_children = 0;
    for (Token token = 0; token < language_.vocabulary_size(); ++token) {
      const auto child = language_.step(prefix, token);
      if (!child) continue;
      const std::uint64_t child_class = classify(*child);
      signature.push_back(static_cast<std::uint64_t>(token));
      signature.push_back(child_class);
      ++live_children;
    }
    if (prefix.length < language_.max_length() && live_children < language_.vocabulary_size())
      missing_child_at_[prefix.length] = true;
    const std::uint64_t id = classes_.try_emplace(signature, classes_.size()).first->second;
    class_levels_.insert(id << 8 | static_cast<std::uint64_t>(prefix.length));
    return id;
  }

  std::vector<std::uint64_t> live_states_per_level() const {
    std::vector<std::uint64_t> counts(language_.max_length() + 1, 0);
    for (const std::uint64_t key : class_levels_) ++counts[key & 0xFF];
    return counts;
  }

  // A prefix of length t is dead if it extends a dead one or leaves a live one by a missing child.
  std::vector<bool> dead_per_level() const {
    std::vector<bool> dead(language_.max_length() + 1, false);
    for (std::size_t t = 1; t < dead.size(); ++t) dead[t] = dead[t - 1] || missing_child_at_[t - 1];
    return dead;
  }

  const LivePrefixes& language_;
  std::vector<Signature> scratch_;
  std::unordered_map<Signature, std::uint64_t, SignatureHash> classes_;
  std::unordered_set<std::uint64_t> class_levels_;  // class << 8 | length, for each node seen
  std::vector<bool> missing_child_at_;
  std::uint64_t trie_nodes_ = 0;
};

}  // namespace

std::optional<MinimalDfa> minimal_dfa(const Task& task, std::uint64_t max_trie_nodes) {
  const std::uint64_t estimate = trie_nodes_of(task);
  if (estimate > max_trie_nodes) return std::nullopt;
  const LivePrefixes language(task);
  MinimalDfa dfa = Minimiser(language).run();
  // The closed forms are exact: a mismatch means the walk or the count is wrong.
  if (dfa.trie_nodes != estimate)
    throw std::logic_error("minimal_dfa: trie size differs from its count");
  return dfa;
}

}  // namespace ccbound::reductions
