// EQ_N and DISJ_N by a two-layer Transformer of width k + 3: layer 1 lets each position fetch the
// bits coded like it (x_i and y_i share u_i), layer 2 turns "some position disagrees" into a large
// attention average. The weights, the code search, and the checks by simulation (exhaustive,
// sampled) of equality_transformer.hpp; the proof is in equality_proof.cpp.
#include "ccbound/reductions/equality_transformer.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "ccbound/core/error.hpp"
#include "threads.hpp"

namespace ccbound::reductions {

namespace {

constexpr int kThreads = 2;
constexpr Token kSeparator = 2;
constexpr int kSeedsPerLength = 4;
constexpr double kThreshold = 0.25;  // score = 1/4 - relu(a)

std::size_t index(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

// Coordinates of the residual stream.
struct Layout {
  int k;
  int m() const { return k + 3; }
  int bit() const { return k; }
  int retrieved() const { return k + 1; }
  int constant() const { return k + 2; }
};

bool is_pair_task(TaskKind kind) {
  return kind == TaskKind::eq || kind == TaskKind::disj;
}

// The code vector of position p in x_1..x_N # y_1..y_N: u_i for x_i (p = i - 1) and y_i
// (p = N + i), u_0 for '#' (p = N).
int code_of_position(int p, int n) {
  return p < n ? p + 1 : p - n;
}

// ---- The weights ----

void set_first_embeddings(OneLayerTransformer& layer, const SignCode& code, const Layout& at) {
  const int n = code.count - 1, m = at.m();
  layer.token_embedding.assign(index(3, 0, m), 0.0);
  for (Token t = 0; t < 3; ++t) layer.token_embedding[index(t, at.constant(), m)] = 1.0;
  layer.token_embedding[index(1, at.bit(), m)] = 1.0;
  layer.position_embedding.assign(index(2 * n + 1, 0, m), 0.0);
  for (int p = 0; p <= 2 * n; ++p)
    for (int i = 0; i < at.k; ++i)
      layer.position_embedding[index(p, i, m)] = code.sign(code_of_position(p, n), i);
}

// q = c u, key u, value: the bit into the retrieved coordinate.
AttentionHead retrieval_head(const Layout& at, double scale) {
  const int m = at.m();
  AttentionHead head;
  for (auto* matrix : {&head.query, &head.key, &head.value}) matrix->assign(index(m, 0, m), 0.0);
  for (int i = 0; i < at.k; ++i) {
    head.query[index(i, i, m)] = scale;
    head.key[index(i, i, m)] = 1.0;
  }
  head.value[index(at.retrieved(), at.bit(), m)] = 1.0;
  return head;
}

OneLayerTransformer first_layer_model(const SignCode& code, double scale, const Layout& at,
                                      const NumberFormat& format, const Deadline& deadline) {
  OneLayerTransformer layer;
  layer.format = format;
  layer.width = at.m();
  layer.vocabulary_size = 3;
  layer.max_length = 2 * (code.count - 1) + 1;
  set_first_embeddings(layer, code, at);
  layer.heads = {retrieval_head(at, scale)};
  layer.description = fmt::format("layer 1: retrieval by code, k={} c={}", at.k, scale);
  layer.prepare(deadline);
  return layer;
}

// Query c2 from the constant; key = value = d (EQ 2 r - 2 bit, DISJ 2 r - 1) in coordinate 0.
AttentionHead mismatch_head(TaskKind kind, const Layout& at, double scale2) {
  const int m = at.m();
  AttentionHead head;
  for (auto* matrix : {&head.query, &head.key, &head.value}) matrix->assign(index(m, 0, m), 0.0);
  head.query[index(0, at.constant(), m)] = scale2;
  head.key[index(0, at.retrieved(), m)] = 2.0;
  if (kind == TaskKind::eq)
    head.key[index(0, at.bit(), m)] = -2.0;
  else
    head.key[index(0, at.constant(), m)] = -1.0;
  head.value = head.key;
  return head;
}

OneLayerTransformer second_layer_model(TaskKind kind, double scale2, const Layout& at,
                                       const NumberFormat& format) {
  OneLayerTransformer layer;
  layer.format = format;
  layer.width = at.m();
  layer.vocabulary_size = 1;
  layer.max_length = 1;
  layer.heads = {mismatch_head(kind, at, scale2)};
  layer.hidden = 1;
  layer.w1.assign(index(2, 0, at.m()), 0.0);
  layer.w1[0] = 1.0;  // a_0, the head's average of d
  layer.b1 = {0.0};
  layer.w2 = {-1.0};
  layer.b2 = kThreshold;
  layer.description = fmt::format("layer 2: mismatch head c2={}, score 1/4 - relu(a)", scale2);
  return layer;
}

TwoLayerTransformer equality_model(TaskKind kind, const SignCode& code, double scale, double scale2,
                                   const NumberFormat& format, const Deadline& deadline) {
  const Layout at{code.length};
  TwoLayerTransformer model;
  model.first = first_layer_model(code, scale, at, format, deadline);
  model.w_o.assign(index(at.m(), 0, at.m()), 0.0);
  model.w_o[index(at.retrieved(), at.retrieved(), at.m())] = 1.0;
  model.second = second_layer_model(kind, scale2, at, format);
  return model;
}

// c2 = ln(8N) rounded up to a multiple of 1/8, or 0 when exp(c2 + 1/4) would saturate.
double second_scale(int n, const NumberFormat& format) {
  const double scale2 = std::ceil(std::log(8.0 * n) * 8.0) / 8.0;
  const bool fits = scale2 + 0.25 <= std::log(format.max_value()) && format.representable(scale2);
  return fits ? scale2 : 0.0;
}

// Rows 0..count-1 of the Sylvester Hadamard matrix of order k (a power of two >= count): entry
// (a, i) is (-1)^popcount(a & i), so distinct rows are orthogonal and mu = 0.
SignCode hadamard_code(int count, int k) {
  SignCode code;
  code.count = count;
  code.length = k;
  code.words = (k + 63) / 64;
  code.bits.assign(static_cast<std::size_t>(count) * static_cast<std::size_t>(code.words), 0);
  for (int a = 0; a < count; ++a)
    for (int i = 0; i < k; ++i)
      if (std::popcount(static_cast<unsigned>(a & i)) % 2 != 0)
        code.bits[index(a, i / 64, code.words)] |= std::uint64_t{1} << (i % 64);
  return code;
}

bool is_power_of_two(int k) {
  return k > 0 && (k & (k - 1)) == 0;
}

std::uint64_t code_seed(std::uint64_t seed, int k, int attempt) {
  return seed ^ (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(k * kSeedsPerLength + attempt));
}

void check_request(TaskKind kind, int n) {
  if (!is_pair_task(kind))
    throw InputError(fmt::format("the two-layer equality construction is for EQ and DISJ, not {}",
                                 task_name(kind)));
  if (n < 1 || n > kMaxEqualityLength)
    throw InputError(
        fmt::format("EQ/DISJ construction needs 1 <= N <= {}, got {}", kMaxEqualityLength, n));
}

// ---- Verification ----

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What one thread saw.
struct Tally {
  std::uint64_t inputs = 0, wrong = 0;
  double least_one = std::numeric_limits<double>::infinity();
  double least_zero = std::numeric_limits<double>::infinity();
  std::string first_failure;

  // `name` describes the input; it is called only for the first failure.
  template <typename Name>
  void record(const EqualityConstruction& construction, const std::vector<Token>& tokens,
              const Deadline& deadline, const Name& name) {
    const bool label = equality_label(construction.kind, tokens);
    const double score = construction.model.score(tokens, deadline);
    ++inputs;
    (label ? least_one : least_zero) =
        std::min(label ? least_one : least_zero, label ? score : -score);
    if ((score > 0) == label) return;
    if (wrong++ == 0) first_failure = fmt::format("{}: label {}, score {}", name(), label, score);
  }

  void merge(const Tally& other) {
    if (first_failure.empty()) first_failure = other.first_failure;
    inputs += other.inputs;
    wrong += other.wrong;
    least_one = std::min(least_one, other.least_one);
    least_zero = std::min(least_zero, other.least_zero);
  }
};

std::vector<bool> bits_of(std::uint64_t value, int n) {
  std::vector<bool> bits(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) bits[static_cast<std::size_t>(i)] = ((value >> i) & 1) != 0;
  return bits;
}

// Every (x, y) on two threads; throws TimeoutExpired from score() once the deadline has expired.
Tally run_exhaustive(const EqualityConstruction& construction, const Deadline& deadline) {
  const std::uint64_t side = std::uint64_t{1} << construction.n;
  std::vector<Tally> tallies(kThreads);
  on_threads(kThreads, [&](int t) {
    for (std::uint64_t pair = static_cast<std::uint64_t>(t); pair < side * side; pair += kThreads) {
      const std::uint64_t a = pair / side, b = pair % side;
      tallies[static_cast<std::size_t>(t)].record(
          construction, equality_sequence(bits_of(a, construction.n), bits_of(b, construction.n)),
          deadline, [&] { return fmt::format("x = {}, y = {}", a, b); });
    }
  });
  for (std::size_t t = 1; t < tallies.size(); ++t) tallies[0].merge(tallies[t]);
  return tallies[0];
}

struct NamedPair {
  std::string name;
  std::vector<bool> x, y;
};

std::vector<bool> random_bits(int n, std::mt19937_64& rng) {
  std::vector<bool> bits(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < bits.size(); ++i) bits[i] = (rng() & 1) != 0;
  return bits;
}

std::size_t random_position(int n, std::mt19937_64& rng) {
  return static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(n));
}

std::vector<bool> complement(std::vector<bool> bits) {
  bits.flip();
  return bits;
}

// x = y (all zero, all one, random), Hamming distance 1; for DISJ also disjoint dense pairs
// (y = not x) and such pairs with exactly one shared element.
std::vector<NamedPair> adversarial_pairs(TaskKind kind, int n, std::mt19937_64& rng) {
  const auto size = static_cast<std::size_t>(n);
  std::vector<NamedPair> pairs = {
      {"x = y = 0", std::vector<bool>(size), std::vector<bool>(size)},
      {"x = y = 1", std::vector<bool>(size, true), std::vector<bool>(size, true)}};
  for (int r = 0; r < 2; ++r) {
    const std::vector<bool> x = random_bits(n, rng);
    pairs.push_back({"x = y random", x, x});
    std::vector<bool> y = x;
    const std::size_t flip = random_position(n, rng);
    y[flip] = !y[flip];
    pairs.push_back({fmt::format("distance 1 at {}", flip), x, y});
    if (kind != TaskKind::disj) continue;
    pairs.push_back({"disjoint dense", x, complement(x)});
    NamedPair shared{"", x, complement(x)};
    const std::size_t i = random_position(n, rng);
    shared.x[i] = shared.y[i] = true;
    shared.name = fmt::format("one shared element at {}", i);
    pairs.push_back(std::move(shared));
  }
  return pairs;
}

Tally run_pairs(const EqualityConstruction& construction, const std::vector<NamedPair>& pairs,
                const Deadline& deadline) {
  std::vector<Tally> tallies(kThreads);
  on_threads(kThreads, [&](int t) {
    for (std::size_t p = static_cast<std::size_t>(t); p < pairs.size(); p += kThreads)
      tallies[static_cast<std::size_t>(t)].record(construction,
                                                  equality_sequence(pairs[p].x, pairs[p].y),
                                                  deadline, [&] { return pairs[p].name; });
  });
  tallies[0].merge(tallies[1]);
  return tallies[0];
}

std::vector<NamedPair> sample_pairs(const EqualityConstruction& construction, std::uint64_t seed,
                                    int random_pairs) {
  std::mt19937_64 rng(seed);
  std::vector<NamedPair> pairs = adversarial_pairs(construction.kind, construction.n, rng);
  for (int r = 0; r < random_pairs; ++r)
    pairs.push_back({fmt::format("random pair {}", r), random_bits(construction.n, rng),
                     random_bits(construction.n, rng)});
  return pairs;
}

ConstructionCheck check_from(const Tally& tally, std::string method) {
  ConstructionCheck check;
  check.method = std::move(method);
  check.inputs_checked = tally.inputs;
  check.passed = tally.wrong == 0 && tally.inputs > 0;
  check.evidence = check.method == "exhaustive" ? ConstructionEvidence::exhaustive
                                                : ConstructionEvidence::sample;
  check.margin_one = std::isfinite(tally.least_one) ? tally.least_one : 0.0;
  check.margin_zero = std::isfinite(tally.least_zero) ? tally.least_zero : 0.0;
  check.detail =
      check.passed ? fmt::format("{} inputs through the two-layer model, all correct", tally.inputs)
                   : fmt::format("{} of {} inputs wrong; first: {}", tally.wrong, tally.inputs,
                                 tally.first_failure);
  return check;
}

}  // namespace

std::vector<Token> equality_sequence(const std::vector<bool>& x, const std::vector<bool>& y) {
  if (x.empty() || x.size() != y.size())
    throw std::logic_error("equality_sequence needs x and y of the same length >= 1");
  std::vector<Token> tokens;
  tokens.reserve(2 * x.size() + 1);
  for (bool bit : x) tokens.push_back(bit ? 1 : 0);
  tokens.push_back(kSeparator);
  for (bool bit : y) tokens.push_back(bit ? 1 : 0);
  return tokens;
}

bool equality_label(TaskKind kind, std::span<const Token> tokens) {
  const std::size_t n = tokens.size() / 2;
  if (!is_pair_task(kind) || tokens.size() < 3 || tokens.size() % 2 == 0 || tokens[n] != kSeparator)
    throw std::logic_error("equality_label needs EQ or DISJ and x_1..x_N # y_1..y_N");
  bool equal = true, disjoint = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Token x = tokens[i], y = tokens[n + 1 + i];
    if (x < 0 || x > 1 || y < 0 || y > 1) throw std::logic_error("equality_label: not a bit");
    equal = equal && x == y;
    disjoint = disjoint && !(x == 1 && y == 1);
  }
  return kind == TaskKind::eq ? equal : disjoint;
}

