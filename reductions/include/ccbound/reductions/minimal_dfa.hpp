// The least number of states of any finite-state machine for a task: the minimal DFA of the task's
// finite language, and how many of its states a prefix of a given length can reach.
//
// The language is the set of token sequences the task labels 1: for INDEX, EQ and DISJ the
// sequences of the task's length; for DYCK every balanced string of depth at most 2 and length at
// most 2N over its four brackets, the empty string included (so the DFA is correct for all lengths
// <= 2N). The DFA is built as the trie of the language minimised bottom-up (two states are merged
// when they accept and move to the same states on every token: Revuz's algorithm for acyclic
// automata), so the count is exact by Myhill-Nerode and involves no model. `states` includes the
// dead state (the residual of prefixes no suffix completes) when one is reachable; states_at_level
// counts live states only.
//
// An RNN with d coordinates of p bits is a machine with at most 2^(d p) states, so after Alice's
// prefix it must tell apart every residual reachable there, the dead one too:
// d p >= ceil(log2 residuals_at(t)) for Alice's prefix length t. For INDEX_N that is 2^N (N bits:
// 2^N - 1 live states and x = 0 dead); for DYCK, at any N, at most 5 live states and the dead one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

struct MinimalDfa {
  std::uint64_t states = 0;                    // total, including the dead state if reachable
  std::uint64_t trie_nodes = 0;                // size of the trie it was minimised from
  std::vector<std::uint64_t> states_at_level;  // live states reached at length t, t = 0..max length
  bool has_dead_state = false;
  std::vector<bool> dead_at_level;  // some prefix of length t has an empty residual
  std::uint64_t states_at(int level) const { return states_at_level.at(level); }
  // Distinct residuals of the prefixes of length t, the empty one included: the number of states
  // any machine must tell apart after t tokens (INDEX_N: 2^N at t = N, x = 0 being dead).
  std::uint64_t residuals_at(int level) const {
    return states_at(level) + (dead_at_level.at(level) ? 1 : 0);
  }
};

// Builds the minimal DFA of task's language. Returns nullopt (without building anything) when the
// trie would have more than `max_trie_nodes` nodes; the estimate is made before allocating.
std::optional<MinimalDfa> minimal_dfa(const Task& task, std::uint64_t max_trie_nodes = 1u << 23);

}  // namespace ccbound::reductions
