// The two-layer Transformer of transformer.hpp at finite precision: layer 1 at every position over
// all positions, with the residual, then layer 2's heads and the read-out at the last position.
// The inner loops skip zero products and zero value coordinates and keep each exact sum in machine
// integers (quanta_sum.hpp), which changes no sum: score() is the documented semantics.
#include "ccbound/reductions/transformer.hpp"

#include <fmt/format.h>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "quanta_sum.hpp"
#include "transformer_parts.hpp"

namespace ccbound::reductions {

using namespace transformer_parts;  // the helpers shared with the sibling unit

namespace {

void check_two_layers(const TwoLayerTransformer& model) {
  check_embeddings(model.first);
  check_heads(model.first);
  check_heads(model.second);
  require(model.first.width == model.second.width && model.first.format == model.second.format,
          "both layers must have the same width and format");
  require(
      model.w_o.size() == width_of(model.first) * width_of(model.first) * model.first.heads.size(),
      "w_o must be m x (H1 m)");
}

// round(exp(s)) by the rounded score's bits, remembered in a small direct-mapped table.
class ExpCache {
 public:
  explicit ExpCache(const NumberFormat& format) : format_(format) {
    keys_.fill(std::numeric_limits<std::uint64_t>::max());  // a NaN: no score has these bits
  }
  double weight(double score) {
    const auto key = std::bit_cast<std::uint64_t>(score);
    const std::size_t slot = (key ^ (key >> 29) ^ (key >> 47)) % kSlots;
    if (keys_[slot] != key) {
      keys_[slot] = key;
      weights_[slot] = format_.round(std::exp(score));
    }
    return weights_[slot];
  }

 private:
  static constexpr std::size_t kSlots = 256;
  NumberFormat format_;
  std::array<std::uint64_t, kSlots> keys_;
  std::array<double, kSlots> weights_{};
};

// Rows of a matrix by their nonzero entries, in column order.
struct SparseRows {
  std::vector<std::size_t> start{0};
  std::vector<std::size_t> column;
  std::vector<double> value;

  void append(std::span<const double> row) {
    for (std::size_t c = 0; c < row.size(); ++c)
      if (row[c] != 0.0) {
        column.push_back(c);
        value.push_back(row[c]);
      }
    start.push_back(column.size());
  }
  std::size_t rows() const { return start.size() - 1; }
};

// dot(dense, row r) with the zero products left out: the partial sums differ at most in the sign
// of a zero, which round() and exp() do not see.
double sparse_dot(std::span<const double> dense, const SparseRows& rows, std::size_t r) {
  double sum = 0;
  for (std::size_t t = rows.start[r]; t < rows.start[r + 1]; ++t)
    sum += dense[rows.column[t]] * rows.value[t];
  return sum;
}

// One head's keys and values at every position, and the value coordinates ever nonzero.
struct HeadRows {
  SparseRows keys, values;
  std::vector<int> slot;  // value coordinate -> its numerator, -1 when always zero
  int used = 0;

