// The proof that a built EQ/DISJ two-layer Transformer decides every input of its N
// (prove_equality_transformer, equality_transformer.hpp), computed under the simulator's exact
// finite-precision semantics (transformer.hpp). It has three steps, each sound on its own:
//
//  1. Layer 1, exactly. Checked on the model: at every position the query is c u (u the position's
//     code vector), the key is u, and the value is the bit in coordinate `ret` and 0 elsewhere;
//     c u . u' is computed exactly in double (c has few significant bits). So the weight w_pj =
//     round(exp(round(c <u_p, u_j>))) does not depend on the input at all, D_p = sum_j w_pj is one
//     exact number per position, and N_p = sum of w_pj over the positions holding a 1 only grows
//     with each bit. The layer's output r_p = round(N_p / D_p) (through the nearest doubles) is
//     monotone in N_p, so over ALL inputs with x_a + y_a = s at pair a, r at x_a and y_a (which
//     share u_a) lies in [r(s w_aa), r(s w_aa + O_a)], O_a the weights of every other bit position:
//     the values at "every other bit 0" and "every other bit 1". Inner products take at most k + 1
//     values, so D and O come from a histogram per code vector (2N popcounts), summed exactly.
//  2. Layer 2, per position class. Checked on the model: W_O moves r into coordinate ret only, so
//     x_p is e_p with ret replaced by round(e_ret + round(W_O[ret][ret] r)); layer 2's query reads
//     no coordinate that depends on the input, so it is one fixed vector; at most one of the key
//     coordinates it reads depends on ret; the read-out reads the head only in one coordinate c_v
//     and x_L only where x_L is fixed. Then the layer-2 weight W_p and value V_p (coordinate c_v)
//     are monotone functions of r_p (compositions of monotone roundings and sums), so evaluating
//     the simulator's own steps at both ends of r's interval bounds them; the numerator term
//     U_p = round(W_p V_p) is bounded by the four corners (round(w v) is monotone in each factor
//     for the other's fixed sign, and W >= 0). One box (U, W) per (pair, x, y, position): 8N + 1.
//  3. The average, over each label. a = round(NU / DW) with NU = sum U_p, DW = sum W_p exact. For
//     any theta, a <= theta (roughly) on every input of a label iff sum_p (U_p - theta W_p) <= 0
//     there; the sum splits over pairs, and the label is a conjunction over pairs (EQ: x_a = y_a,
//     DISJ: not both 1), so its worst case is per-pair maxima (label 1: over the good (x_a, y_a);
//     label 0: additionally one pair forced bad). These sums are evaluated in double with outward
//     rounding (directed_rounding.hpp), so every computed bound holds for the exact values; theta
//     is found by bisection. The step from "NU <= theta DW exactly" to a bound on round(n'/d')
//     (n', d' the nearest doubles of NU, DW; rounded quotient; rounded to the format) costs a
//     relative 2^-49 and an absolute 2^-170 (bound_from_theta), after checking DW and NU stay in
//     [2^-900, 2^1000] where the nearest double has relative error 2^-53.
// The read-out is checked to be monotone in a, so its value at the label's bound decides the
// label: label 1 needs score > 0 there, label 0 score <= 0. Any structural check that fails, or a
// bound that does not decide, rejects the model (passed = false, with the reason); nothing is
// sampled. Signs of zero: no rounding, exp, sum, product or comparison here distinguishes +0 from
// -0, so "equal" below means equal up to the sign of a zero.
#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ccbound/reductions/equality_transformer.hpp"
#include "directed_rounding.hpp"
#include "threads.hpp"
#include "transformer_parts.hpp"

