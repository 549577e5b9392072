// The three checks of index_lookup.hpp on a built construction: exhaustive (every input, through
// the extracted protocol for small N), worst case (the two extreme inputs per query, exactly, after
// checking the weights make the output monotone) and margin bound (the off-target terms bounded
// by the extreme scores +-c mu, after checking the keys are the code and the values the bits).
#include "ccbound/reductions/index_lookup.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <functional>
#include <numeric>
#include <span>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/model_protocol.hpp"
#include "ccbound/reductions/task.hpp"
#include "threads.hpp"

namespace ccbound::reductions {

namespace {

constexpr int kThreads = 2;
// Up to this N the exhaustive check also runs the extracted protocol on every input.
constexpr int kProtocolCheckMaxN = 12;

std::size_t index(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ---- Checks on the weights ----

struct Layout {
  int n, k, m;
  int bit() const { return k; }
};

Layout layout_of(const IndexLookupConstruction& construction) {
  const int k = construction.code_length;
  return {construction.n, k, 2 * k + 1};
}

std::string check_shape(const IndexLookupConstruction& construction, const Layout& layout) {
  const OneLayerTransformer& model = construction.model;
  if (model.width != layout.m || model.head_count() != 1 || model.vocabulary_size != layout.n + 2 ||
      model.max_length != layout.n + 1 || construction.code.count != layout.n ||
      construction.code.length != layout.k)
    return "the model's shape does not match the construction";
  return "";
}

// Columns where the embeddings of the bit tokens 0 and 1 differ.
std::vector<int> bit_token_columns(const OneLayerTransformer& model) {
  std::vector<int> columns;
  for (int l = 0; l < model.width; ++l)
    if (model.token_embedding[index(0, l, model.width)] !=
        model.token_embedding[index(1, l, model.width)])
      columns.push_back(l);
  return columns;
}

// Keys ignore the bit token; values differ only in the bit coordinate.
std::string check_keys_and_values(const OneLayerTransformer& model, const Layout& layout) {
  const AttentionHead& head = model.heads[0];
  for (int l : bit_token_columns(model))
    for (int r = 0; r < layout.m; ++r) {
      if (head.key[index(r, l, layout.m)] != 0.0) return "the key depends on the bit token";
      if (r != layout.bit() && head.value[index(r, l, layout.m)] != 0.0)
        return "the value depends on the bit token outside the bit coordinate";
    }
  return "";
}

// The head enters the read-out only through the bit coordinate, increasingly.
std::string check_read_out(const OneLayerTransformer& model, const Layout& layout) {
  const auto inputs = static_cast<std::size_t>(2 * layout.m);
  if (model.w1.size() != model.b1.size() * inputs || model.w2.size() != model.b1.size())
    return "the read-out's shape is wrong";
  for (std::size_t r = 0; r < model.b1.size(); ++r) {
    if (model.w2[r] < 0 || model.w1[r * inputs + static_cast<std::size_t>(layout.bit())] <= 0)
      return "the read-out is not increasing in the bit coordinate";
    for (int i = 0; i < layout.m; ++i)
      if (i != layout.bit() && model.w1[r * inputs + static_cast<std::size_t>(i)] != 0.0)
        return "the read-out reads a head coordinate other than the bit";
  }
  return "";
}

std::string check_monotone_structure(const IndexLookupConstruction& construction) {
  const Layout layout = layout_of(construction);
  std::string error = check_shape(construction, layout);
  if (error.empty()) error = check_keys_and_values(construction.model, layout);
  if (error.empty()) error = check_read_out(construction.model, layout);
  return error;
}

// Every key at a bit position is u_{j+1}: W_K the identity on block A, zero elsewhere; block A of
// the position embeddings is the code; the bit tokens are zero on block A.
std::string check_keys_are_code(const IndexLookupConstruction& construction, const Layout& layout) {
  const OneLayerTransformer& model = construction.model;
  const std::vector<double>& key = model.heads[0].key;
  for (int r = 0; r < layout.m; ++r)
    for (int l = 0; l < layout.m; ++l)
      if (key[index(r, l, layout.m)] != (r == l && r < layout.k ? 1.0 : 0.0))
        return "W_K is not the identity on block A";
  for (int i = 0; i < layout.k; ++i) {
    if (model.token_embedding[index(0, i, layout.m)] != 0.0 ||
        model.token_embedding[index(1, i, layout.m)] != 0.0)
      return "a bit token is nonzero on block A";
    for (int j = 0; j < layout.n; ++j)
      if (model.position_embedding[index(j, i, layout.m)] != construction.code.sign(j, i))
        return "the position embeddings are not the code";
  }
  return "";
}

// The bit coordinate of v_j is the bit: W_V's bit row is e_bit, the bit tokens are 0 and 1 there
// and the position embeddings 0.
std::string check_values_are_bits(const OneLayerTransformer& model, const Layout& layout) {
  const std::vector<double>& value = model.heads[0].value;
  for (int l = 0; l < layout.m; ++l)
    if (value[index(layout.bit(), l, layout.m)] != (l == layout.bit() ? 1.0 : 0.0))
      return "W_V's bit row is not the bit coordinate";
  if (model.token_embedding[index(0, layout.bit(), layout.m)] != 0.0 ||
      model.token_embedding[index(1, layout.bit(), layout.m)] != 1.0)
    return "the bit tokens are not 0 and 1 on the bit coordinate";
  for (int j = 0; j < layout.n; ++j)
    if (model.position_embedding[index(j, layout.bit(), layout.m)] != 0.0)
      return "a position embedding is nonzero on the bit coordinate";
  return "";
}

// ---- Sums ----

void add_sums(AttentionSums& to, const AttentionSums& from) {
  for (std::size_t i = 0; i < to.numerator.size(); ++i) to.numerator[i] += from.numerator[i];
  to.denominator += from.denominator;
}

AttentionSums term(const OneLayerTransformer& model, const Vector& query, Token token,
                   int position) {
  AttentionSums sums = model.empty_sums();
  model.accumulate(0, query, token, position, sums);
  return sums;
}

// count * x, exactly, by doubling.
ExactSum times(const ExactSum& x, std::uint64_t count, const NumberFormat& format) {
  ExactSum result(format), power = x;
  for (; count > 0; count >>= 1) {
    if (count & 1) result += power;
    power += ExactSum(power);
  }
  return result;
}

// a_bit = round(N_bit / D) as the model computes it (for the reported margin only).
double bit_average(const AttentionSums& sums, int bit, const NumberFormat& format) {
  if (sums.denominator.is_zero()) return 0.0;
  return format.round(sums.numerator[static_cast<std::size_t>(bit)].to_double() /
                      sums.denominator.to_double());
}

// What one query's check found.
struct QueryResult {
  bool correct = true;
  double margin_one = 0, margin_zero = 0;
  std::string error;
};

QueryResult judge(const IndexLookupConstruction& construction, const AttentionSums& least_one,
                  const AttentionSums& most_zero, int q) {
  const OneLayerTransformer& model = construction.model;
  const Token last = 1 + q;
  const int bit = construction.code_length;
  QueryResult result;
  result.correct = model.finish(std::span(&least_one, 1), last, construction.n) &&
                   !model.finish(std::span(&most_zero, 1), last, construction.n);
  result.margin_one = bit_average(least_one, bit, model.format) - 0.5;
  result.margin_zero = 0.5 - bit_average(most_zero, bit, model.format);
  if (!result.correct) result.error = fmt::format("wrong answer for query q = {}", q);
  return result;
}

// ---- Worst case, exact ----

QueryResult worst_case_query(const IndexLookupConstruction& construction, int q) {
  const OneLayerTransformer& model = construction.model;
  const int n = construction.n;
  const auto bit = static_cast<std::size_t>(construction.code_length);
  const Vector query = model.query(0, 1 + q, n);
  AttentionSums least_one = model.empty_sums(), most_zero = model.empty_sums();
  for (int j = 0; j < n; ++j) {
    const AttentionSums zero = term(model, query, 0, j), one = term(model, query, 1, j);
    const bool one_larger = one.numerator[bit].to_double() > zero.numerator[bit].to_double();
    const bool target = j == q - 1;
    add_sums(least_one, target || !one_larger ? one : zero);
    add_sums(most_zero, !target && one_larger ? one : zero);
  }
  model.accumulate(0, query, 1 + q, n, least_one);
  model.accumulate(0, query, 1 + q, n, most_zero);
  return judge(construction, least_one, most_zero, q);
}

// ---- Margin bound ----

// The off-target terms at the extreme scores +-c mu (token 1, position 0, whose key is u_1).
struct OffTarget {
  ExactSum most_numerator, most_denominator, least_denominator;
};

OffTarget off_target_terms(const IndexLookupConstruction& construction, int mu) {
  const OneLayerTransformer& model = construction.model;
  const auto copies = static_cast<std::uint64_t>(construction.n - 1);
  const auto bit = static_cast<std::size_t>(construction.code_length);
  Vector query(static_cast<std::size_t>(model.width), 0.0);
  query[0] = construction.scale * mu * construction.code.sign(0, 0);
  const AttentionSums high = term(model, query, 1, 0);
  query[0] = -query[0];
  const AttentionSums low = term(model, query, 1, 0);
  return {times(high.numerator[bit], copies, model.format),
          times(high.denominator, copies, model.format),
          times(low.denominator, copies, model.format)};
}

bool query_is_scaled_code(const IndexLookupConstruction& construction, const Vector& query, int q) {
  for (int i = 0; i < construction.model.width; ++i) {
    const double expected =
        i < construction.code_length ? construction.scale * construction.code.sign(q - 1, i) : 0.0;
    if (query[static_cast<std::size_t>(i)] != expected) return false;
  }
  return true;
}

QueryResult margin_query(const IndexLookupConstruction& construction, const OffTarget& off, int q) {
  const OneLayerTransformer& model = construction.model;
  const int n = construction.n;
  const auto bit = static_cast<std::size_t>(construction.code_length);
  const Vector query = model.query(0, 1 + q, n);
  if (!query_is_scaled_code(construction, query, q))
    return {false, 0, 0, fmt::format("the query of q = {} is not c u_q", q)};
  // Target and query position: their own terms; the others bounded by the extremes.
  const AttentionSums own = term(model, query, 1 + q, n);
  AttentionSums least_one = term(model, query, 1, q - 1);
  AttentionSums most_zero = term(model, query, 0, q - 1);
  add_sums(least_one, own);
  add_sums(most_zero, own);
  least_one.denominator += off.most_denominator;
  most_zero.denominator += off.least_denominator;
  most_zero.numerator[bit] += off.most_numerator;
  return judge(construction, least_one, most_zero, q);
}

// ---- Running the per-query checks ----

// check_query(q) for every q on two threads, polling the deadline every 64 queries.
ConstructionCheck run_queries(const IndexLookupConstruction& construction,
                              const std::function<QueryResult(int)>& check_query,
                              const Deadline& deadline) {
  std::vector<QueryResult> results(static_cast<std::size_t>(construction.n));
  on_threads(kThreads, [&](int t) {
    for (int q = 1 + t; q <= construction.n; q += kThreads) {
      if ((q / kThreads) % 64 == 0) deadline.check();
      results[static_cast<std::size_t>(q - 1)] = check_query(q);
    }
  });
  ConstructionCheck check;
  check.passed = true;
  check.margin_one = check.margin_zero = 1.0;
  for (const QueryResult& r : results) {
    if (!r.correct && check.passed) check.detail = r.error;
    check.passed = check.passed && r.correct;
    check.margin_one = std::min(check.margin_one, r.margin_one);
    check.margin_zero = std::min(check.margin_zero, r.margin_zero);
  }
  check.inputs_checked = 2 * static_cast<std::uint64_t>(construction.n);
  return check;
}

ConstructionCheck rejected(std::string method, std::string detail) {
  ConstructionCheck check;
  check.method = std::move(method);
  check.detail = std::move(detail);
  return check;
}

// Every (x, q) straight through model.output, the queries split between the threads.
ConstructionCheck verify_outputs(const IndexLookupConstruction& construction,
                                 const Deadline& deadline) {
  const Task task(TaskKind::index, construction.n);
  std::vector<std::uint64_t> wrong(kThreads, 0);
  on_threads(kThreads, [&](int t) {
    for (int q = 1 + t; q <= construction.n; q += kThreads)
      for (std::uint64_t x = 0; x < task.alice_inputs(Architecture::tf1); ++x) {
        if (x % 1024 == 0) deadline.check();
        const auto tokens = task.sequence(Architecture::tf1, x, static_cast<std::uint64_t>(q - 1));
        if (construction.model.output(tokens) != task.label(tokens)) ++wrong[t];
      }
  });
  const std::uint64_t wrong_total = std::accumulate(wrong.begin(), wrong.end(), std::uint64_t{0});
  ConstructionCheck check;
  check.method = "exhaustive";
  check.evidence = ConstructionEvidence::exhaustive;
  check.inputs_checked = static_cast<std::uint64_t>(construction.n) << construction.n;
  check.passed = wrong_total == 0;
  check.detail =
      fmt::format("{} inputs through output(): {} wrong", check.inputs_checked, wrong_total);
  return check;
}

ConstructionCheck verify_exhaustive(const IndexLookupConstruction& construction,
                                    const Deadline& deadline) {
  if (construction.n > 16) throw InputError("exhaustive verification needs N <= 16");
  if (construction.n > kProtocolCheckMaxN) return verify_outputs(construction, deadline);
  CheckOptions options;
  options.require_task = true;
  options.deadline = &deadline;
  const ExtractionCheck extraction = check_transformer_extraction(
      construction.model, Task(TaskKind::index, construction.n), options);
  ConstructionCheck check;
  check.method = "exhaustive";
  check.evidence = ConstructionEvidence::exhaustive;
  check.passed = extraction.passed() && extraction.exhaustive;
  check.inputs_checked = extraction.inputs_checked;
  check.detail =
      fmt::format("{} inputs: {} task, {} protocol mismatches", extraction.inputs_checked,
                  extraction.task_mismatches, extraction.protocol_mismatches);
  return check;
}

ConstructionCheck verify_worst_case(const IndexLookupConstruction& construction,
                                    const Deadline& deadline) {
  const std::string error = check_monotone_structure(construction);
  if (!error.empty()) return rejected("worst case", error);
  ConstructionCheck check = run_queries(
      construction, [&](int q) { return worst_case_query(construction, q); }, deadline);
  check.method = "worst case";
  check.evidence = ConstructionEvidence::proof;
  if (check.passed) check.detail = "both worst inputs of every query answered correctly";
  return check;
}

ConstructionCheck verify_margin_bound(const IndexLookupConstruction& construction,
                                      const Deadline& deadline) {
  const Layout layout = layout_of(construction);
  std::string error = check_monotone_structure(construction);
  if (error.empty()) error = check_keys_are_code(construction, layout);
  if (error.empty()) error = check_values_are_bits(construction.model, layout);
  if (!error.empty()) return rejected("margin bound", error);
  const Coherence coherence = prove_coherence(construction.code, deadline);
  if (!coherence.error.empty()) return rejected("margin bound", coherence.error);
  const int mu = coherence.mu;
  const OffTarget off = off_target_terms(construction, mu);
  ConstructionCheck check = run_queries(
      construction, [&](int q) { return margin_query(construction, off, q); }, deadline);
  check.method = "margin bound";
  check.evidence = ConstructionEvidence::proof;
  if (check.passed)
    check.detail = fmt::format("mu = {} by {}; bounds decide every query", mu, coherence.method);
  return check;
}

}  // namespace

ConstructionCheck verify_index_lookup(const IndexLookupConstruction& construction,
                                      VerifyMethod method, const Deadline& deadline) {
  const auto start = std::chrono::steady_clock::now();
  if (method == VerifyMethod::automatic)
    method = construction.n <= 16    ? VerifyMethod::exhaustive
             : construction.n <= 256 ? VerifyMethod::worst_case
                                     : VerifyMethod::margin_bound;
  const bool exhaustive = method == VerifyMethod::exhaustive;
  try {
    ConstructionCheck check = exhaustive ? verify_exhaustive(construction, deadline)
                              : method == VerifyMethod::worst_case
                                  ? verify_worst_case(construction, deadline)
                                  : verify_margin_bound(construction, deadline);
    check.seconds = seconds_since(start);
    return check;
  } catch (const TimeoutExpired&) {
    return stopped_check(
        exhaustive                           ? "exhaustive"
        : method == VerifyMethod::worst_case ? "worst case"
                                             : "margin bound",
        exhaustive ? ConstructionEvidence::exhaustive : ConstructionEvidence::proof,
        seconds_since(start), "");
  }
}

}  // namespace ccbound::reductions