  void finish(std::size_t m) {
    slot.assign(m, -1);
    for (std::size_t c : values.column)
      if (slot[c] < 0) slot[c] = used++;
  }
};

// The head's average a <- N / D for `query` over every position, appended to `out`, with the
// terms as add_term computes them: terms whose value coordinate is zero add an exact zero and are
// skipped, so a coordinate no value reaches has N = 0.
void attend(const NumberFormat& format, std::span<const double> query, const HeadRows& rows,
            ExpCache& exp_cache, Vector& out) {
  QuantaSum denominator(format);
  std::vector<QuantaSum> numerators(static_cast<std::size_t>(rows.used), QuantaSum(format));
  for (std::size_t j = 0; j < rows.keys.rows(); ++j) {
    const double weight = exp_cache.weight(format.round(sparse_dot(query, rows.keys, j)));
    denominator.add(weight);
    for (std::size_t t = rows.values.start[j]; t < rows.values.start[j + 1]; ++t)
      numerators[static_cast<std::size_t>(rows.slot[rows.values.column[t]])].add(
          format.round(weight * rows.values.value[t]));
  }
  const double d = denominator.to_double();
  for (const int slot : rows.slot) {
    const bool zero = d == 0.0 || slot < 0;
    out.push_back(zero ? 0.0
                       : format.round(numerators[static_cast<std::size_t>(slot)].to_double() / d));
  }
}

// Layer 1's keys and values of head h at every position (from the tables when prepared).
HeadRows first_layer_rows(const OneLayerTransformer& layer, int h, std::span<const Token> tokens) {
  HeadRows rows;
  for (int j = 0; j < static_cast<int>(tokens.size()); ++j) {
    rows.keys.append(head_key(layer, h, tokens[j], j));
    rows.values.append(head_value(layer, h, tokens[j], j));
  }
  rows.finish(width_of(layer));
  return rows;
}

// Layer 1 at every position i over all positions: x_i <- e_i + W_O [a_1(i); ...; a_H(i)]. Polls
// the deadline (if any) before each position.
std::vector<Vector> first_layer(const TwoLayerTransformer& model, std::span<const Token> tokens,
                                const Deadline* deadline) {
  const OneLayerTransformer& layer = model.first;
  std::vector<HeadRows> heads;
  for (int h = 0; h < layer.head_count(); ++h) heads.push_back(first_layer_rows(layer, h, tokens));
  ExpCache exp_cache(layer.format);
  std::vector<Vector> x;
  for (int i = 0; i < static_cast<int>(tokens.size()); ++i) {
    if (deadline != nullptr) deadline->check();
    Vector averages;
    for (int h = 0; h < layer.head_count(); ++h)
      attend(layer.format, layer.query(h, tokens[i], i), heads[h], exp_cache, averages);
    Vector xi = layer.embed(tokens[i], i);
    const Vector mixed =
        averages.empty() ? Vector(xi.size(), 0.0) : project(model.w_o, averages, layer.format);
    for (std::size_t k = 0; k < xi.size(); ++k) xi[k] = layer.format.round(xi[k] + mixed[k]);
    x.push_back(std::move(xi));
  }
  return x;
}

HeadRows second_layer_rows(const OneLayerTransformer& layer, const AttentionHead& head,
                           const std::vector<Vector>& x) {
  HeadRows rows;
  for (const Vector& xj : x) {
    rows.keys.append(project(head.key, xj, layer.format));
    rows.values.append(project(head.value, xj, layer.format));
  }
  rows.finish(width_of(layer));
  return rows;
}

// Layer 2 and the read-out at the last position, after layer 1 (deadline polled if given).
double two_layer_score(const TwoLayerTransformer& model, std::span<const Token> tokens,
                       const Deadline* deadline) {
  const OneLayerTransformer& second = model.second;
  check_two_layers(model);
  check_read_out(second);
  check_length(model.first, tokens);
  const std::vector<Vector> x = first_layer(model, tokens, deadline);
  ExpCache exp_cache(second.format);
  Vector input;
  for (const AttentionHead& head : second.heads)
    attend(second.format, project(head.query, x.back(), second.format),
           second_layer_rows(second, head, x), exp_cache, input);
  input.insert(input.end(), x.back().begin(), x.back().end());
  return read_out_value(second, input);
}

}  // namespace

bool TwoLayerTransformer::output(std::span<const Token> tokens) const {
  return score(tokens) > 0;
}

double TwoLayerTransformer::score(std::span<const Token> tokens) const {
  return two_layer_score(*this, tokens, nullptr);
}

double TwoLayerTransformer::score(std::span<const Token> tokens, const Deadline& deadline) const {
  return two_layer_score(*this, tokens, &deadline);
}

// Both layers from one generator: layer 1 (no read-out), then w_o, then layer 2 with its read-out
// (r = 2m) and no embeddings.
TwoLayerTransformer random_two_layer_transformer(int width, int heads, int vocabulary_size,
                                                 int max_length, const NumberFormat& format,
                                                 std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  TwoLayerTransformer model;
  model.first = random_layer(width, heads, vocabulary_size, max_length, 0, format, rng);
  model.first.description = fmt::format("two-layer Transformer layer 1 m={} H={} {} seed {}", width,
                                        heads, format.name(), seed);
  model.first.prepare();
  const auto m = static_cast<std::size_t>(width);
  fill_random(model.w_o, m * m * static_cast<std::size_t>(heads),
              1.0 / std::sqrt(static_cast<double>(width)), format, rng);
  model.second = random_layer(width, heads, 1, 1, 2 * width, format, rng);
  model.second.token_embedding.clear();
  model.second.position_embedding.clear();
  model.second.description = "two-layer Transformer layer 2";
  return model;
}

}  // namespace ccbound::reductions
