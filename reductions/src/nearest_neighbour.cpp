// Nearest neighbour by a two-layer Transformer (nearest_neighbour.hpp): the codebook, the position
// code search, the explicit weights, and the check by simulation with a double-precision
// recomputation for the reported margins. The task side (instances, labels, margins and the
// instance generators) is in nearest_neighbour_task.cpp.
#include "ccbound/reductions/nearest_neighbour.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>
#include <utility>

#include "ccbound/core/error.hpp"
#include "nearest_neighbour_parts.hpp"
#include "threads.hpp"

namespace ccbound::reductions {

using namespace nearest_neighbour_parts;  // the helpers shared with the sibling unit

namespace {

constexpr int kThreads = 2;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Width m = s + k + 4: block P, block A, then bit, copy, gate, one.
struct Layout {
  int s, k;
  int m() const { return s + k + 4; }
  int block_a() const { return s; }
  int bit() const { return s + k; }
  int copy() const { return s + k + 1; }
  int gate() const { return s + k + 2; }
  int one() const { return s + k + 3; }
};

// ---- Scales and codes ----

double exp_budget(const NumberFormat& format) {
  return std::log(format.max_value()) - 1.0;
}

// The largest multiple of 1/8 (2^-f for fixed point with f < 3) at most `limit`; 0 if none.
double scale_at_most(double limit, const NumberFormat& format) {
  const bool fixed = format.kind() == FormatKind::fixed;
  const double step = std::ldexp(1.0, fixed ? -std::min(3, format.fraction_bits()) : -3);
  const double scale = std::floor(limit / step) * step;
  return scale > 0 && format.representable(scale) ? scale : 0.0;
}

std::vector<int> random_codebook(int count, int dimension, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int> codebook;
  std::set<std::vector<int>> seen;
  while (static_cast<int>(seen.size()) < count) {
    std::vector<int> row(static_cast<std::size_t>(dimension));
    for (int& x : row) x = (rng() & 1) != 0 ? -1 : 1;
    if (seen.insert(row).second) codebook.insert(codebook.end(), row.begin(), row.end());
  }
  return codebook;
}

struct PositionCode {
  SignCode code;
  int mu = 0;
  double scale = 0;
};

// k = 8, 16, ...: the first seeded random code with c (k - mu) >= ln(32N).
PositionCode find_position_code(int n, const NumberFormat& format, std::uint64_t seed,
                                const Deadline& deadline) {
  const double needed = std::log(32.0 * n);
  for (int k = 8; k <= 256; k += 8) {
    const double c = scale_at_most(exp_budget(format) / k, format);
    if (c == 0) break;
    if (c * k < needed) continue;
    deadline.check();
    SignCode code = random_sign_code(n, k, mix(seed ^ static_cast<std::uint64_t>(k)));
    const auto allowed = static_cast<int>(std::floor(k - needed / c));
    const int mu = max_inner_product(code, allowed, deadline);
    if (mu <= allowed) return {std::move(code), mu, c};
  }
  throw InputError(
      fmt::format("no position code for nearest neighbour at N = {} and {}", n, format.name()));
}

// ---- The weights ----

void set_embeddings(OneLayerTransformer& first, const std::vector<int>& codebook,
                    const Layout& layout, const SignCode& code) {
  const int m = layout.m(), s = layout.s, n = code.count;
  const int v = static_cast<int>(codebook.size()) / s;
  first.token_embedding.assign(at(v + 2, 0, m), 0.0);
  first.token_embedding[at(1, layout.bit(), m)] = 1.0;
  for (int t = 0; t < v; ++t)
    for (int i = 0; i < s; ++i) first.token_embedding[at(2 + t, i, m)] = codebook[at(t, i, s)];
  first.position_embedding.assign(at(2 * n + 1, 0, m), 0.0);
  for (int j = 0; j <= 2 * n; ++j) {
    const bool query = j == 2 * n, point = j % 2 == 0;
    first.position_embedding[at(j, layout.one(), m)] = 1.0;
    first.position_embedding[at(j, layout.gate(), m)] = query ? -2.0 * s : point ? s : -s;
    if (query) continue;
    for (int i = 0; i < layout.k; ++i)
      first.position_embedding[at(j, layout.block_a() + i, m)] =
          (point ? -1 : 1) * code.sign(j / 2, i);
  }
}

AttentionHead empty_head(int m) {
  AttentionHead head;
  for (auto* matrix : {&head.query, &head.key, &head.value}) matrix->assign(at(m, 0, m), 0.0);
  return head;
}

// Layer 1: the point 2i finds its label 2i + 1 through the code and reads the bit.
AttentionHead copy_head(const Layout& layout, double copy_scale) {
  const int m = layout.m();
  AttentionHead head = empty_head(m);
  for (int i = layout.block_a(); i < layout.block_a() + layout.k; ++i) {
    head.query[at(i, i, m)] = -copy_scale;
    head.key[at(i, i, m)] = 1.0;
  }
  head.value[at(layout.bit(), layout.bit(), m)] = 1.0;
  return head;
}

// Layer 2: score lambda (<q, p_j> + gate_j), value the copied label.
AttentionHead similarity_head(const Layout& layout, double similarity_scale) {
  const int m = layout.m();
  AttentionHead head = empty_head(m);
  for (int i = 0; i < layout.s; ++i) {
    head.query[at(i, i, m)] = similarity_scale;
    head.key[at(i, i, m)] = 1.0;
  }
  head.query[at(layout.gate(), layout.one(), m)] = similarity_scale;
  head.key[at(layout.gate(), layout.gate(), m)] = 1.0;
  head.value[at(layout.copy(), layout.copy(), m)] = 1.0;
  return head;
}

OneLayerTransformer second_layer(const Layout& layout, double similarity_scale,
                                 const NumberFormat& format) {
  const int m = layout.m();
  OneLayerTransformer second;
  second.format = format;
  second.width = m;
  second.vocabulary_size = 1;
  second.max_length = 1;
  second.heads = {similarity_head(layout, similarity_scale)};
  second.hidden = 1;
  second.w1.assign(at(2, 0, m), 0.0);
  second.w1[static_cast<std::size_t>(layout.copy())] = 1.0;
  second.b1 = {-0.5};
  second.w2 = {1.0};
  second.description = "nearest neighbour layer 2";
  return second;
}

// ---- A double-precision recomputation of the documented semantics ----

using Sparse = std::vector<std::pair<int, double>>;

Sparse sparse(const Vector& x) {
  Sparse result;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] != 0.0) result.emplace_back(static_cast<int>(i), x[i]);
  return result;
}

