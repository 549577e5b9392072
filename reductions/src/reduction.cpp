// run_reduction: the communication value of a task's split, the size bound it gives, and the
// check of the protocols extracted from real models.
#include "ccbound/reductions/reduction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <stdexcept>

#include "ccbound/core/matrix.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/solve.hpp"
#include "ccbound/proofs/distinct_rows.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {
namespace {

int ceil_div(int a, int b) {
  return a <= 0 ? 0 : (a + b - 1) / b;
}

bool split_fits(const Task& task, Architecture arch) {
  return task.alice_inputs(arch) <= kMaxSide && task.bob_inputs(arch) <= kMaxSide;
}

std::string source_note(const Task& task, Architecture arch, const std::string& computed) {
  return fmt::format("computed on the {}x{} split matrix: {}", task.alice_inputs(arch),
                     task.bob_inputs(arch), computed);
}

SplitComplexity computed_oneway(const Task& task, const Matrix& m) {
  const Deduplicated d = deduplicate(m);
  const auto representatives = first_members(d.row_class, d.matrix.rows());
  const WitnessCheck check = check_distinct_rows(m, representatives);
  if (!check.ok) throw std::logic_error("internal error: distinct rows: " + check.message);
  SplitComplexity value;
  value.lower = value.upper = bits_to_name(representatives.size());
  value.source = source_note(task, Architecture::rnn,
                             fmt::format("{} distinct rows, checked", representatives.size()));
  value.lower_evidence = value.upper_evidence = ValueEvidence::checked;
  return value;
}

ValueEvidence side_evidence(const Evidence& side) {
  return side.checked ? ValueEvidence::checked : ValueEvidence::unchecked;
}

SplitComplexity computed_depth(const Task& task, const Matrix& m, double timeout_seconds) {
  SolveOptions options;
  options.timeout_seconds = timeout_seconds;
  const SolveResult result = solve(Problem{task.name(), m}, options);
  SplitComplexity value;
  value.lower = result.lower.value;
  value.upper = result.upper.value;
  value.lower_evidence = side_evidence(result.lower);
  value.upper_evidence = side_evidence(result.upper);
  value.source = source_note(task, Architecture::tf1,
                             fmt::format("D by solve ({}; {}), {}", result.lower.method,
                                         result.upper.method, evidence_name(value.evidence())));
  if (!result.exact()) value.source += ", timed out: " + result.note;
  return value;
}

}  // namespace

namespace {

struct ValueEvidenceRow {
  std::string_view name, marker, meaning;
};
constexpr ValueEvidenceRow kValueEvidence[] = {
#define CCBOUND_VALUE_EVIDENCE_ROW(id, name, marker, meaning) {name, marker, meaning},
    CCBOUND_VALUE_EVIDENCE(CCBOUND_VALUE_EVIDENCE_ROW)
#undef CCBOUND_VALUE_EVIDENCE_ROW
};

}  // namespace

std::string_view evidence_name(ValueEvidence evidence) {
  return kValueEvidence[std::size_t(evidence)].name;
}
std::string_view evidence_marker(ValueEvidence evidence) {
  return kValueEvidence[std::size_t(evidence)].marker;
}
std::string_view evidence_meaning(ValueEvidence evidence) {
  return kValueEvidence[std::size_t(evidence)].meaning;
}

std::string SplitComplexity::text() const {
  return exact() ? fmt::format("{}", lower) : fmt::format("{}..{}", lower, upper);
}

ValueEvidence SplitComplexity::evidence() const {
  return lower_evidence == ValueEvidence::checked ? upper_evidence : lower_evidence;
}

int closed_form_complexity(TaskKind kind, std::uint64_t n, Architecture arch) {
  const bool rnn = arch == Architecture::rnn;
  const int length = static_cast<int>(n);
  switch (kind) {
    case TaskKind::index:
      return rnn ? length : bits_to_name(static_cast<std::size_t>(n)) + 1;
    case TaskKind::eq:
    case TaskKind::disj:
      return rnn ? length : length + 1;
    case TaskKind::dyck:
      return rnn ? (n % 2 == 1 ? 2 : 3) : length + 1;
  }
  throw std::logic_error("closed_form_complexity: unknown task");
}

