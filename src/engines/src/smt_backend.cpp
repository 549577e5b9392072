// The Z3 back end: the path encoding of "M has a protocol of depth <= k", and model decoding.
//
// It shares no encoding code with the CNF back end (proofs/depth_formula), so the two decide the
// same question in two unrelated ways and cross-check each other. Both describe a complete tree of
// depth k in heap order (root 1, children 2v and 2v + 1, leaves 2^k .. 2^(k+1) - 1) with the
// natural protocol variables: alice_v (node v is Alice's), a_v_x / b_v_y (the bit row x / column y
// sends at v), label_w (leaf w's output). They differ in how an input pair finds its leaf. The CNF
// formula tracks, per node, which rows and which columns may reach it. This one never mentions
// reachability: every entry (x, y) gets its own path, k propositional variables path_x_y_i, where
// bit i is the bit sent at the node that the first i bits of the path lead to. That node is
// selected by a multiplexer (nested if-then-else on the earlier path bits), and the leaf the whole
// path selects must carry M[x][y]. This is the "node_{i+1} = 2 node_i + bit" recursion spelled out
// bit by bit.
//
// Why propositional logic and not bit-vectors: the same recursion with a bit-vector node and
// uninterpreted functions a_x(node) (QF_UFBV) was measured first and was far slower in Z3 4.8.12
// (EQ_4 at k = 4: 17 s instead of 0.6 s; at k = 5: over 120 s instead of ~10 s), because Z3 must
// rediscover by congruence reasoning which node each symbolic term denotes; the multiplexer states
// it directly.
//
// Why depth <= k (not exactly k) is decided: a leaf at depth d < k can be replaced by any subtree
// of height k - d whose leaves all carry its label, so every protocol of depth <= k becomes a
// complete one of depth k with the same outputs.
#include "ccbound/engines/smt_backend.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "ccbound/core/error.hpp"
#include "formula_budget.hpp"

namespace ccbound {

namespace {

using Inputs = std::vector<std::uint32_t>;  // rows or columns of the deduplicated matrix

// ceil(log2(n)) + 1 bits always suffice for n distinct rows (Alice names her row, Bob answers), and
// likewise for columns. Clamping k to this keeps the formula small for any k the caller passes and
// changes no answer, since "depth <= k" is monotone in k.
int useful_depth(const Matrix& d, int k) {
  int bits = 0;
  while ((std::size_t{1} << bits) < std::min(d.rows(), d.cols())) ++bits;
  return std::min(k, bits + 1);
}

std::string name(const char* prefix, std::size_t i) {
  return prefix + std::to_string(i);
}
std::string name(const char* prefix, std::size_t i, std::size_t j) {
  return name(prefix, i) + "_" + std::to_string(j);
}

class PathEncoding {
 public:
  // Requires: d has distinct rows and columns (else the formula is only larger); 0 <= k <= 13.
  PathEncoding(z3::context& ctx, const Matrix& d, int k)
      : ctx_(ctx), d_(d), k_(k), internal_(std::size_t{1} << k) {
    for (std::size_t v = 0; v < internal_; ++v) {
      alice_.push_back(ctx.bool_const(name("alice_", v).c_str()));
      label_.push_back(ctx.bool_const(name("label_", v + internal_).c_str()));
      for (std::size_t x = 0; x < d.rows(); ++x) a_.push_back(input_bit("a_", v, x));
      for (std::size_t y = 0; y < d.cols(); ++y) b_.push_back(input_bit("b_", v, y));
    }
  }

  void assert_into(z3::solver& solver, const Deadline& deadline) const {
    assert_listener_silent(solver);
    for (std::uint32_t x = 0; x < d_.rows(); ++x) {
      deadline.check();
      for (std::uint32_t y = 0; y < d_.cols(); ++y) assert_path(solver, x, y);
    }
  }

  int depth() const { return k_; }
  // Index 0 of alice_, a_ and b_ is an unused slot for the non-existent node 0.
  const z3::expr& speaker_is_alice(std::uint64_t v) const { return alice_[v]; }
  const z3::expr& alice_bit(std::uint64_t v, std::uint32_t x) const {
    return a_[v * d_.rows() + x];
  }
  const z3::expr& bob_bit(std::uint64_t v, std::uint32_t y) const { return b_[v * d_.cols() + y]; }
  const z3::expr& label(std::uint64_t leaf) const { return label_[leaf - internal_]; }