namespace ccbound::reductions {

using namespace transformer_parts;  // the simulator's own pieces

namespace {

using namespace directed;

constexpr int kThreads = 2;
constexpr Token kSeparator = 2;
constexpr double kTopRange = 0x1p1000;  // NU, DW stay below this (no saturation in to_double)
constexpr double kLowRange = 0x1p-900;  // DW stays above this (nearest doubles are normal)

std::size_t at(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

// ---- Positions of x_1..x_N # y_1..y_N ----

struct Positions {
  int n;
  int length() const { return 2 * n + 1; }
  int x_of(int pair) const { return pair - 1; }  // pairs 1..N
  int y_of(int pair) const { return n + pair; }
  int code_of(int p) const { return p < n ? p + 1 : p - n; }
  int last() const { return 2 * n; }
  std::vector<Token> tokens_at(int p) const {
    return p == n ? std::vector<Token>{kSeparator} : std::vector<Token>{0, 1};
  }
};

// ---- Step 1: layer 1's structure, checked on the model ----

// c = M 2^E with M odd and M k < 2^53: every partial sum of +-c terms, c j with |j| <= k, is a
// double, so the score's sum in any order is exactly c <u, u'>.
bool exact_multiples(double c, int k) {
  if (c == 0.0 || !std::isfinite(c)) return false;
  int exponent = 0;
  const double fraction = std::frexp(std::fabs(c), &exponent);
  auto odd = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  odd >>= std::countr_zero(odd);
  return static_cast<double>(odd) * k < 0x1p53;
}

// The scale c of layer 1's queries, read off the model: the first query coordinate of x_1 over
// the sign of u_1 there (checked against every query below).
double query_scale(const EqualityConstruction& c) {
  return c.model.first.query(0, 0, 0)[0] * c.code.sign(1, 0);
}

// Query c u_code, key u_code, value the bit in `ret`, at position p for every token it can hold.
std::string check_layer1_position(const EqualityConstruction& c, double scale, const Positions& at_,
                                  int p, int ret) {
  const OneLayerTransformer& first = c.model.first;
  const int k = c.code_length, code = at_.code_of(p);
  for (const Token t : at_.tokens_at(p)) {
    const Vector q = first.query(0, t, p), key = head_key(first, 0, t, p);
    const Vector value = head_value(first, 0, t, p);
    for (int i = 0; i < first.width; ++i) {
      const double u = i < k ? c.code.sign(code, i) : 0.0;
      if (q[static_cast<std::size_t>(i)] != scale * u)
        return fmt::format("layer 1's query at position {} is not c u", p);
      if (key[static_cast<std::size_t>(i)] != u)
        return fmt::format("layer 1's key at position {} is not its code vector", p);
      const double bit = i == ret && t == 1 ? 1.0 : 0.0;
      if (value[static_cast<std::size_t>(i)] != bit)
        return fmt::format("layer 1's value at position {} is not the bit in coordinate {}", p,
                           ret);
    }
  }
  return "";
}

std::string check_shapes(const EqualityConstruction& c) {
  const TwoLayerTransformer& model = c.model;
  const int m = model.first.width;
  if (m != c.code_length + 3 || model.second.width != m || model.first.head_count() != 1 ||
      model.second.head_count() != 1 || !(model.first.format == model.second.format) ||
      model.first.max_length < 2 * c.n + 1 || model.first.vocabulary_size < 3 ||
      c.code.count != c.n + 1 || c.code.length != c.code_length)
    return "the model's shape does not match the construction";
  if (model.w_o.size() != at(m, 0, m)) return "W_O is not m x m";
  const AttentionHead& head = model.second.heads[0];
  for (const auto* matrix : {&head.query, &head.key, &head.value})
    if (matrix->size() != at(m, 0, m)) return "a layer-2 matrix is not m x m";
  const auto r = model.second.b1.size();
  if (model.second.w1.size() != r * 2 * static_cast<std::size_t>(m) ||
      model.second.w2.size() != r || model.second.hidden != static_cast<int>(r))
    return "the read-out's shape is wrong";
  return "";
}

std::string check_layer1(const EqualityConstruction& c, double scale, int ret,
                         const Deadline& deadline) {
  if (!exact_multiples(scale, c.code_length))
    return fmt::format("c = {} has too many significant bits for an exact score", scale);
  const Positions positions{c.n};
  std::vector<std::string> errors(kThreads);
  on_threads(kThreads, [&](int t) {
    int polled = 0;
    for (int p = t; p < positions.length() && errors[t].empty(); p += kThreads) {
      if (++polled % 128 == 0) deadline.check();
      errors[t] = check_layer1_position(c, scale, positions, p, ret);
    }
  });
  return errors[0].empty() ? errors[1] : errors[0];
}

// ---- Step 1: r's interval per pair ----

// r at a pair's positions for x + y = s (index s), or at the separator (index 0 only).
struct Retrieved {
  std::array<double, 3> lo{}, hi{};
};

// round(N / D) as the simulator computes a head's average: nearest doubles, 0 when D = 0.
double average(const ExactSum& numerator, const ExactSum& denominator, const NumberFormat& format) {
  if (denominator.is_zero()) return 0.0;
  return format.round(numerator.to_double() / denominator.to_double());
}

struct Layer1 {
  const EqualityConstruction& c;
  double scale;
  std::vector<double> weight;  // by inner product v = 2 i - k: round(exp(round(c v)))

  double weight_of(int inner) const {
    return weight[static_cast<std::size_t>((inner + c.code_length) / 2)];
  }

  // r's range at code a's positions. The histogram counts u_1..u_N (two positions each, x_b and
  // y_b); pair a's own two positions (inner product k) are taken out of it, the separator (u_0,
  // bit 0) added to D only.
  Retrieved bounds(int a) const {
    const NumberFormat& format = c.model.first.format;
    const int k = c.code_length;
    std::vector<std::uint32_t> vectors_at = inner_product_histogram(c.code, a, 1);
    if (a != 0) --vectors_at[static_cast<std::size_t>(k)];
    // O: the weights of every bit position outside pair a; D adds a's own and the separator's.
    ExactSum others(format);
    for (std::size_t i = 0; i < vectors_at.size(); ++i)
      if (vectors_at[i] != 0) others.add(weight[i], 2 * std::uint64_t{vectors_at[i]});
    ExactSum total = others;
    total.add(weight_of(k), a == 0 ? 1 : 2);
    if (a != 0) total.add(weight_of(c.code.inner_product(a, 0)));
    Retrieved r;
    for (std::uint64_t s = 0; s <= (a == 0 ? 0u : 2u); ++s) {
      ExactSum least(format);  // every other bit 0
      least.add(weight_of(k), s);
      ExactSum most = least;  // every other bit 1
      most += others;
      r.lo[s] = average(least, total, format);
      r.hi[s] = average(most, total, format);
    }
    return r;
  }
};

// The weight of every inner product, as the simulator computes it from the (exact) score.
Layer1 layer1_of(const EqualityConstruction& c, double scale) {
  const NumberFormat& format = c.model.first.format;
  Layer1 layer{c, scale, {}};
  for (int i = 0; i <= c.code_length; ++i) {
    const double inner = 2.0 * i - c.code_length;
    layer.weight.push_back(format.round(std::exp(format.round(scale * inner))));
  }
  return layer;
}

std::vector<Retrieved> retrieved_bounds(const EqualityConstruction& c, double scale,
                                        const Deadline& deadline) {
  const Layer1 layer = layer1_of(c, scale);
  std::vector<Retrieved> r(static_cast<std::size_t>(c.n + 1));
  on_threads(kThreads, [&](int t) {
    int polled = 0;
    for (int a = t; a <= c.n; a += kThreads) {
      if (++polled % 16 == 0) deadline.check();
      r[static_cast<std::size_t>(a)] = layer.bounds(a);
    }
  });
  return r;
}

// ---- Step 2: layer 2's structure, checked on the model ----

struct Layer2 {
  int ret = 0;
  Vector query;                    // layer 2's query, the same on every input
  std::vector<std::size_t> reads;  // the coordinates where it is nonzero
  int value = 0;                   // c_v, the head coordinate the read-out reads
  Vector last;                     // x_L where the read-out and the query read it (ret zeroed)
  int direction = -1;              // -1: the score falls as a grows, +1: it rises
};

// Columns where x_L can differ between inputs: ret, and where the embeddings of y_N = 0 and 1
// differ (W_O changes no other coordinate).
std::vector<bool> varying_columns(const TwoLayerTransformer& model, int n, int ret) {
  const Vector e0 = model.first.embed(0, 2 * n), e1 = model.first.embed(1, 2 * n);
  std::vector<bool> varying(e0.size());
  for (std::size_t i = 0; i < e0.size(); ++i) varying[i] = e0[i] != e1[i];
  varying[static_cast<std::size_t>(ret)] = true;
  return varying;
}

std::string check_w_o(const TwoLayerTransformer& model, int ret) {
  const int m = model.first.width;
  for (int i = 0; i < m; ++i)
    if (i != ret && model.w_o[at(i, ret, m)] != 0.0)
      return "W_O writes the retrieved value outside its coordinate";
  return "";
}

// The read-out reads the head in one coordinate (c_v) and x_L only where it is fixed; every hidden
// unit moves with a the same way.
std::string check_read_out_reads(const TwoLayerTransformer& model, const std::vector<bool>& varying,
                                 Layer2& l2) {
  const OneLayerTransformer& second = model.second;
  const auto m = static_cast<std::size_t>(second.width);
  std::optional<std::size_t> read;
  int rising = 0, falling = 0;
  for (std::size_t r = 0; r < second.b1.size(); ++r) {
    const double* row = &second.w1[r * 2 * m];
    for (std::size_t i = 0; i < m; ++i) {
      if (row[m + i] != 0.0 && varying[i])
        return "the read-out reads a coordinate of x_L that depends on the input";
      if (row[i] == 0.0) continue;
      if (read && *read != i) return "the read-out reads more than one head coordinate";
      read = i;
      const bool up = (row[i] > 0) == (second.w2[r] > 0);
      if (second.w2[r] != 0.0) (up ? rising : falling) += 1;
    }
  }
  if (rising > 0 && falling > 0) return "the read-out is not monotone in the head's average";
  l2.value = static_cast<int>(read.value_or(0));
  l2.direction = rising > 0 ? 1 : -1;
  return "";
}

// Layer 2's query reads no varying coordinate of x_L, and at most one of the key coordinates it
// reads depends on ret.
std::string check_query(const TwoLayerTransformer& model, const std::vector<bool>& varying,
                        Layer2& l2) {
  const AttentionHead& head = model.second.heads[0];
  const int m = model.second.width;
  for (int r = 0; r < m; ++r)
    for (int i = 0; i < m; ++i)
      if (head.query[at(r, i, m)] != 0.0 && varying[static_cast<std::size_t>(i)])
        return "layer 2's query depends on the input";
  l2.query = project(head.query, l2.last, model.second.format);
  int varying_reads = 0;
  for (int r = 0; r < m; ++r) {
    if (l2.query[static_cast<std::size_t>(r)] == 0.0) continue;
    l2.reads.push_back(static_cast<std::size_t>(r));
    varying_reads += head.key[at(r, l2.ret, m)] != 0.0 ? 1 : 0;
  }
  if (varying_reads > 1) return "layer 2's score is not monotone in the retrieved value";
  return "";
}

std::string check_layer2(const EqualityConstruction& c, int ret, Layer2& l2) {
  const TwoLayerTransformer& model = c.model;
  l2.ret = ret;
  std::string error = check_w_o(model, ret);
  const std::vector<bool> varying = varying_columns(model, c.n, ret);
  l2.last = model.first.embed(0, 2 * c.n);
  l2.last[static_cast<std::size_t>(ret)] = 0.0;
  if (error.empty()) error = check_query(model, varying, l2);
  if (error.empty()) error = check_read_out_reads(model, varying, l2);
  return error;
}

// ---- Step 2: one position's layer-2 terms ----

struct Term {
  double weight, value;  // W_p, V_p
};

// x_p with coordinate ret from r, then W_p and V_p by the simulator's steps. x_p's other
// coordinates are e_p's: W_O's column ret is zero off its own row and the head's other outputs are
// 0, so round(e_i + round(0)) = e_i. The score sums q2[c] key[c] over the coordinates q2 reads
// only: the other products are zeros, which change no sum.
Term second_term(const TwoLayerTransformer& model, const Layer2& l2, Vector& x, Vector& averages,
                 double e_ret, double r) {
  const NumberFormat& format = model.first.format;
  const auto ret = static_cast<std::size_t>(l2.ret);
  averages[ret] = r;
  x[ret] = format.round(e_ret + project_row(model.w_o, ret, averages, format));
  const AttentionHead& head = model.second.heads[0];
  double score = 0;
  for (const std::size_t c : l2.reads) score += l2.query[c] * project_row(head.key, c, x, format);
  const double weight = format.round(std::exp(format.round(score)));
  return {weight, project_row(head.value, static_cast<std::size_t>(l2.value), x, format)};
}

// Bounds on U = round(W V) and W over a class.
struct Box {
  double u_lo, u_hi, w_lo, w_hi;
};

// The box of position p holding `token` with r in [r_lo, r_hi]: W and V are monotone in r, so
// their extremes are at the ends; U = round(W V) at the corners of [W] x [V] (monotone in each
// factor, W >= 0).
Box position_box(const TwoLayerTransformer& model, const Layer2& l2, Token token, int p,
                 double r_lo, double r_hi) {
  Vector x = model.first.embed(token, p);
  const double e_ret = x[static_cast<std::size_t>(l2.ret)];
  Vector averages(x.size(), 0.0);
  const Term a = second_term(model, l2, x, averages, e_ret, r_lo);
  const Term b = second_term(model, l2, x, averages, e_ret, r_hi);
  const NumberFormat& format = model.first.format;
  const double w_lo = std::min(a.weight, b.weight), w_hi = std::max(a.weight, b.weight);
  const double v_lo = std::min(a.value, b.value), v_hi = std::max(a.value, b.value);
  const std::array<double, 4> corners = {format.round(w_lo * v_lo), format.round(w_lo * v_hi),
                                         format.round(w_hi * v_lo), format.round(w_hi * v_hi)};
  return {*std::ranges::min_element(corners), *std::ranges::max_element(corners), w_lo, w_hi};
}

// Pair a's boxes by combination x + 2 y: its two positions, r's interval by s = x + y.
struct PairBoxes {
  std::array<Box, 4> x, y;
};

struct Classes {
  std::vector<PairBoxes> pairs;  // pairs 1..N at index 0..N-1
  Box separator{};
  std::array<bool, 4> good{};  // by combination: the pair is consistent with label 1
};

Classes position_classes(const EqualityConstruction& c, const Layer2& l2,
                         const std::vector<Retrieved>& r, const Deadline& deadline) {
  const Positions positions{c.n};
  Classes classes;
  classes.pairs.resize(static_cast<std::size_t>(c.n));
  for (int combo = 0; combo < 4; ++combo) {
    const std::vector<Token> pair = {static_cast<Token>(combo & 1), kSeparator,
                                     static_cast<Token>(combo >> 1)};
    classes.good[static_cast<std::size_t>(combo)] = equality_label(c.kind, pair);
  }
  on_threads(kThreads, [&](int t) {
    int polled = 0;
    for (int a = 1 + t; a <= c.n; a += kThreads) {
      if (++polled % 64 == 0) deadline.check();
      const Retrieved& ra = r[static_cast<std::size_t>(a)];
      PairBoxes& boxes = classes.pairs[static_cast<std::size_t>(a - 1)];
      for (int combo = 0; combo < 4; ++combo) {
        const auto s = static_cast<std::size_t>((combo & 1) + (combo >> 1));
        const auto index = static_cast<std::size_t>(combo);
        boxes.x[index] = position_box(c.model, l2, static_cast<Token>(combo & 1), positions.x_of(a),
                                      ra.lo[s], ra.hi[s]);
        boxes.y[index] = position_box(c.model, l2, static_cast<Token>(combo >> 1),
                                      positions.y_of(a), ra.lo[s], ra.hi[s]);
      }
    }
  });
  classes.separator = position_box(c.model, l2, kSeparator, c.n, r[0].lo[0], r[0].hi[0]);
  return classes;
}

// ---- Step 3: the average over each label ----

// Upper and lower bounds on U - theta W over a box, rounded outward.
double excess_up(const Box& b, double theta) {
  return up_sub(b.u_hi, down_mul(theta, theta >= 0 ? b.w_lo : b.w_hi));
}
double excess_down(const Box& b, double theta) {
  return down_sub(b.u_lo, up_mul(theta, theta >= 0 ? b.w_hi : b.w_lo));
}

// A bound, over every input with the label, on sum_p (U_p - theta W_p): its maximum when `upper`
// (every computed term is >= its exact value), else its minimum (every term <=). Per pair the
// combinations allowed; for label 0 one pair is forced to a bad combination, the one that costs
// least: total = sum of the pairs' best + best over pairs of (best bad - best).
double label_excess(const Classes& classes, bool label, bool upper, double theta) {
  const auto pick = [upper](double a, double b) { return upper ? std::max(a, b) : std::min(a, b); };
  const auto add = [upper](double a, double b) { return upper ? up_add(a, b) : down_add(a, b); };
  const auto excess = [&](const Box& b) {
    return upper ? excess_up(b, theta) : excess_down(b, theta);
  };
  const double none = upper ? -INFINITY : INFINITY;
  double total = excess(classes.separator), forced = none;
  for (const PairBoxes& boxes : classes.pairs) {
    double best = none, best_bad = none;
    for (std::size_t combo = 0; combo < 4; ++combo) {
      const double value = add(excess(boxes.x[combo]), excess(boxes.y[combo]));
      if (!label || classes.good[combo]) best = pick(best, value);
      if (!classes.good[combo]) best_bad = pick(best_bad, value);
    }
    total = add(total, best);
    if (!label) forced = pick(forced, upper ? up_sub(best_bad, best) : down_sub(best_bad, best));
  }
  return label ? total : add(total, forced);
}

// Whether theta bounds a on the label: the excess's maximum is <= 0 (upper) or minimum >= 0.
bool bounds(const Classes& classes, bool label, bool upper, double theta) {
  const double excess = label_excess(classes, label, upper, theta);
  return upper ? excess <= 0 : excess >= 0;
}

// The tightest theta bisection finds (relative 2^-40), or nothing when none within 2^30 works.
std::optional<double> best_theta(const Classes& classes, bool label, bool upper) {
  const double sign = upper ? 1.0 : -1.0;  // search for the bound's side, then toward the other
  double good = sign, bad = -sign;
  while (!bounds(classes, label, upper, good))
    if (std::fabs(good *= 2) > 0x1p30) return std::nullopt;
  while (bounds(classes, label, upper, bad))
    if (std::fabs(bad *= 2) > 0x1p30) return bad;  // a bound far out; as good as any
  for (int step = 0; step < 200; ++step) {
    const double middle = bad + (good - bad) / 2;
    if (middle == good || middle == bad ||
        std::fabs(good - bad) <= 0x1p-40 * std::max(1.0, std::fabs(good)))
      break;
    (bounds(classes, label, upper, middle) ? good : bad) = middle;
  }
  return good;
}

// Range of the exact sums over every input (any class of every position), rounded outward.
struct SumRange {
  double nu_lo = 0, nu_hi = 0, dw_lo = 0, dw_hi = 0;
};

SumRange sum_range(const Classes& classes) {
  SumRange range;
  const auto include = [&](const Box* boxes, std::size_t count) {
    Box widest = boxes[0];
    for (std::size_t i = 1; i < count; ++i) {
      widest.u_lo = std::min(widest.u_lo, boxes[i].u_lo);
      widest.u_hi = std::max(widest.u_hi, boxes[i].u_hi);
      widest.w_lo = std::min(widest.w_lo, boxes[i].w_lo);
      widest.w_hi = std::max(widest.w_hi, boxes[i].w_hi);
    }
    range.nu_lo = down_add(range.nu_lo, widest.u_lo);
    range.nu_hi = up_add(range.nu_hi, widest.u_hi);
    range.dw_lo = down_add(range.dw_lo, widest.w_lo);
    range.dw_hi = up_add(range.dw_hi, widest.w_hi);
  };
  include(&classes.separator, 1);
  for (const PairBoxes& boxes : classes.pairs) {
    include(boxes.x.data(), 4);
    include(boxes.y.data(), 4);
  }
  return range;
}

// From "NU <= theta DW exactly" (upper) or ">=" (lower) to a double bounding the quotient of the
// nearest doubles n' / d' and its rounding: with |NU|, DW <= 2^1000 and DW >= 2^-900, to_double
// errs by at most 2^-53 |x| + 2^-1075, so (upper, theta >= 0, NU > 0) n'/d' <= theta (1 + 3 2^-53)
// + 2^-1074 / DW <= theta + |theta| 2^-49 + 2^-170; NU <= 0 gives n' <= 0 <= that; theta < 0 needs
// |theta| DW >= 2^-1000, so NU is a normal negative and n'/d' <= theta (1 - u) / (1 + u). The
// lower side is the mirror image. Nothing when the ranges do not hold.
std::optional<double> bound_from_theta(double theta, bool upper, const SumRange& range) {
  const bool in_range = range.dw_lo >= kLowRange && range.dw_hi <= kTopRange &&
                        std::max(-range.nu_lo, range.nu_hi) <= kTopRange;
  const bool away_from_zero = upper ? theta >= 0 : theta <= 0;
  if (!in_range || (!away_from_zero && down_mul(std::fabs(theta), range.dw_lo) < 0x1p-1000))
    return std::nullopt;
  const double slack = up_add(up_mul(std::fabs(theta), 0x1p-49), 0x1p-170);
  return upper ? up_add(theta, slack) : down_sub(theta, slack);
}

// ---- The verdict ----

struct LabelBound {
  bool found = false;
  double average = 0;  // the bound on a, rounded to the format
  double score = 0;    // the read-out's value there
  std::string what;    // "a <= ..." / "a >= ..." or why no bound was found
};

double read_out_at(const EqualityConstruction& c, const Layer2& l2, double a) {
  const auto m = static_cast<std::size_t>(c.model.second.width);
  Vector input(2 * m, 0.0);
  input[static_cast<std::size_t>(l2.value)] = a;
  std::copy(l2.last.begin(), l2.last.end(), input.begin() + static_cast<std::ptrdiff_t>(m));
  return read_out_value(c.model.second, input);
}

// The bound the label's decision needs: with a falling read-out, label 1 (score > 0) needs a
// small, so an upper bound; label 0 a lower bound; the reverse for a rising one.
LabelBound label_bound(const EqualityConstruction& c, const Layer2& l2, const Classes& classes,
                       const SumRange& range, bool label) {
  const bool upper = label == (l2.direction < 0);
  LabelBound result;
  const std::optional<double> theta = best_theta(classes, label, upper);
  const std::optional<double> bound = theta ? bound_from_theta(*theta, upper, range) : std::nullopt;
  if (!bound) {
    result.what = fmt::format("no {} bound on layer 2's average over label {}",
                              upper ? "upper" : "lower", int{label});
    return result;
  }
  result.found = true;
  result.average = c.model.second.format.round(*bound);
  result.score = read_out_at(c, l2, result.average);
  result.what =
      fmt::format("a {} {:.6g} on label {}", upper ? "<=" : ">=", result.average, int{label});
  return result;
}

ConstructionCheck proof_check(bool passed, std::uint64_t classes, std::string detail) {
  ConstructionCheck check;
  check.passed = passed;
  check.evidence = ConstructionEvidence::proof;
  check.method = "layer bounds";
  check.inputs_checked = classes;
  check.detail = std::move(detail);
  return check;
}

ConstructionCheck decide(const EqualityConstruction& c, const Layer2& l2, const Classes& classes) {
  const SumRange range = sum_range(classes);
  const LabelBound one = label_bound(c, l2, classes, range, true);
  const LabelBound zero = label_bound(c, l2, classes, range, false);
  const auto count = 8 * static_cast<std::uint64_t>(c.n) + 1;
  const bool decides_one = one.found && one.score > 0, decides_zero = zero.found && zero.score <= 0;
  ConstructionCheck check = proof_check(
      decides_one && decides_zero, count,
      fmt::format(
          "layer 1 bounded exactly at all {} positions; over every input, layer 2's average "
          "{}, {}: read-out {:.6g} and {:.6g}",
          2 * c.n + 1, one.what, zero.what, one.score, zero.score));
  const LabelBound& undecided = decides_one ? zero : one;
  if (!check.passed)
    check.detail =
        fmt::format("the bounds do not decide every input: {}{}", undecided.what,
                    undecided.found ? fmt::format(" gives read-out {:.6g}", undecided.score) : "");
  check.margin_one = one.found ? one.score : 0.0;
  check.margin_zero = zero.found ? -zero.score : 0.0;
  return check;
}

}  // namespace

ConstructionCheck prove_equality_transformer(const EqualityConstruction& construction,
                                             const Deadline& deadline) {
  const auto start = std::chrono::steady_clock::now();
  const int ret = construction.code_length + 1;
  Layer2 l2;
  std::string error = check_shapes(construction);
  const double scale = error.empty() ? query_scale(construction) : 0.0;
  if (error.empty()) error = check_layer1(construction, scale, ret, deadline);
  if (error.empty()) error = check_layer2(construction, ret, l2);
  ConstructionCheck check = proof_check(false, 0, "proof refused: " + error);
  if (error.empty()) {
    const std::vector<Retrieved> r = retrieved_bounds(construction, scale, deadline);
    check = decide(construction, l2, position_classes(construction, l2, r, deadline));
  }
  check.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return check;
}

}  // namespace ccbound::reductions
