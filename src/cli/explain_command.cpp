// The explain subcommand: check the problem is small enough to draw and the page can be written,
// then run compute_bounds() (whose D is solve()'s answer, protocol included), unfold the protocol
// into leaf rectangles, and print a summary or JSON and/or write the HTML page atomically.
#include "explain_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"
#include "cli_support.hpp"
#include "explain_html.hpp"
#include "explain_tree.hpp"

namespace ccbound::cli {
namespace {

using nlohmann::json;

struct ExplainArgs {
  std::string problem;
  std::string html;
  bool json_output = false;
  double timeout = 0;
  LimitArgs limits;
};

// Refuses what cannot succeed, before the (possibly long) computation.
void check_before_computing(const ExplainArgs& args, const Problem& problem) {
  const Matrix& m = problem.matrix;
  if (m.rows() > kMaxExplainSide || m.cols() > kMaxExplainSide)
    throw InputError(fmt::format("'{}' is {} x {}; matrices can be at most {} x {} for explain",
                                 problem.name, m.rows(), m.cols(), kMaxExplainSide,
                                 kMaxExplainSide));
  if (args.html.empty()) return;
  const std::filesystem::path parent = std::filesystem::path(args.html).parent_path();
  std::error_code error;
  if (!std::filesystem::is_directory(parent.empty() ? "." : parent, error))
    throw InputError(fmt::format("cannot write '{}': no such directory", args.html));
}

std::vector<std::string> tight_labels(const BoundsResult& b) {
  std::vector<std::string> labels;
  for (const MeasureId id : kExplainMeasures)
    if (is_tight(id, b)) labels.emplace_back(measure_label(id));
  return labels;
}

json leaf_json(const LeafRectangle& leaf) {
  return {{"leaf", leaf.leaf},
          {"output", leaf.output ? 1 : 0},
          {"path", leaf.path},
          {"rows", leaf.rows},
          {"cols", leaf.cols}};
}

json summary_json(const BoundsResult& b, const UnfoldedProtocol& tree, const std::string& html) {
  json leaves = json::array();
  for (const LeafRectangle& leaf : tree.leaves) leaves.push_back(leaf_json(leaf));
  return {{"problem", b.problem},
          {"rows", b.rows},
          {"cols", b.cols},
          {"D", b.d.exact() ? json(b.d.lower.value) : json(nullptr)},
          {"lower", b.d.lower.value},
          {"upper", b.d.upper.value},
          {"leaves", tree.leaves.size()},
          {"leaf_rectangles", leaves},
          {"tight", tight_labels(b)},
          {"html", html.empty() ? json(nullptr) : json(html)}};
}

// The summary, marked "interrupted" or "memory_limit" when the run was stopped early.
json stopped_json(json summary) {
  if (stop_reason() == StopReason::memory) summary["memory_limit"] = true;
  if (stop_reason() == StopReason::interrupt || stop_reason() == StopReason::terminate)
    summary["interrupted"] = true;
  return summary;
}

std::string unsettled_text(const SolveResult& d) {
  if (d.exact()) return "";
  if (!stop_label().empty()) return fmt::format(" ({}: the interval proved so far)", stop_label());
  return " (not settled within the time limit)";
}

void print_summary(const BoundsResult& b, const UnfoldedProtocol& tree, const std::string& html) {
  const SolveResult& d = b.d;
  fmt::print("{} ({} x {}): D = {}{}\n", b.problem, b.rows, b.cols, d_text(d), unsettled_text(d));
  fmt::print("  lower bound {}: {}{}\n", d.lower.value, d.lower.method,
             d.lower.checked ? " (checked)" : " (unchecked)");
  fmt::print("  upper bound {}: {}{}\n", d.upper.value, d.upper.method,
             d.upper.checked ? " (checked)" : " (unchecked)");
  fmt::print("protocol: depth {}, {} {}\n", d.protocol.depth(), tree.leaves.size(),
             tree.leaves.size() == 1 ? "leaf" : "leaves");
  for (const LeafRectangle& leaf : tree.leaves)
    fmt::print("  leaf {}: output {}, rows {} x cols {}\n", leaf.leaf, leaf.output ? 1 : 0,
               index_set_text(leaf.rows), index_set_text(leaf.cols));
  const auto tight = tight_labels(b);
  std::string names;
  for (const auto& label : tight) names += (names.empty() ? "" : ", ") + label;
  fmt::print("tight lower bounds: {}\n", names.empty() ? "none" : names);
  if (!html.empty()) fmt::print("page: {}\n", html);
}

int run_explain(const ExplainArgs& args) {
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  begin_limits(args.limits, true);
  const Problem problem = load_problem(args.problem, std::cin);
  check_before_computing(args, problem);
  const Progress progress;
  progress.update(fmt::format("explaining {}", problem.name));
  BoundsOptions options;
  options.timeout_seconds = args.timeout;
  const BoundsResult bounds = compute_bounds(problem, options);
  const UnfoldedProtocol tree = unfold_protocol(bounds.d.protocol);
  if (!args.html.empty()) {
    const ExplainPage page{problem, bounds, tree, render_dot_svg(tree.dot)};
    write_file_atomically(args.html, render_explain_page(page));
  }
  progress.finish();
  if (args.json_output)
    fmt::print("{}\n", stopped_json(summary_json(bounds, tree, args.html)).dump());
  else
    print_summary(bounds, tree, args.html);
  return kExitOk;
}

}  // namespace

void add_explain_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "teaching output: D, the optimal protocol's rectangles, tree and tight bounds");
  cmd->add_option("problem", args->problem,
                  "EQ:n, DISJ:n, IP:n, GT:n, INDEX:n, a matrix file, or - for stdin (at most 64 "
                  "x 64)")
      ->required();
  cmd->add_option("--html", args->html,
                  "write a self-contained HTML page (matrix, rectangles, tree, bounds) here");
  cmd->add_flag("--json", args->json_output, "print the summary as one JSON object");
  cmd->add_option("--timeout", args->timeout, "seconds for solve and all measures (0: none)");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_explain(*args); });
}

}  // namespace ccbound::cli