Vector project(const std::vector<double>& matrix, const Vector& x, const NumberFormat& format) {
  Vector out(matrix.size() / x.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    double sum = 0;
    for (std::size_t j = 0; j < x.size(); ++j) sum += matrix[i * x.size() + j] * x[j];
    out[i] = format.round(sum);
  }
  return out;
}

struct Rows {
  std::vector<Vector> keys;
  std::vector<Sparse> values;
};

Rows key_value_rows(const AttentionHead& head, const std::vector<Vector>& x,
                    const NumberFormat& format) {
  Rows rows;
  for (const Vector& xj : x) {
    rows.keys.push_back(project(head.key, xj, format));
    rows.values.push_back(sparse(project(head.value, xj, format)));
  }
  return rows;
}

// round(N / D) per coordinate, the sums taken in double.
Vector attend(const Vector& query, const Rows& rows, const NumberFormat& format) {
  const Sparse q = sparse(query);
  Vector numerator(query.size(), 0.0);
  double denominator = 0;
  for (std::size_t j = 0; j < rows.keys.size(); ++j) {
    double score = 0;
    for (const auto& [i, value] : q) score += value * rows.keys[j][static_cast<std::size_t>(i)];
    const double weight = format.round(std::exp(format.round(score)));
    denominator += weight;
    for (const auto& [i, value] : rows.values[j])
      numerator[static_cast<std::size_t>(i)] += format.round(weight * value);
  }
  for (double& a : numerator) a = denominator == 0 ? 0.0 : format.round(a / denominator);
  return numerator;
}

// Layer 1 and the residual at every position: x_i = round(e_i + round(W_O a(i))). Polls the
// deadline before each position.
std::vector<Vector> first_layer(const TwoLayerTransformer& model, const std::vector<Token>& tokens,
                                const Deadline& deadline) {
  const OneLayerTransformer& first = model.first;
  std::vector<Vector> e;
  for (std::size_t j = 0; j < tokens.size(); ++j)
    e.push_back(first.embed(tokens[j], static_cast<int>(j)));
  const Rows rows = key_value_rows(first.heads[0], e, first.format);
  std::vector<Vector> x;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    deadline.check();
    const Vector query = project(first.heads[0].query, e[i], first.format);
    const Vector mixed = project(model.w_o, attend(query, rows, first.format), first.format);
    Vector xi = e[i];
    for (std::size_t c = 0; c < xi.size(); ++c) xi[c] = first.format.round(xi[c] + mixed[c]);
    x.push_back(std::move(xi));
  }
  return x;
}