 private:
  // Symmetry breaking: row 0 and column 0 send 0 at every node. Sound because swapping a node's two
  // subtrees and complementing every bit its speaker sends there gives a protocol with the same
  // outputs; applied top-down, this makes row 0 send 0 at every Alice node (column 0 at every Bob
  // node) without disturbing the nodes above, and the listener's bits are free (see below).
  z3::expr input_bit(const char* prefix, std::size_t v, std::size_t i) const {
    return i == 0 || v == 0 ? ctx_.bool_val(false) : ctx_.bool_const(name(prefix, v, i).c_str());
  }

  // The listener's bits at a node are never read, so they may be fixed to 0 (satisfiability is
  // preserved; with the rule above, first make row 0 send 0 at Alice nodes, then zero Bob's bits
  // there). Then the bit sent at v on (x, y) is simply a_v_x OR b_v_y, which lets the multiplexer
  // leaves be plain disjunctions instead of if-then-else on alice_v.
  void assert_listener_silent(z3::solver& solver) const {
    for (std::uint64_t v = 1; v < internal_; ++v) {
      for (std::uint32_t x = 1; x < d_.rows(); ++x)
        solver.add(speaker_is_alice(v) || !alice_bit(v, x));
      for (std::uint32_t y = 1; y < d_.cols(); ++y)
        solver.add(!speaker_is_alice(v) || !bob_bit(v, y));
    }
  }

  // The value of `at` at the node of depth `target` that path[level..target-1] leads to from v.
  template <class At>
  z3::expr select(const z3::expr_vector& path, int level, std::uint64_t v, int target,
                  const At& at) const {
    if (level == target) return at(v);
    return z3::ite(path[level], select(path, level + 1, 2 * v + 1, target, at),
                   select(path, level + 1, 2 * v, target, at));
  }

  void assert_path(z3::solver& solver, std::uint32_t x, std::uint32_t y) const {
    const auto sent = [&](std::uint64_t v) { return alice_bit(v, x) || bob_bit(v, y); };
    z3::expr_vector path(ctx_);
    for (int i = 0; i < k_; ++i) {
      const std::string bit_name = name("path_", x, y) + "_" + std::to_string(i);
      path.push_back(ctx_.bool_const(bit_name.c_str()));
      solver.add(path[i] == select(path, 0, 1, i, sent));
    }
    const z3::expr out = select(path, 0, 1, k_, [&](std::uint64_t w) { return label(w); });
    solver.add(d_.at(x, y) ? out : !out);
  }

  z3::context& ctx_;
  const Matrix& d_;
  int k_;
  std::uint64_t internal_;  // 2^k: internal nodes are 1 .. internal_ - 1
  std::vector<z3::expr> alice_, label_, a_, b_;
};

// Walks a model from the root, following the deduplicated inputs that actually reach each node, and
// builds the protocol over the original indices. A node whose speaker sends the same bit on every
// input reaching it is skipped, so the tree is no deeper than k and often smaller.
class ModelDecoder {
 public:
  ModelDecoder(const PathEncoding& enc, const z3::model& model, const PreparedMatrix& p)
      : enc_(enc), model_(model), p_(p), protocol_(p.original.rows(), p.original.cols()) {}

  Protocol decode() {
    decode_node(1, 0, all(p_.distinct().rows()), all(p_.distinct().cols()));
    return std::move(protocol_);
  }

 private:
  static Inputs all(std::size_t n) {
    Inputs out(n);
    for (std::uint32_t i = 0; i < n; ++i) out[i] = i;
    return out;
  }

  bool value(const z3::expr& e) const { return model_.eval(e, true).is_true(); }

  NodeId decode_node(std::uint64_t v, int level, const Inputs& rows, const Inputs& cols) {
    if (level == enc_.depth()) return protocol_.add_leaf(value(enc_.label(v)));
    const bool alice = value(enc_.speaker_is_alice(v));
    const Inputs& mine = alice ? rows : cols;
    Inputs sides[2];
    for (auto i : mine)
      sides[value(alice ? enc_.alice_bit(v, i) : enc_.bob_bit(v, i))].push_back(i);
    const auto child = [&](int b, const Inputs& part) {
      return alice ? decode_node(2 * v + b, level + 1, part, cols)
                   : decode_node(2 * v + b, level + 1, rows, part);
    };
    if (sides[0].empty()) return child(1, sides[1]);  // no real split: follow the only side
    if (sides[1].empty()) return child(0, sides[0]);
    const NodeId zero = child(0, sides[0]);
    const NodeId one = child(1, sides[1]);
    return protocol_.add_split(alice ? Speaker::alice : Speaker::bob,
                               original_members(p_, sides[1], alice), zero, one);
  }

