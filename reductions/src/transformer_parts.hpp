// What the one- and two-layer simulators (transformer.cpp, two_layer_transformer.cpp) share: the
// shape checks, the rounded projection, the prepared tables' indexing, the read-out and the seeded
// weights. Private to ccbound::reductions; the names live in transformer_parts so they cannot
// collide with the anonymous helpers of other units.
#pragma once

#include <cstddef>
#include <random>
#include <span>
#include <vector>

#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions::transformer_parts {

// Throws std::logic_error(message) unless condition holds.
void require(bool condition, const char* message);

inline std::size_t width_of(const OneLayerTransformer& model) {
  return static_cast<std::size_t>(model.width);
}

// round(matrix x), the matrix row-major with x.size() columns.
Vector project(const std::vector<double>& matrix, std::span<const double> x,
               const NumberFormat& format);
// Coordinate `row` of project(matrix, x, format), computed alone.
double project_row(const std::vector<double>& matrix, std::size_t row, std::span<const double> x,
                   const NumberFormat& format);

// Each throws std::logic_error unless that part of the model has the shape transformer.hpp gives.
void check_heads(const OneLayerTransformer& model);
void check_embeddings(const OneLayerTransformer& model);
void check_read_out(const OneLayerTransformer& model);
void check_token_position(const OneLayerTransformer& model, Token token, int position);
void check_length(const OneLayerTransformer& model, std::span<const Token> tokens);

// Rows of the prepared tables: (token, position), then (token, position, head).
inline std::size_t slot(const OneLayerTransformer& model, Token token, int position) {
  return static_cast<std::size_t>(token) * static_cast<std::size_t>(model.max_length) +
         static_cast<std::size_t>(position);
}

inline std::size_t head_slot(const OneLayerTransformer& model, Token token, int position,
                             int head) {
  return slot(model, token, position) * model.heads.size() + static_cast<std::size_t>(head);
}

inline std::span<const double> table_row(const std::vector<double>& table, std::size_t row,
                                         std::size_t m) {
  return std::span<const double>(table).subspan(row * m, m);
}

// Head h's key and value at (token, position) as every simulator uses them: the prepared tables'
// rows when the tables are filled, else round(W_K e) and round(W_V e) from the weights.
Vector head_key(const OneLayerTransformer& model, int head, Token token, int position);
Vector head_value(const OneLayerTransformer& model, int head, Token token, int position);

// w_2 . relu(W_1 input + b_1) + b_2 for the complete read-out input [a_1; ...; a_H; last].
double read_out_value(const OneLayerTransformer& model, const Vector& input);

// `count` values uniform in [-1, 1] times `scale`, rounded to the format.
void fill_random(std::vector<double>& values, std::size_t count, double scale,
                 const NumberFormat& format, std::mt19937_64& rng);

// Draws, in this order: embeddings, each head's query/key/value, then w1, b1, w2, b2 when
// `hidden` > 0. Every weight is uniform in [-1, 1] scaled by 1/sqrt(m) and rounded.
OneLayerTransformer random_layer(int width, int heads, int vocabulary_size, int max_length,
                                 int hidden, const NumberFormat& format, std::mt19937_64& rng);

}  // namespace ccbound::reductions::transformer_parts
