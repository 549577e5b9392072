// One- and two-layer Transformers at finite precision: every arrow of transformer.hpp rounds, the
// attention sums are exact, and output() is built from the same pieces a protocol runs.
#include "ccbound/reductions/transformer.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "seeded_uniform.hpp"

namespace ccbound::reductions {

namespace {

void require(bool condition, const char* message) {
  if (!condition) throw std::logic_error(message);
}

std::size_t width_of(const OneLayerTransformer& model) {
  return static_cast<std::size_t>(model.width);
}

double dot(const double* a, const double* b, std::size_t n) {
  double sum = 0;
  for (std::size_t k = 0; k < n; ++k) sum += a[k] * b[k];
  return sum;
}

// round(matrix x), the matrix row-major with x.size() columns.
Vector project(const std::vector<double>& matrix, std::span<const double> x,
               const NumberFormat& format) {
  Vector out(matrix.size() / x.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = format.round(dot(&matrix[i * x.size()], x.data(), x.size()));
  return out;
}

void check_heads(const OneLayerTransformer& model) {
  const std::size_t m = width_of(model);
  require(model.width >= 1, "Transformer width must be at least 1");
  for (const AttentionHead& head : model.heads)
    require(head.query.size() == m * m && head.key.size() == m * m && head.value.size() == m * m,
            "attention matrices must be m x m");
}

void check_embeddings(const OneLayerTransformer& model) {
  const std::size_t m = width_of(model);
  require(model.vocabulary_size >= 1 && model.max_length >= 1,
          "Transformer needs a vocabulary and a maximum length");
  require(model.token_embedding.size() == static_cast<std::size_t>(model.vocabulary_size) * m,
          "token embedding must be vocabulary x m");
  require(model.position_embedding.size() == static_cast<std::size_t>(model.max_length) * m,
          "position embedding must be max_length x m");
}

void check_read_out(const OneLayerTransformer& model) {
  const auto r = static_cast<std::size_t>(model.hidden);
  const std::size_t inputs = (model.heads.size() + 1) * width_of(model);
  require(model.hidden >= 0 && model.w1.size() == r * inputs,
          "read-out w1 must be hidden x (H m + m)");
  require(model.b1.size() == r && model.w2.size() == r, "read-out b1 and w2 must have r values");
}

void check_token_position(const OneLayerTransformer& model, Token token, int position) {
  require(token >= 0 && token < model.vocabulary_size, "token out of the model's vocabulary");
  require(position >= 0 && position < model.max_length, "position beyond the model's length");
}

void check_head(const OneLayerTransformer& model, int head) {
  require(head >= 0 && head < model.head_count(), "no such attention head");
}

std::size_t slot(const OneLayerTransformer& model, Token token, int position) {
  return static_cast<std::size_t>(token) * static_cast<std::size_t>(model.max_length) +
         static_cast<std::size_t>(position);
}

std::size_t head_slot(const OneLayerTransformer& model, Token token, int position, int head) {
  return slot(model, token, position) * model.heads.size() + static_cast<std::size_t>(head);
}

std::size_t prepared_size(const OneLayerTransformer& model, std::size_t per_slot) {
  return static_cast<std::size_t>(model.vocabulary_size) *
         static_cast<std::size_t>(model.max_length) * per_slot * width_of(model);
}

// e_j from the weights, without the tables.
Vector compute_embedding(const OneLayerTransformer& model, Token token, int position) {
  const std::size_t m = width_of(model);
  Vector e(m);
  for (std::size_t i = 0; i < m; ++i)
    e[i] = model.format.round(model.token_embedding[token * m + i] +
                              model.position_embedding[position * m + i]);
  return e;
}

std::span<const double> table_row(const std::vector<double>& table, std::size_t row,
                                  std::size_t m) {
  return std::span<const double>(table).subspan(row * m, m);
}

// Position j's terms: s_j <- q . k_j, w_j <- exp(s_j), u_j <- w_j v_j, added exactly to the sums.
// No max-subtraction: exp overflows to infinity and round() saturates it to max_value().
void add_term(const NumberFormat& format, std::span<const double> query,
              std::span<const double> key, std::span<const double> value, AttentionSums& sums) {
  const double score = format.round(dot(query.data(), key.data(), query.size()));
  const double weight = format.round(std::exp(score));
  sums.denominator.add(weight);
  for (std::size_t i = 0; i < value.size(); ++i)
    sums.numerator[i].add(format.round(weight * value[i]));
}

void check_sums(const OneLayerTransformer& model, const AttentionSums& sums) {
  require(sums.numerator.size() == width_of(model), "attention sums must have m coordinates");
}

// a_h <- N_h / D_h, from the sums' nearest doubles, 0 where D_h = 0.
void append_average(const AttentionSums& sums, const NumberFormat& format, Vector& out) {
  const bool empty = sums.denominator.is_zero();
  const double denominator = empty ? 1.0 : sums.denominator.to_double();
  for (const ExactSum& numerator : sums.numerator)
    out.push_back(empty ? 0.0 : format.round(numerator.to_double() / denominator));
}

// z <- relu(W_1 [a_1; ...; a_H; last] + b_1); output = (w_2 . z + b_2 > 0), summed in index order.
// The read-out's value w_2 . z + b_2; the output is whether it is positive.
// w_2 . relu(W_1 input + b_1) + b_2 for the complete read-out input [a_1; ...; a_H; last].
double read_out_value(const OneLayerTransformer& model, const Vector& input) {
  double result = 0;
  for (std::size_t r = 0; r < model.b1.size(); ++r) {
    const double pre = dot(&model.w1[r * input.size()], input.data(), input.size()) + model.b1[r];
    result += model.w2[r] * model.format.round(std::max(pre, 0.0));
  }
  return result + model.b2;
}

double read_out_score(const OneLayerTransformer& model, std::span<const AttentionSums> sums,
                      std::span<const double> last) {
  check_read_out(model);
  require(sums.size() == model.heads.size(), "read-out needs the sums of every head");
  Vector input;
  input.reserve((sums.size() + 1) * width_of(model));
  for (const AttentionSums& head_sums : sums) {
    check_sums(model, head_sums);
    append_average(head_sums, model.format, input);
  }
  input.insert(input.end(), last.begin(), last.end());
  return read_out_value(model, input);
}

void check_length(const OneLayerTransformer& model, std::span<const Token> tokens) {
  require(!tokens.empty() && tokens.size() <= static_cast<std::size_t>(model.max_length),
          "sequence length must be between 1 and the model's max_length");
}

}  // namespace

bool OneLayerTransformer::prepared() const {
  const std::size_t h = heads.size();
  return !prepared_embeddings.empty() && prepared_embeddings.size() == prepared_size(*this, 1) &&
         prepared_queries.size() == prepared_size(*this, h) &&
         prepared_keys.size() == prepared_size(*this, h) &&
         prepared_values.size() == prepared_size(*this, h);
}

void OneLayerTransformer::prepare() {
  check_embeddings(*this);
  check_heads(*this);
  check_read_out(*this);
  for (auto* table : {&prepared_embeddings, &prepared_queries, &prepared_keys, &prepared_values})
    table->clear();
  if (prepared_size(*this, heads.size() + 1) > kMaxPreparedValues) return;
  for (Token t = 0; t < vocabulary_size; ++t)
    for (int j = 0; j < max_length; ++j) {
      const Vector e = compute_embedding(*this, t, j);
      prepared_embeddings.insert(prepared_embeddings.end(), e.begin(), e.end());
      for (const AttentionHead& head : heads) {
        for (auto [table, matrix] :
             {std::pair{&prepared_queries, &head.query}, std::pair{&prepared_keys, &head.key},
              std::pair{&prepared_values, &head.value}}) {
          const Vector row = project(*matrix, e, format);
          table->insert(table->end(), row.begin(), row.end());
        }
      }
    }
}

Vector OneLayerTransformer::embed(Token token, int position) const {
  check_token_position(*this, token, position);
  if (prepared()) {
    const auto row = table_row(prepared_embeddings, slot(*this, token, position), width_of(*this));
    return Vector(row.begin(), row.end());
  }
  check_embeddings(*this);
  return compute_embedding(*this, token, position);
}

Vector OneLayerTransformer::query(int head, Token last_token, int last_position) const {
  check_head(*this, head);
  check_token_position(*this, last_token, last_position);
  if (prepared()) {
    const auto row = table_row(prepared_queries, head_slot(*this, last_token, last_position, head),
                               width_of(*this));
    return Vector(row.begin(), row.end());
  }
  check_heads(*this);
  return project(heads[head].query, embed(last_token, last_position), format);
}

void OneLayerTransformer::accumulate(int head, const Vector& query, Token token, int position,
                                     AttentionSums& sums) const {
  check_head(*this, head);
  check_token_position(*this, token, position);
  check_sums(*this, sums);
  require(query.size() == width_of(*this), "query must have m coordinates");
  if (prepared()) {
    const std::size_t row = head_slot(*this, token, position, head);
    add_term(format, query, table_row(prepared_keys, row, width_of(*this)),
             table_row(prepared_values, row, width_of(*this)), sums);
    return;
  }
  check_heads(*this);
  const Vector e = embed(token, position);
  add_term(format, query, project(heads[head].key, e, format),
           project(heads[head].value, e, format), sums);
}

AttentionSums OneLayerTransformer::empty_sums() const {
  return AttentionSums{std::vector<ExactSum>(width_of(*this), ExactSum(format)), ExactSum(format)};
}

double OneLayerTransformer::finish_score(std::span<const AttentionSums> sums, Token last_token,
                                         int last_position) const {
  return read_out_score(*this, sums, embed(last_token, last_position));
}

bool OneLayerTransformer::finish(std::span<const AttentionSums> sums, Token last_token,
                                 int last_position) const {
  return finish_score(sums, last_token, last_position) > 0;
}

bool OneLayerTransformer::output(std::span<const Token> tokens) const {
  return score(tokens) > 0;
}

double OneLayerTransformer::score(std::span<const Token> tokens) const {
  check_length(*this, tokens);
  const Token last_token = tokens.back();
  const int last = static_cast<int>(tokens.size()) - 1;
  std::vector<Vector> queries;
  std::vector<AttentionSums> sums;
  queries.reserve(heads.size());
  sums.reserve(heads.size());
  for (int h = 0; h < head_count(); ++h) {
    queries.push_back(query(h, last_token, last));
    sums.push_back(empty_sums());
  }
  // One pass over the positions in order; each head's sums see them in that order.
  for (int j = 0; j <= last; ++j)
    for (int h = 0; h < head_count(); ++h) accumulate(h, queries[h], tokens[j], j, sums[h]);
  return finish_score(sums, last_token, last);
}

// ---- Seeded construction ----

namespace {

void fill_random(std::vector<double>& values, std::size_t count, double scale,
                 const NumberFormat& format, std::mt19937_64& rng) {
  values.resize(count);
  for (double& x : values) x = format.round(uniform_symmetric(rng) * scale);
}

// Draws, in this order: embeddings, each head's query/key/value, then w1, b1, w2, b2 when
// `hidden` > 0. Every weight is uniform in [-1, 1] scaled by 1/sqrt(m) and rounded.
OneLayerTransformer random_layer(int width, int heads, int vocabulary_size, int max_length,
                                 int hidden, const NumberFormat& format, std::mt19937_64& rng) {
  require(width >= 1 && heads >= 1 && vocabulary_size >= 1 && max_length >= 1,
          "random Transformer needs width, heads, vocabulary and length >= 1");
  const double scale = 1.0 / std::sqrt(static_cast<double>(width));
  const auto m = static_cast<std::size_t>(width);
  OneLayerTransformer model;
  model.format = format;
  model.width = width;
  model.vocabulary_size = vocabulary_size;
  model.max_length = max_length;
  fill_random(model.token_embedding, static_cast<std::size_t>(vocabulary_size) * m, scale, format,
              rng);
  fill_random(model.position_embedding, static_cast<std::size_t>(max_length) * m, scale, format,
              rng);
  model.heads.resize(static_cast<std::size_t>(heads));
  for (AttentionHead& head : model.heads)
    for (auto* matrix : {&head.query, &head.key, &head.value})
      fill_random(*matrix, m * m, scale, format, rng);
  model.hidden = hidden;
  const auto r = static_cast<std::size_t>(hidden);
  fill_random(model.w1, r * (model.heads.size() + 1) * m, scale, format, rng);
  fill_random(model.b1, r, scale, format, rng);
  fill_random(model.w2, r, scale, format, rng);
  if (hidden > 0) model.b2 = format.round(uniform_symmetric(rng) * scale);
  return model;
}

}  // namespace

// The hidden read-out width is r = 2m.
OneLayerTransformer random_one_layer_transformer(int width, int heads, int vocabulary_size,
                                                 int max_length, const NumberFormat& format,
                                                 std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  OneLayerTransformer model =
      random_layer(width, heads, vocabulary_size, max_length, 2 * width, format, rng);
  model.description =
      fmt::format("one-layer Transformer m={} H={} {} seed {}", width, heads, format.name(), seed);
  model.prepare();
  return model;
}

// ---- Two layers ----

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

// An exact sum of one format's values in machine integers, for the two-layer simulator's inner
// loops: fixed point and binary16 as one __int128 count of quanta, binary32 as a carry-save count
// of quanta in 32-bit digits held in int64 (2^31 terms before overflow), binary64 in an ExactSum.
// Every value added must be one of the format's (the callers add rounded values only).
// to_double() is what ExactSum::to_double returns for the same terms: the nearest double, ties
// to even (the conversions from __int128 round correctly, and scaling by the quantum is exact).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class QuantaSum {
 public:
  explicit QuantaSum(const NumberFormat& format) : format_(format), exact_(format) {
    if (format.kind() == FormatKind::fixed) scale_ = std::ldexp(1.0, format.fraction_bits());
    if (format.kind() == FormatKind::binary16) scale_ = 0x1p24;
  }