  const PathEncoding& enc_;
  const z3::model& model_;
  const PreparedMatrix& p_;
  Protocol protocol_;
};

void check_arguments(const Matrix& m, int k) {
  if (k < 0) throw InputError("smt back end: depth k must be >= 0, got " + std::to_string(k));
  if (m.empty()) throw InputError("smt back end: the matrix is empty");
}

// Interrupts every Z3 call on `ctx` once the deadline passes (or a stop is requested), polling
// every 10 ms from a thread of its own: z3::context::interrupt is the one Z3 call meant to be made
// from another thread, and it makes a running check() return unknown. It keeps interrupting while
// expired, so a check() that starts (and resets the flag) just after an interrupt still stops.
class InterruptAtDeadline {
 public:
  InterruptAtDeadline(z3::context& ctx, const Deadline& deadline)
      : watcher_([&ctx, &deadline](std::stop_token stop) {
          while (!stop.stop_requested()) {
            if (deadline.expired()) ctx.interrupt();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
        }) {}

 private:
  std::jthread watcher_;  // declared last: stopped and joined before anything it uses goes
};

// The formula is purely propositional, so it goes straight to Z3's SAT engine. Measured on random
// 10 x 10 and 12 x 12 matrices at k = D - 1, this refutes about twice as fast as Z3's QF_BV or
// default solver (whose preprocessing buys nothing here); at k = D the two are within noise.
z3::solver make_solver(z3::context& ctx) {
  const z3::tactic to_sat =
      z3::tactic(ctx, "simplify") & z3::tactic(ctx, "tseitin-cnf") & z3::tactic(ctx, "sat");
  return to_sat.mk_solver();
}

SmtAnswer decide(const PreparedMatrix& p, int k, const Deadline& deadline) {
  SmtAnswer answer;
  const Matrix& d = p.distinct();
  const int depth = useful_depth(d, k);
  if (auto why =
          budget::unaffordable(budget::z3_encoding_cost(d.rows(), d.cols(), depth), deadline)) {
    answer.skipped = *why;
    return answer;
  }
  z3::context ctx;
  const PathEncoding enc(ctx, d, depth);
  z3::solver solver = make_solver(ctx);
  try {
    enc.assert_into(solver, deadline);
  } catch (const TimeoutExpired&) {
    return answer;  // unknown
  }
  const InterruptAtDeadline interrupt(ctx, deadline);
  if (deadline.expired()) return answer;
  switch (solver.check()) {
    case z3::sat: {
      const z3::model model = solver.get_model();
      answer.protocol = ModelDecoder(enc, model, p).decode();
      answer.status = SmtStatus::sat;
      break;
    }
    case z3::unsat:
      answer.status = SmtStatus::unsat;
      break;
    case z3::unknown:
      answer.status = SmtStatus::unknown;
      break;
  }
  return answer;
}

}  // namespace

SmtAnswer smt_decide_depth(const PreparedMatrix& p, int k, const Deadline& deadline) {
  check_arguments(p.original, k);
  const auto start = std::chrono::steady_clock::now();
  SmtAnswer answer;
  try {
    answer = decide(p, k, deadline);
  } catch (const z3::exception& e) {
    throw std::runtime_error(std::string("Z3 failed while deciding depth: ") + e.msg());
  }
  answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return answer;
}

std::string smt2_query(const Matrix& m, int k) {
  check_arguments(m, k);
  try {
    const Deduplicated d = deduplicate(m);
    z3::context ctx;
    const PathEncoding enc(ctx, d.matrix, useful_depth(d.matrix, k));
    z3::solver solver(ctx);
    enc.assert_into(solver, Deadline());
    return solver.to_smt2();
  } catch (const z3::exception& e) {
    throw std::runtime_error(std::string("Z3 failed while writing SMT-LIB 2: ") + e.msg());
  }
}

}  // namespace ccbound
