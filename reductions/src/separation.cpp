// Rows of the separation table: the bounds at any length (computed where the split matrix fits,
// the closed form beyond, each value saying which) and the built models, looked up in the
// construction table.
#include "ccbound/reductions/separation.hpp"

#include <fmt/format.h>

#include <bit>

#include "ccbound/core/error.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/reductions/constructions.hpp"

namespace ccbound::reductions {

namespace {

constexpr int kMaxSeparationLength = 1 << 16;

bool task_accepts(TaskKind kind, int n) {
  return n <= max_task_length(kind);
}

SplitComplexity communication(TaskKind kind, int n, Architecture arch, double timeout) {
  if (task_accepts(kind, n) && n <= largest_computed_length(kind, arch))
    return split_complexity(Task(kind, n), arch, timeout);
  return cited_complexity(kind, static_cast<std::uint64_t>(n), arch);
}

SizeBound tf1_bound(TaskKind kind, int n, int cc, const NumberFormat& format) {
  const auto length = static_cast<std::uint64_t>(n);
  const int first =
      bits_to_name(static_cast<std::size_t>(last_token_count(kind, Architecture::tf1, length)));
  return transformer_size_bound(cc, format, first, sequence_length_of(kind, length));
}

// The first construction of the table for this task whose architecture satisfies `wanted`.
template <typename Wanted>
BuiltModel build(TaskKind kind, int n, const SeparationOptions& options, Wanted wanted) {
  for (const ConstructionKind& c : construction_kinds()) {
    if (c.task != task_name(kind) || !wanted(c.arch)) continue;
    try {
      return {c.build(n, options.format, options.seed), {}};
    } catch (const InputError& e) {
      return {std::nullopt, e.what()};
    }
  }
  return {std::nullopt, "no construction"};
}

SeparationRow separation_row(TaskKind kind, int n, const SeparationOptions& options) {
  SeparationRow row;
  row.kind = kind;
  row.length = n;
  row.rnn_cc = communication(kind, n, Architecture::rnn, options.timeout_seconds);
  row.rnn_bound = rnn_size_bound(row.rnn_cc.lower, options.format);
  row.rnn_built = build(kind, n, options, [](std::string_view a) { return a == "rnn"; });
  row.tf1_cc = communication(kind, n, Architecture::tf1, options.timeout_seconds);
  row.tf1_bound = tf1_bound(kind, n, row.tf1_cc.lower, options.format);
  row.transformer_built = build(kind, n, options, [](std::string_view a) { return a != "rnn"; });
  return row;
}

}  // namespace

std::string_view BuiltModel::evidence() const {
  if (!report) return "";
  return report->check.passed ? evidence_name(report->check.evidence) : "failed";
}

std::vector<int> separation_lengths(int max_length) {
  if (max_length < 4 || max_length > kMaxSeparationLength)
    throw InputError(fmt::format("--max-length must be between 4 and {}", kMaxSeparationLength));
  std::vector<int> lengths;
  for (int n = 4; n <= max_length; n *= 2) lengths.push_back(n);
  return lengths;
}

std::vector<SeparationRow> separation_table(const SeparationOptions& options) {
  const std::vector<int> lengths = separation_lengths(options.max_length);
  std::vector<SeparationRow> rows;
  for (const TaskKind kind : {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck}) {
    for (const int n : lengths) {
      if (options.progress)
        options.progress(fmt::format("separations: {} N = {}", task_name(kind), n));
      rows.push_back(separation_row(kind, n, options));
    }
  }
  return rows;
}

bool all_verified(const std::vector<SeparationRow>& rows) {
  for (const SeparationRow& row : rows)
    for (const BuiltModel* built : {&row.rnn_built, &row.transformer_built})
      if (built->report && !built->verified()) return false;
  return true;
}

}  // namespace ccbound::reductions