EqualityConstruction build_equality_transformer(TaskKind kind, int n, const NumberFormat& format,
                                                std::uint64_t seed, const Deadline& deadline) {
  check_request(kind, n);
  const double scale2 = second_scale(n, format);
  if (scale2 == 0)
    throw InputError(fmt::format("{}: exp(ln 8N) saturates at N = {}", format.name(), n));
  const double needed = std::log(16.0 * n * scale2);  // c (k - mu) >= ln(16 N c2)
  EqualityConstruction construction;
  for (int k = 8; k <= 1024; k += 8) {
    const double scale = index_lookup_scale(k, format);
    if (scale * k < needed) break;  // c k is about ln(max_value): larger k cannot help
    const auto allowed = static_cast<int>(std::floor(k - needed / scale));
    // Random codes first (k = O(log N)); Hadamard rows (mu = 0, k >= N + 1) for small N.
    for (int attempt = 0; attempt <= kSeedsPerLength; ++attempt) {
      const bool hadamard = attempt == kSeedsPerLength;
      if (hadamard && (!is_power_of_two(k) || k < n + 1)) continue;
      ++construction.codes_tried;
      deadline.check();
      const std::uint64_t vectors_seed = code_seed(seed, k, attempt);
      SignCode code = hadamard ? hadamard_code(n + 1, k) : random_sign_code(n + 1, k, vectors_seed);
      const int mu = max_inner_product(code, allowed, deadline);
      if (mu > allowed) continue;
      construction.model = equality_model(kind, code, scale, scale2, format, deadline);
      construction.kind = kind;
      construction.n = n;
      construction.code = std::move(code);
      construction.code_length = k;
      construction.max_inner_product = mu;
      construction.scale = scale;
      construction.scale2 = scale2;
      construction.vectors =
          hadamard ? "Sylvester Hadamard rows" : fmt::format("random seed {}", vectors_seed);
      return construction;
    }
  }
  throw InputError(fmt::format("no {} code for N = {} at {}", task_name(kind), n, format.name()));
}

