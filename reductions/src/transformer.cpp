// One-layer Transformers at finite precision: every arrow of transformer.hpp rounds, the attention
// sums are exact, and output() is built from the same pieces a protocol runs. The two-layer model
// is in two_layer_transformer.cpp; what both use is in transformer_parts.hpp.
#include "ccbound/reductions/transformer.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "seeded_uniform.hpp"
#include "transformer_parts.hpp"

namespace ccbound::reductions {

namespace {

double dot(const double* a, const double* b, std::size_t n) {
  double sum = 0;
  for (std::size_t k = 0; k < n; ++k) sum += a[k] * b[k];
  return sum;
}

}  // namespace

namespace transformer_parts {

void require(bool condition, const char* message) {
  if (!condition) throw std::logic_error(message);
}

// round(matrix x), the matrix row-major with x.size() columns.
Vector project(const std::vector<double>& matrix, std::span<const double> x,
               const NumberFormat& format) {
  Vector out(matrix.size() / x.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = project_row(matrix, i, x, format);
  return out;
}

double project_row(const std::vector<double>& matrix, std::size_t row, std::span<const double> x,
                   const NumberFormat& format) {
  return format.round(dot(&matrix[row * x.size()], x.data(), x.size()));
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

// The tables' row when prepared, else from the weights (the row the tables would hold).
Vector head_row(const OneLayerTransformer& model, int head, Token token, int position,
                const std::vector<double>& table, const std::vector<double>& matrix) {
  check_token_position(model, token, position);
  if (model.prepared()) {
    const auto row = table_row(table, head_slot(model, token, position, head), width_of(model));
    return Vector(row.begin(), row.end());
  }
  return project(matrix, model.embed(token, position), model.format);
}

Vector head_key(const OneLayerTransformer& model, int head, Token token, int position) {
  return head_row(model, head, token, position, model.prepared_keys, model.heads[head].key);
}

Vector head_value(const OneLayerTransformer& model, int head, Token token, int position) {
  return head_row(model, head, token, position, model.prepared_values, model.heads[head].value);
}

void check_length(const OneLayerTransformer& model, std::span<const Token> tokens) {
  require(!tokens.empty() && tokens.size() <= static_cast<std::size_t>(model.max_length),
          "sequence length must be between 1 and the model's max_length");
}

}  // namespace transformer_parts

using namespace transformer_parts;  // the helpers shared with the sibling unit

namespace {

void check_head(const OneLayerTransformer& model, int head) {
  require(head >= 0 && head < model.head_count(), "no such attention head");
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

}  // namespace

bool OneLayerTransformer::prepared() const {
  const std::size_t h = heads.size();
  return !prepared_embeddings.empty() && prepared_embeddings.size() == prepared_size(*this, 1) &&
         prepared_queries.size() == prepared_size(*this, h) &&
         prepared_keys.size() == prepared_size(*this, h) &&
         prepared_values.size() == prepared_size(*this, h);
}

void OneLayerTransformer::prepare(const Deadline& deadline) {
  check_embeddings(*this);
  check_heads(*this);
  check_read_out(*this);
  const auto clear = [this] {
    for (auto* table : {&prepared_embeddings, &prepared_queries, &prepared_keys, &prepared_values})
      table->clear();
  };
  clear();
  if (prepared_size(*this, heads.size() + 1) > kMaxPreparedValues) return;
  for (Token t = 0; t < vocabulary_size; ++t)
    for (int j = 0; j < max_length; ++j) {
      if (j % 256 == 0 && deadline.expired()) {
        clear();
        throw TimeoutExpired{};
      }
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

namespace transformer_parts {

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

}  // namespace transformer_parts

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

}  // namespace ccbound::reductions
