// Transformers at explicit finite precision: the one-layer model the reductions speak about, and
// a two-layer variant for the constructions.
//
// Semantics of the one-layer model (width m, H heads, output at the last position L). Every
// arrow below rounds to the model's NumberFormat, coordinate by coordinate, after computing in
// double arithmetic:
//   e_j  <- token_embedding[t_j] + position_embedding[j]             (m values)
//   per head h:  q <- W_Q e_L,  k_j <- W_K e_j,  v_j <- W_V e_j
//                s_j <- q . k_j,  w_j <- exp(s_j),  u_j <- w_j * v_j  (coordinate-wise)
//                N_h = sum_j u_j,  D_h = sum_j w_j                    exact (ExactSum)
//                a_h <- N_h / D_h (from the two sums' nearest doubles; 0 where D_h = 0)
//   z <- relu(W_1 [a_1; ...; a_H; e_L] + b_1);  output = (w_2 . z + b_2 > 0)
// There is no max-subtraction in the softmax (it would not split between the parties) and
// round() saturates, so w_j is at most max_value(). The only quantities that depend on more than
// one position are the exact sums N_h, D_h: split the positions in any way and the parties'
// partial sums add up to them exactly. That is the whole reduction.
//
// The two-layer variant runs the same attention at every position i over all positions (layer 1,
// with residual: x_i <- e_i + W_O [a_1(i); ...]), then the one-layer model's head and read-out on
// x_1..x_L instead of e_1..e_L.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/exact_sum.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

struct AttentionHead {
  std::vector<double> query, key, value;  // each m x m, row-major
};

// One head's sums over a set of positions.
struct AttentionSums {
  std::vector<ExactSum> numerator;  // m coordinates
  ExactSum denominator;
};

struct OneLayerTransformer {
  std::string description;
  NumberFormat format = NumberFormat::fixed(8, 4);
  int width = 0;  // m
  int vocabulary_size = 0;
  int max_length = 0;
  std::vector<double> token_embedding;     // vocabulary_size x m
  std::vector<double> position_embedding;  // max_length x m
  std::vector<AttentionHead> heads;        // H
  int hidden = 0;                          // read-out width r
  std::vector<double> w1, b1, w2;          // r x (H m + m), r, r
  double b2 = 0;

  int head_count() const { return static_cast<int>(heads.size()); }

  // The model's output on a whole sequence (1 <= length <= max_length), one pass, positions in
  // order. Throws std::logic_error on a token out of range.
  bool output(std::span<const Token> tokens) const;
  // The read-out's value w_2 . z + b_2 (output() is score() > 0): a check that compares scores
  // bit for bit sees any difference in the sums, even where the output bit does not change.
  double score(std::span<const Token> tokens) const;

  // The pieces the protocol runs, each exactly as output() computes it:
  Vector embed(Token token, int position) const;                      // e_j
  Vector query(int head, Token last_token, int last_position) const;  // q for head h
  // Adds position j's terms u_j, w_j to `sums` (which must have m numerator coordinates).
  void accumulate(int head, const Vector& query, Token token, int position,
                  AttentionSums& sums) const;
  AttentionSums empty_sums() const;
  // The read-out from the complete sums of every head and the last position's token.
  bool finish(std::span<const AttentionSums> sums, Token last_token, int last_position) const;
  double finish_score(std::span<const AttentionSums> sums, Token last_token,
                      int last_position) const;

  // Tables of the per-(token, position) values, so output() only does the work that depends on
  // two positions. prepare() fills them with exactly the values computed on the fly (the factories
  // call it; it also checks every weight's shape, throwing std::logic_error). Tables that do not
  // match width, heads, vocabulary_size and max_length are ignored and everything is computed on
  // the fly; after changing weights by hand, call prepare() again or clear the tables. Not filled
  // when they would hold more than kMaxPreparedValues doubles.
  static constexpr std::size_t kMaxPreparedValues = std::size_t{1} << 22;  // 32 MiB
  std::vector<double> prepared_embeddings;  // e_j, slot (token * max_length + position) x m
  std::vector<double> prepared_queries;     // q, slot (that slot * H + head) x m
  std::vector<double> prepared_keys;        // k_j, same layout
  std::vector<double> prepared_values;      // v_j, same layout
  // Polls the deadline between positions (throws TimeoutExpired once it has expired; the tables
  // are then left cleared): at N = 2^12 filling them takes a few tenths of a second.
  void prepare(const Deadline& deadline = Deadline());
  bool prepared() const;
};

// Seeded random weights (uniform in [-1, 1] scaled by 1/sqrt(m), rounded to the format), read-out
// width r = 2m, tables prepared.
OneLayerTransformer random_one_layer_transformer(int width, int heads, int vocabulary_size,
                                                 int max_length, const NumberFormat& format,
                                                 std::uint64_t seed);

struct TwoLayerTransformer {
  OneLayerTransformer first;   // its heads are layer 1; its read-out fields are unused
  std::vector<double> w_o;     // m x (H1 m): layer 1's output projection
  OneLayerTransformer second;  // layer 2 and the read-out; its embeddings are unused
  bool output(std::span<const Token> tokens) const;  // score() > 0
  // The read-out's value w_2 . z + b_2 on a whole sequence. Layer 1 reads first's prepared tables
  // when they are filled; zero products and zero value coordinates are skipped, which changes no
  // sum (each exact sum is kept in machine integers and converted to an ExactSum at the end).
  double score(std::span<const Token> tokens) const;
  // The same value, polling `deadline` between layer 1's positions (throws TimeoutExpired once it
  // has expired): a sequence of length L costs O(L^2 m), seconds at L = 2^14.
  double score(std::span<const Token> tokens, const Deadline& deadline) const;
};

// Layer 1 (tables prepared, no read-out), W_O, then layer 2 with read-out width r = 2m, all from
// one seeded generator as above.
TwoLayerTransformer random_two_layer_transformer(int width, int heads, int vocabulary_size,
                                                 int max_length, const NumberFormat& format,
                                                 std::uint64_t seed);

}  // namespace ccbound::reductions