  void add(double value) {
    switch (format_.kind()) {
      case FormatKind::fixed:
      case FormatKind::binary16:
        units_ += static_cast<std::int64_t>(value * scale_);  // exact: below 2^53 quanta
        return;
      case FormatKind::binary32:
        add_binary32(value);
        return;
      case FormatKind::binary64:
        exact_.add(value);
        return;
    }
  }

  double to_double() const {
    switch (format_.kind()) {
      case FormatKind::fixed:
      case FormatKind::binary16:
        return static_cast<double>(units_) / scale_;
      case FormatKind::binary32:
        return binary32_to_double();
      case FormatKind::binary64:
        return exact_.to_double();
    }
    throw std::logic_error("internal error: unknown FormatKind");
  }

 private:
  static constexpr int kDigits = 10;  // 320 bits: 277 of quanta, 31 of terms, a sign
  using Digits = std::array<std::int64_t, kDigits>;

  // value = significand * 2^(max(e, 1) - 150), i.e. significand << (max(e, 1) - 1) quanta.
  void add_binary32(double value) {
    const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(value));
    const std::uint32_t exponent = (bits >> 23) & 0xff;
    const std::uint64_t significand = (bits & 0x7fffff) | (exponent != 0 ? 0x800000 : 0);
    const std::uint32_t shift = std::max<std::uint32_t>(exponent, 1) - 1;
    const std::uint64_t shifted = significand << (shift & 31);
    const auto low = static_cast<std::int64_t>(shifted & 0xffffffff);
    const auto high = static_cast<std::int64_t>(shifted >> 32);
    const bool negative = (bits >> 31) != 0;
    digits_[shift >> 5] += negative ? -low : low;
    digits_[(shift >> 5) + 1] += negative ? -high : high;
  }