// Layer 2's average of the copy coordinate at the last position.
double copy_average(const NearestNeighbourConstruction& construction,
                    const std::vector<Token>& tokens, const Deadline& deadline) {
  const std::vector<Vector> x = first_layer(construction.model, tokens, deadline);
  const OneLayerTransformer& second = construction.model.second;
  const Rows rows = key_value_rows(second.heads[0], x, second.format);
  const Vector query = project(second.heads[0].query, x.back(), second.format);
  const Layout layout{construction.dimension, construction.code_length};
  return attend(query, rows, second.format)[static_cast<std::size_t>(layout.copy())];
}

// ---- Checking ----

struct Outcome {
  bool skipped = false;
  bool correct = true;
  bool recomputation_agrees = true;
  int label = 0;
  int instance_margin = 0;
  double margin = 0;  // a_copy - 1/2 for label 1, 1/2 - a_copy for label 0
};

Outcome judge(const NearestNeighbourConstruction& construction,
              const NearestNeighbourInstance& instance, const Deadline& deadline) {
  Outcome outcome;
  outcome.instance_margin = nearest_neighbour_margin(construction, instance);
  outcome.skipped = outcome.instance_margin < construction.gamma;
  if (outcome.skipped) return outcome;
  const std::vector<Token> tokens = nearest_neighbour_tokens(instance);
  outcome.label = nearest_neighbour_label(construction, instance);
  const bool output = construction.model.score(tokens, deadline) > 0;
  const double average = copy_average(construction, tokens, deadline);
  outcome.correct = output == (outcome.label == 1);
  outcome.recomputation_agrees = output == (average - 0.5 > 0);
  outcome.margin = outcome.label == 1 ? average - 0.5 : 0.5 - average;
  return outcome;
}

ConstructionCheck summarise(const NearestNeighbourConstruction& construction,
                            const std::vector<Outcome>& outcomes) {
  std::uint64_t judged = 0, wrong = 0, skipped = 0, disagreements = 0;
  int least_margin = kUnboundedMargin;
  double least[2] = {1.0, 1.0};
  for (const Outcome& o : outcomes) {
    skipped += o.skipped ? 1 : 0;
    if (o.skipped) continue;
    ++judged;
    wrong += o.correct ? 0 : 1;
    disagreements += o.recomputation_agrees ? 0 : 1;
    least_margin = std::min(least_margin, o.instance_margin);
    least[o.label] = std::min(least[o.label], o.margin);
  }
  ConstructionCheck check;
  check.passed = judged > 0 && wrong == 0;
  check.inputs_checked = judged;
  check.margin_one = least[1];
  check.margin_zero = least[0];
  check.detail = fmt::format(
      "{} instances at N = {}: {} wrong, {} below the margin skipped, least instance margin {}, "
      "{} disagreements with the recomputation",
      judged, construction.n, wrong, skipped,
      least_margin == kUnboundedMargin ? std::string("unbounded") : std::to_string(least_margin),
      disagreements);
  return check;
}

}  // namespace

TwoLayerTransformer nearest_neighbour_model(const std::vector<int>& codebook, int dimension,
                                            const SignCode& code, double copy_scale,
                                            double similarity_scale, const NumberFormat& format) {
  const Layout layout{dimension, code.length};
  const int m = layout.m();
  TwoLayerTransformer model;
  OneLayerTransformer& first = model.first;
  first.format = format;
  first.width = m;
  first.vocabulary_size = static_cast<int>(codebook.size()) / dimension + 2;
  first.max_length = 2 * code.count + 1;
  set_embeddings(first, codebook, layout, code);
  first.heads = {copy_head(layout, copy_scale)};
  first.description = fmt::format("nearest neighbour layer 1 N={} k={} c={} {}", code.count,
                                  code.length, copy_scale, format.name());
  first.prepare();
  model.w_o.assign(at(m, 0, m), 0.0);
  model.w_o[at(layout.copy(), layout.bit(), m)] = 1.0;
  model.second = second_layer(layout, similarity_scale, format);
  return model;
}