int closed_form_complexity(const Task& task, Architecture arch) {
  return closed_form_complexity(task.kind(), static_cast<std::uint64_t>(task.length()), arch);
}

std::string closed_form_statement(TaskKind kind, Architecture arch) {
  const bool rnn = arch == Architecture::rnn;
  switch (kind) {
    case TaskKind::index:
      return rnn ? "the 2^N rows x are pairwise distinct (x_i is row x's answer to i): N bits"
                 : "D(INDEX_N) = ceil(log2 N) + 1 (Bob sends i, Alice answers)";
    case TaskKind::eq:
      return rnn ? "EQ_N has 2^N distinct rows: N bits" : "D(EQ_N) = N + 1";
    case TaskKind::disj:
      return rnn ? "DISJ_N has 2^N distinct rows: N bits" : "D(DISJ_N) = N + 1";
    case TaskKind::dyck:
      return rnn ? "a prefix of length N is a stack of depth = N mod 2 or dead: 3 classes for odd "
                   "N, 6 for even N"
                 : "the gadget's matrix is EQ_N: D = N + 1";
  }
  throw std::logic_error("closed_form_statement: unknown task");
}

int largest_computed_length(TaskKind kind, Architecture arch) {
  int largest = 0;
  for (int n = 1; n <= max_task_length(kind); ++n)
    if (split_fits(Task(kind, n), arch)) largest = n;
  return largest;
}

namespace {

SplitComplexity computed_value(const Task& task, Architecture arch, double timeout_seconds) {
  const Matrix m = task.split_matrix(arch);
  return arch == Architecture::rnn ? computed_oneway(task, m)
                                   : computed_depth(task, m, timeout_seconds);
}

}  // namespace

SplitComplexity cited_complexity(TaskKind kind, std::uint64_t n, Architecture arch) {
  SplitComplexity value;
  value.lower = value.upper = closed_form_complexity(kind, n, arch);
  value.measure = arch == Architecture::rnn ? "one-way Alice -> Bob" : "D (two-way)";
  value.source =
      fmt::format("theorem: {}; verified by computation for N <= {}",
                  closed_form_statement(kind, arch), largest_computed_length(kind, arch));
  return value;
}

SplitComplexity split_complexity(const Task& task, Architecture arch, double timeout_seconds) {
  const bool computable = split_fits(task, arch);
  SplitComplexity value =
      computable ? computed_value(task, arch, timeout_seconds)
                 : cited_complexity(task.kind(), static_cast<std::uint64_t>(task.length()), arch);
  value.measure = arch == Architecture::rnn ? "one-way Alice -> Bob" : "D (two-way)";
  const int closed_form = closed_form_complexity(task, arch);
  if (closed_form < value.lower || closed_form > value.upper)
    throw std::logic_error(fmt::format("internal error: {} computed {}..{}, closed form {}",
                                       task.name(), value.lower, value.upper, closed_form));
  return value;
}

SizeBound rnn_size_bound(int cc, const NumberFormat& format) {
  SizeBound bound{.quantity = std::string(1, 'd'),
                  .min_size = 0,
                  .unit_bits = 0,
                  .other_bits = 0,
                  .formula = {}};
  bound.unit_bits = format.bits();
  bound.min_size = ceil_div(cc, bound.unit_bits);
  bound.formula =
      fmt::format("d*p >= CC: d >= ceil({}/{}) = {}", cc, bound.unit_bits, bound.min_size);
  return bound;
}