  // Digits 0..kDigits-2 into [0, 2^32), the carries into the (signed) top digit.
  static void normalize(Digits& d) {
    for (int i = 0; i + 1 < kDigits; ++i) {
      const std::int64_t carry = d[i] >> 32;
      d[i] -= carry * (std::int64_t{1} << 32);
      d[i + 1] += carry;
    }
  }

  // The top three nonzero digits in an unsigned __int128, the rest as a sticky bit: at least 65
  // significant bits, so one conversion rounds as the whole count would.
  double binary32_to_double() const {
    Digits d = digits_;
    normalize(d);
    const bool negative = d[kDigits - 1] < 0;
    if (negative) {
      for (std::int64_t& digit : d) digit = -digit;
      normalize(d);
    }
    int top = kDigits - 1;
    while (top > 0 && d[top] == 0) --top;
    const int low = std::max(top - 2, 0);
    UInt128 window = 0;
    for (int i = top; i >= low; --i) window = window << 32 | static_cast<std::uint64_t>(d[i]);
    for (int i = 0; i < low; ++i)
      if (d[i] != 0) window |= 1;
    const double magnitude = std::ldexp(static_cast<double>(window), 32 * low - 149);
    return negative ? -magnitude : magnitude;
  }

  NumberFormat format_;
  double scale_ = 1;
  Int128 units_ = 0;
  Digits digits_{};
  ExactSum exact_;
};

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
  const std::size_t m = width_of(layer);
  HeadRows rows;
  for (int j = 0; j < static_cast<int>(tokens.size()); ++j) {
    check_token_position(layer, tokens[j], j);
    if (layer.prepared()) {
      const std::size_t row = head_slot(layer, tokens[j], j, h);
      rows.keys.append(table_row(layer.prepared_keys, row, m));
      rows.values.append(table_row(layer.prepared_values, row, m));
    } else {
      const Vector e = layer.embed(tokens[j], j);
      rows.keys.append(project(layer.heads[h].key, e, layer.format));
      rows.values.append(project(layer.heads[h].value, e, layer.format));
    }
  }
  rows.finish(m);
  return rows;
}

// Layer 1 at every position i over all positions: x_i <- e_i + W_O [a_1(i); ...; a_H(i)].
std::vector<Vector> first_layer(const TwoLayerTransformer& model, std::span<const Token> tokens) {
  const OneLayerTransformer& layer = model.first;
  std::vector<HeadRows> heads;
  for (int h = 0; h < layer.head_count(); ++h) heads.push_back(first_layer_rows(layer, h, tokens));
  ExpCache exp_cache(layer.format);
  std::vector<Vector> x;
  for (int i = 0; i < static_cast<int>(tokens.size()); ++i) {
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

}  // namespace

bool TwoLayerTransformer::output(std::span<const Token> tokens) const {
  return score(tokens) > 0;
}

double TwoLayerTransformer::score(std::span<const Token> tokens) const {
  check_two_layers(*this);
  check_read_out(second);
  check_length(first, tokens);
  const std::vector<Vector> x = first_layer(*this, tokens);
  ExpCache exp_cache(second.format);
  Vector input;
  for (const AttentionHead& head : second.heads)
    attend(second.format, project(head.query, x.back(), second.format),
           second_layer_rows(second, head, x), exp_cache, input);
  input.insert(input.end(), x.back().begin(), x.back().end());
  return read_out_value(second, input);
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