ConstructionCheck verify_equality_transformer(const EqualityConstruction& construction,
                                              EqualityCheck method, const Deadline& deadline) {
  if (method == EqualityCheck::automatic)
    method = construction.n <= kExhaustiveEqualityLength ? EqualityCheck::exhaustive
                                                         : EqualityCheck::proof;
  if (method == EqualityCheck::exhaustive && construction.n > kExhaustiveEqualityLength)
    throw InputError(
        fmt::format("the exhaustive EQ/DISJ check needs N <= {}", kExhaustiveEqualityLength));
  const auto start = std::chrono::steady_clock::now();
  const bool exhaustive = method == EqualityCheck::exhaustive;
  try {
    if (!exhaustive) return prove_equality_transformer(construction, deadline);
    ConstructionCheck check = check_from(run_exhaustive(construction, deadline), "exhaustive");
    check.seconds = seconds_since(start);
    return check;
  } catch (const TimeoutExpired&) {
    return stopped_check(
        exhaustive ? "exhaustive" : "layer bounds",
        exhaustive ? ConstructionEvidence::exhaustive : ConstructionEvidence::proof,
        seconds_since(start), "");
  }
}

ConstructionCheck sample_equality_transformer(const EqualityConstruction& construction,
                                              std::uint64_t seed, int random_pairs,
                                              const Deadline& deadline) {
  const auto start = std::chrono::steady_clock::now();
  try {
    ConstructionCheck check =
        check_from(run_pairs(construction,
                             sample_pairs(construction, seed, std::max(random_pairs, 0)), deadline),
                   "random+adversarial");
    check.seconds = seconds_since(start);
    return check;
  } catch (const TimeoutExpired&) {
    return stopped_check("random+adversarial", ConstructionEvidence::sample, seconds_since(start),
                         "");
  }
}

ConstructionReport construct_equality_transformer(TaskKind kind, int n, const NumberFormat& format,
                                                  std::uint64_t seed, const Deadline& deadline) {
  const EqualityConstruction construction =
      build_equality_transformer(kind, n, format, seed, deadline);
  ConstructionReport report;
  report.task = std::string(task_name(kind));
  report.length = n;
  report.architecture = "tf2";
  report.layers = 2;
  report.width = construction.model.first.width;
  report.heads = construction.model.first.head_count();
  report.size = report.heads * (report.width + 1);
  report.format = format;
  report.model = fmt::format("sign code k = {}, mu = {}, c = {}, c2 = {}, {}",
                             construction.code_length, construction.max_inner_product,
                             construction.scale, construction.scale2, construction.vectors);
  report.check = verify_equality_transformer(construction, EqualityCheck::automatic, deadline);
  return report;
}

}  // namespace ccbound::reductions