SizeBound transformer_size_bound(int cc, const NumberFormat& format, int first_message_bits,
                                 std::uint64_t sequence_length) {
  SizeBound bound{
      .quantity = "H*(m+1)", .min_size = 0, .unit_bits = 0, .other_bits = 0, .formula = {}};
  bound.unit_bits = accumulator_bits(format, sequence_length);
  bound.other_bits = first_message_bits + 1;
  bound.min_size = std::max(0, ceil_div(cc - bound.other_bits, bound.unit_bits));
  bound.formula = fmt::format("b + H*(m+1)*p' + 1 >= D: H*(m+1) >= ceil(({} - {} - 1)/{}) = {}", cc,
                              first_message_bits, bound.unit_bits, bound.min_size);
  return bound;
}

SizeBound transformer_size_bound(int cc, const NumberFormat& format, const Task& task) {
  return transformer_size_bound(cc, format, last_token_bits(task),
                                static_cast<std::uint64_t>(task.sequence_length()));
}

namespace {

ModelCheck checked_rnn(const Rnn& rnn, const Task& task, CheckOptions options, bool construction) {
  options.require_task = construction;
  ModelCheck model{rnn.description, fmt::format("d = {}", rnn.state_size), rnn.state_size,
                   construction, check_rnn_extraction(rnn, task, options)};
  return model;
}

std::vector<ModelCheck> rnn_models(const ReductionReport& report, const ReductionOptions& options) {
  const Task& task = report.task;
  const int d = options.width > 0 ? options.width : std::max(1, report.bound.min_size);
  std::vector<ModelCheck> models;
  models.push_back(
      checked_rnn(random_elman_rnn(d, task.vocabulary_size(), options.format, options.seed), task,
                  options.check, false));
  if (task.kind() == TaskKind::index)
    models.push_back(checked_rnn(index_shift_register_rnn(task.length(), options.format), task,
                                 options.check, true));
  if (task.kind() == TaskKind::dyck)
    models.push_back(checked_rnn(state_machine_rnn(dyck_state_machine(), options.format), task,
                                 options.check, true));
  return models;
}

// The random Transformer's width: as asked, else the least m with H (m + 1) >= the bound.
int transformer_width(const ReductionReport& report, const ReductionOptions& options) {
  if (options.width > 0) return options.width;
  const int heads = std::max(1, options.heads);
  return std::max(1, ceil_div(report.bound.min_size, heads) - 1);
}

std::vector<ModelCheck> transformer_models(const ReductionReport& report,
                                           const ReductionOptions& options) {
  const Task& task = report.task;
  const int m = transformer_width(report, options);
  const OneLayerTransformer model =
      random_one_layer_transformer(m, options.heads, task.vocabulary_size(), task.sequence_length(),
                                   options.format, options.seed);
  ModelCheck checked{model.description, fmt::format("H = {}, m = {}", options.heads, m),
                     options.heads * (m + 1), false,
                     check_transformer_extraction(model, task, options.check)};
  return {checked};
}

}  // namespace

bool ReductionReport::simulation_passed() const {
  return !models.empty() && std::all_of(models.begin(), models.end(),
                                        [](const ModelCheck& m) { return m.check.passed(); });
}

bool ReductionReport::simulation_exhaustive() const {
  return !models.empty() && std::all_of(models.begin(), models.end(),
                                        [](const ModelCheck& m) { return m.check.exhaustive; });
}

std::uint64_t ReductionReport::inputs_checked() const {
  std::uint64_t total = 0;
  for (const ModelCheck& m : models) total += m.check.inputs_checked;
  return total;
}

ReductionReport run_reduction(const Task& task, const ReductionOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ReductionReport report;
  report.task = task;
  report.arch = options.arch;
  report.format = options.format;
  report.cc = split_complexity(task, options.arch, options.timeout_seconds);
  const bool rnn = options.arch == Architecture::rnn;
  report.bound = rnn ? rnn_size_bound(report.cc.lower, options.format)
                     : transformer_size_bound(report.cc.lower, options.format, task);
  if (rnn) {
    report.split_level = static_cast<int>(alice_prefix_length(task));
    report.dfa = minimal_dfa(task);
  }
  report.models = rnn ? rnn_models(report, options) : transformer_models(report, options);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ccbound::reductions
