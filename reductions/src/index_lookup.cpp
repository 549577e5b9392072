// INDEX_N by a one-layer Transformer of width 2k + 1: the search for a position code of the chosen
// family (sign_code.hpp) and the explicit weights. The three checks of index_lookup.hpp are in
// index_lookup_check.cpp.
#include "ccbound/reductions/index_lookup.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <optional>

#include "ccbound/core/error.hpp"

namespace ccbound::reductions {

namespace {

std::size_t index(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

// ---- The weights ----

void set_embeddings(OneLayerTransformer& model, const SignCode& code) {
  const int n = code.count, k = code.length, m = model.width;
  model.token_embedding.assign(index(n + 2, 0, m), 0.0);
  model.position_embedding.assign(index(n + 1, 0, m), 0.0);
  model.token_embedding[index(1, k, m)] = 1.0;
  for (int v = 0; v < n; ++v)
    for (int i = 0; i < k; ++i) {
      model.token_embedding[index(2 + v, k + 1 + i, m)] = code.sign(v, i);
      model.position_embedding[index(v, i, m)] = code.sign(v, i);
    }
}

void set_head_and_read_out(OneLayerTransformer& model, int k, double scale) {
  const int m = model.width;
  AttentionHead head;
  for (auto* matrix : {&head.query, &head.key, &head.value}) matrix->assign(index(m, 0, m), 0.0);
  for (int i = 0; i < k; ++i) {
    head.query[index(i, k + 1 + i, m)] = scale;
    head.key[index(i, i, m)] = 1.0;
  }
  head.value[index(k, k, m)] = 1.0;
  model.heads = {head};
  model.hidden = 1;
  model.w1.assign(index(2, 0, m), 0.0);
  model.w1[static_cast<std::size_t>(k)] = 1.0;
  model.b1 = {-0.5};
  model.w2 = {1.0};
  model.b2 = 0;
}

// ---- The code search ----

// A code that passed the search, with its (exactly computed) coherence.
struct Candidate {
  SignCode code;
  int mu = 0;
  std::string vectors;
};

std::uint64_t code_seed(std::uint64_t seed, int k) {
  return seed ^ (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(k));
}

std::optional<Candidate> random_candidate(int n, int k, int allowed, std::uint64_t seed,
                                          const Deadline& deadline) {
  const std::uint64_t s = code_seed(seed, k);
  SignCode code = random_sign_code(n, k, s);
  const int mu = max_inner_product(code, allowed, deadline);
  if (mu > allowed) return std::nullopt;
  return Candidate{std::move(code), mu, fmt::format("random seed {}", s)};
}

// Greedy row searches per k for the linear family.
constexpr int kLinearSearches = 4;

// The least weight w with k - 2w <= allowed (at least 1, so codewords are distinct); then a few
// seeded searches for a code with every nonzero weight in [w, k - w]. mu is from the weights.
std::optional<Candidate> linear_candidate(int n, int k, int allowed, std::uint64_t seed,
                                          const Deadline& deadline) {
  const int w = std::max(1, (k - allowed + 1) / 2);
  if (n > 1 && 2 * w > k) return std::nullopt;
  for (int search = 0; search < kLinearSearches; ++search) {
    const std::uint64_t s = code_seed(seed, k) + static_cast<std::uint64_t>(search);
    std::optional<SignCode> code = search_linear_code(n, k, w, s, 64, deadline);
    if (!code) continue;
    const WeightRange weights = codeword_weights(*code);
    const int mu = n < 2 ? 0 : std::max(k - 2 * weights.low, 2 * weights.high - k);
    std::string vectors = fmt::format("linear [{},{}] code, min weight {}, seed {}", k,
                                      code->dimension(), n < 2 ? k : weights.low, s);
    return Candidate{std::move(*code), mu, std::move(vectors)};
  }
  return std::nullopt;
}

IndexLookupConstruction assemble(int n, Candidate candidate, double scale,
                                 const NumberFormat& format, CodeFamily family) {
  IndexLookupConstruction construction;
  construction.model = index_lookup_model(candidate.code, scale, format);
  construction.n = n;
  construction.code_length = candidate.code.length;
  construction.code = std::move(candidate.code);
  construction.max_inner_product = candidate.mu;
  construction.scale = scale;
  construction.family = family;
  construction.vectors = std::move(candidate.vectors);
  return construction;
}

}  // namespace

double index_lookup_scale(int code_length, const NumberFormat& format) {
  const double limit = std::log(format.max_value()) - 1.0;
  const bool fixed = format.kind() == FormatKind::fixed;
  const double step = std::ldexp(1.0, fixed ? -std::min(3, format.fraction_bits()) : -3);
  const double scale = std::floor(limit / code_length / step) * step;
  return scale > 0 && format.representable(scale) ? scale : 0.0;
}

OneLayerTransformer index_lookup_model(const SignCode& code, double scale,
                                       const NumberFormat& format) {
  OneLayerTransformer model;
  model.format = format;
  model.width = 2 * code.length + 1;
  model.vocabulary_size = code.count + 2;
  model.max_length = code.count + 1;
  set_embeddings(model, code);
  set_head_and_read_out(model, code.length, scale);
  model.description =
      fmt::format("index lookup N={} k={} c={} {}", code.count, code.length, scale, format.name());
  model.prepare();
  return model;
}

IndexLookupConstruction build_index_lookup(int n, const NumberFormat& format, std::uint64_t seed,
                                           CodeFamily family, const Deadline& deadline) {
  if (n < 1 || n > kIndexLookupMaxN)
    throw InputError(fmt::format("index lookup needs 1 <= N <= {}", kIndexLookupMaxN));
  const double needed = std::log(4.0 * n);  // c (k - mu) >= ln(4N)
  const bool random = family == CodeFamily::random;
  int tried = 0;
  for (int k = random ? 8 : std::max(1, message_bits(n)); k <= 4096; k += random ? 8 : 1) {
    const double scale = index_lookup_scale(k, format);
    if (scale * k < needed) break;  // c k is about ln(max_value): larger k cannot help
    ++tried;
    const auto allowed = static_cast<int>(std::floor(k - needed / scale));
    deadline.check();
    std::optional<Candidate> candidate = random ? random_candidate(n, k, allowed, seed, deadline)
                                                : linear_candidate(n, k, allowed, seed, deadline);
    if (!candidate) continue;
    IndexLookupConstruction construction =
        assemble(n, std::move(*candidate), scale, format, family);
    construction.codes_tried = tried;
    return construction;
  }
  throw InputError(fmt::format("no index lookup code for N = {} at {}", n, format.name()));
}

ConstructionReport construct_index_lookup(int n, const NumberFormat& format, std::uint64_t seed,
                                          CodeFamily family, const Deadline& deadline) {
  const IndexLookupConstruction construction =
      build_index_lookup(n, format, seed, family, deadline);
  ConstructionReport report;
  report.task = "INDEX";
  report.length = n;
  report.architecture = "tf1";
  report.layers = 1;
  report.width = construction.model.width;
  report.heads = construction.model.head_count();
  report.size = report.heads * (report.width + 1);
  report.format = format;
  report.model =
      fmt::format("{}; k = {}, mu = {}, c = {}", construction.vectors, construction.code_length,
                  construction.max_inner_product, construction.scale);
  report.check = verify_index_lookup(construction, VerifyMethod::automatic, deadline);
  return report;
}

}  // namespace ccbound::reductions