NearestNeighbourConstruction build_nearest_neighbour(int n, const NumberFormat& format,
                                                     std::uint64_t seed, const Deadline& deadline) {
  if (n < 1 || n > kNearestNeighbourMaxN)
    throw InputError(fmt::format("nearest neighbour needs 1 <= N <= {}", kNearestNeighbourMaxN));
  NearestNeighbourConstruction c;
  c.n = n;
  c.seed = seed;
  c.similarity_scale = scale_at_most(exp_budget(format) / (2.0 * kDimension), format);
  c.gamma = c.similarity_scale > 0 ? std::log(6.0 * n) / c.similarity_scale : 0.0;
  if (c.similarity_scale == 0 || c.gamma > kDimension || !format.representable(-2.0 * kDimension))
    throw InputError(fmt::format("no similarity scale for nearest neighbour at N = {} and {}", n,
                                 format.name()));
  c.codebook = random_codebook(kCodebookSize, kDimension, mix(seed));
  if (admissible_triples(c).empty())
    throw InputError("the codebook admits no instance with the margin");
  PositionCode position = find_position_code(n, format, seed, deadline);
  c.code = std::move(position.code);
  c.code_length = c.code.length;
  c.max_inner_product = position.mu;
  c.copy_scale = position.scale;
  c.model = nearest_neighbour_model(c.codebook, kDimension, c.code, c.copy_scale,
                                    c.similarity_scale, format);
  return c;
}

ConstructionCheck check_nearest_neighbour(const NearestNeighbourConstruction& construction,
                                          const std::vector<NearestNeighbourInstance>& instances,
                                          const Deadline& deadline) {
  const auto start = std::chrono::steady_clock::now();
  const std::string method =
      fmt::format("given instances under margin gamma = {:.3f}", construction.gamma);
  std::vector<Outcome> outcomes(instances.size());
  try {
    on_threads(kThreads, [&](int t) {
      for (std::size_t i = static_cast<std::size_t>(t); i < instances.size(); i += kThreads)
        outcomes[i] = judge(construction, instances[i], deadline);
    });
  } catch (const TimeoutExpired&) {
    return stopped_check(method, ConstructionEvidence::sample, seconds_since(start), "");
  }
  ConstructionCheck check = summarise(construction, outcomes);
  check.method = method;
  check.seconds = seconds_since(start);
  return check;
}

ConstructionCheck verify_nearest_neighbour(const NearestNeighbourConstruction& construction,
                                           std::uint64_t seed, int instances,
                                           const Deadline& deadline) {
  if (instances < 0) throw InputError("the instance count must be >= 0");
  std::vector<NearestNeighbourInstance> all;
  for (int t = 0; t < instances; ++t)
    all.push_back(random_nearest_neighbour_instance(
        construction, seed * 0x100000001b3ULL + static_cast<std::uint64_t>(t)));
  const auto adversarial = adversarial_nearest_neighbour_instances(construction);
  all.insert(all.end(), adversarial.begin(), adversarial.end());
  ConstructionCheck check = check_nearest_neighbour(construction, all, deadline);
  check.method = fmt::format("random+adversarial under margin gamma = {:.3f}", construction.gamma);
  if (check.stopped) return check;
  check.detail += fmt::format(" ({} random, {} adversarial; {:.3g} s per instance)", instances,
                              adversarial.size(), check.seconds / static_cast<double>(all.size()));
  return check;
}

int default_nearest_neighbour_instances(int n) {
  return std::clamp(4096 / n, 2, 64);
}

ConstructionReport construct_nearest_neighbour(int n, const NumberFormat& format,
                                               std::uint64_t seed, const Deadline& deadline) {
  const NearestNeighbourConstruction c = build_nearest_neighbour(n, format, seed, deadline);
  ConstructionReport report;
  report.task = "NN";
  report.length = n;
  report.architecture = "tf2";
  report.layers = 2;
  report.width = c.width();
  report.heads = 1;
  report.size = report.heads * (report.width + 1);
  report.format = format;
  report.model = fmt::format(
      "codebook V={} s={}, random position code k={} mu={}, c={}, lambda={}, margin gamma={:.3f} "
      "({:.3f} of s), seed {}",
      c.codebook_size, c.dimension, c.code_length, c.max_inner_product, c.copy_scale,
      c.similarity_scale, c.gamma, c.gamma / c.dimension, seed);
  report.check =
      verify_nearest_neighbour(c, seed, default_nearest_neighbour_instances(n), deadline);
  return report;
}

}  // namespace ccbound::reductions
