// The solve subcommand: load problems, run solve(), print a table or JSON, write certificates.
#include "solve_command.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ccbound/engines/certificate_writer.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/protocols/protocol_io.hpp"
#include "ccbound/engines/smt_backend.hpp"
#include "ccbound/engines/solve.hpp"
#include "cli_support.hpp"
#include "table.hpp"

namespace ccbound::cli {

namespace {

using nlohmann::json;

struct SolveArgs {
  std::vector<std::string> problems;
  bool json_output = false;
  std::string protocol_out;
  std::string dot_out;
  double timeout = 0;
  std::string engine = "auto";
  std::string proof_dir;
  std::string dimacs_out;
  std::string smt2_out;
  int depth = -1;
  LimitArgs limits;
};

json witness_json(const RankWitness& w) {
  return {
      {"prime", w.prime}, {"of", w.complement ? "J-M" : "M"}, {"rows", w.rows}, {"cols", w.cols}};
}

json evidence_json(const Evidence& e) {
  return {{"value", e.value},
          {"method", e.method},
          {"certificate", certificate_name(e.certificate)},
          {"checked", e.checked},
          {"detail", e.detail}};
}

json result_json(const SolveResult& r) {
  json j = {{"problem", r.problem},
            {"rows", r.rows},
            {"cols", r.cols},
            {"distinct_rows", r.distinct_rows},
            {"distinct_cols", r.distinct_cols},
            {"D", r.exact() ? json(r.lower.value) : json(nullptr)},
            {"lower", r.lower.value},
            {"upper", r.upper.value},
            {"status", status_name(r.status())},
            {"engine", r.engine},
            {"seconds", r.seconds},
            {"timed_out", r.timed_out},
            {"search_nodes", r.search_nodes},
            {"lower_evidence", evidence_json(r.lower)},
            {"upper_evidence", evidence_json(r.upper)},
            {"protocol", protocol_to_json(r.protocol)}};
  if (r.unchecked_lower) j["unchecked_lower"] = evidence_json(*r.unchecked_lower);
  j["rank_witnesses"] =
      r.ranks ? json{{"ones", witness_json(r.ranks->ones)}, {"zeros", witness_json(r.ranks->zeros)}}
              : json(nullptr);
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

// Marks the result the run was stopped in (interrupt or memory limit): its interval is what was
// proved before the stop.
json stopped_json(const SolveResult& r, bool stopped) {
  json j = result_json(r);
  if (stopped && stop_reason() == StopReason::memory) j["memory_limit"] = true;
  if (stopped && stop_reason() != StopReason::memory) j["interrupted"] = true;
  return j;
}

std::string side_text(const Evidence& e) {
  return fmt::format("{} ({}{})", e.value, e.method, e.checked ? ", checked" : ", unchecked");
}

// The D column: the value when exact, else the certified interval, and a claim nobody checked
// after it ("3..4, 4 unchecked").
std::string d_text(const SolveResult& r) {
  if (r.exact()) return fmt::format("{}", r.lower.value);
  const std::string interval = fmt::format("{}..{}", r.lower.value, r.upper.value);
  if (r.status() != SolveStatus::unchecked) return interval;
  return fmt::format("{}, {} unchecked", interval, r.upper.value);
}

// "interrupted: EQ:3: interval 2..4 proved so far", for the result the run was stopped in.
std::string stopped_line(const SolveResult& r) {
  return fmt::format("{}: {}: interval {}..{} proved so far\n", stop_label(), r.problem,
                     r.lower.value, r.upper.value);
}

void print_table(const std::vector<SolveResult>& results, bool stopped) {
  Table table({"problem", ">size", ">distinct", ">D", "lower bound (how)", "upper bound (how)",
               ">seconds"});
  std::string notes;
  for (const auto& r : results) {
    const std::string d = d_text(r);
    table.add_row({r.problem, fmt::format("{}x{}", r.rows, r.cols),
                   fmt::format("{}x{}", r.distinct_rows, r.distinct_cols), d, side_text(r.lower),
                   side_text(r.upper), fmt::format("{:.3f}", r.seconds)});
    if (!r.note.empty()) notes += fmt::format("note: {}: {}\n", r.problem, r.note);
  }
  if (stopped) notes += stopped_line(results.back());
  fmt::print("{}{}", table.render(), notes);
}

void write_outputs(const SolveArgs& args, const SolveResult& r, const Matrix& m) {
  if (!args.proof_dir.empty()) write_certificate_dir(r, m, args.proof_dir);
  if (!args.protocol_out.empty())
    write_file_atomically(args.protocol_out, protocol_to_json(r.protocol).dump(2) + "\n");
  if (!args.dot_out.empty())
    write_file_atomically(args.dot_out, protocol_to_dot(r.protocol, r.problem));
}

// Refuses option combinations that make no sense, before any work is done.
void check_args(const SolveArgs& args, std::size_t problem_count) {
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  const bool exports = !args.dimacs_out.empty() || !args.smt2_out.empty();
  const bool single_outputs =
      exports || !args.protocol_out.empty() || !args.dot_out.empty() || !args.proof_dir.empty();
  if (problem_count > 1 && single_outputs)
    throw InputError(
        "--protocol-out, --dot-out, --proof-dir, --dimacs-out and --smt2-out take a single "
        "problem");
  if (exports && (args.depth < 0 || args.depth > 16))
    throw InputError("--dimacs-out and --smt2-out need --depth k with 0 <= k <= 16");
  for (const std::string* path :
       {&args.protocol_out, &args.dot_out, &args.dimacs_out, &args.smt2_out})
    check_output_target(*path);
}

// Writes the depth-k query for external solvers: the CNF our DRUP proofs refute, and Z3's encoding.
void export_queries(const SolveArgs& args, const Matrix& m) {
  if (!args.dimacs_out.empty())
    write_file_atomically(args.dimacs_out,
                          DepthFormula(deduplicate(m).matrix, args.depth).to_dimacs());
  if (!args.smt2_out.empty()) write_file_atomically(args.smt2_out, smt2_query(m, args.depth));
}

int run_solve(const SolveArgs& args) {
  begin_limits(args.limits, true);
  const auto engine = parse_engine(args.engine);
  if (!engine) throw InputError(fmt::format("unknown engine '{}'", args.engine));
  const auto specs = expand_specs(args.problems);
  check_args(args, specs.size());
  std::vector<Problem> problems;
  for (const auto& spec : specs) problems.push_back(load_problem(spec, std::cin));
  export_queries(args, problems.front().matrix);
  std::vector<SolveResult> results;
  const Progress progress;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    progress.update(fmt::format("solving {} ({}/{})", problems[i].name, i + 1, problems.size()));
    SolveOptions options;
    options.timeout_seconds = args.timeout;
    options.engine = *engine;
    options.proof_dir = args.proof_dir;
    results.push_back(solve(problems[i], options));
    if (stop_reason() != StopReason::none) break;  // the problems after it are not started
  }
  const bool stopped = stop_reason() != StopReason::none && !results.back().exact();
  progress.finish();
  if (results.size() == 1) write_outputs(args, results.front(), problems.front().matrix);
  if (!args.json_output) {
    print_table(results, stopped);
  } else if (results.size() == 1) {
    fmt::print("{}\n", stopped_json(results.front(), stopped).dump());
  } else {
    json all = json::array();
    for (const auto& r : results) all.push_back(stopped_json(r, stopped && &r == &results.back()));
    fmt::print("{}\n", json{{"results", all}}.dump());
  }
  return kExitOk;
}

// One line per engine, from the engine table.
std::string engines_help() {
  std::string help = "the engine:";
#define CCBOUND_ENGINE_HELP(id, name, text) help += fmt::format("\n  {:<7}{}", name, text);
  CCBOUND_ENGINES(CCBOUND_ENGINE_HELP)
#undef CCBOUND_ENGINE_HELP
  return help;
}

}  // namespace

void add_solve_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SolveArgs>();
  CLI::App* cmd = app.add_subcommand("solve", "exact deterministic communication complexity D(M)");
  cmd->add_option("problem", args->problems,
                  "EQ:n, DISJ:n, IP:n, GT:n, INDEX:n (or NAME:a..b), a matrix file, or - for stdin")
      ->required();
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  cmd->add_option("--protocol-out", args->protocol_out, "write the protocol tree as JSON");
  cmd->add_option("--dot-out", args->dot_out, "write the protocol tree as Graphviz DOT");
  cmd->add_option("--timeout", args->timeout, "seconds per problem (0: none); then report bounds");
  cmd->add_option("--engine", args->engine, engines_help());
  cmd->add_option("--proof-dir", args->proof_dir,
                  "save a re-checkable certificate (matrix, protocol, proofs) in this directory");
  cmd->add_option("--dimacs-out", args->dimacs_out, "write the depth-k query as DIMACS CNF");
  cmd->add_option("--smt2-out", args->smt2_out,
                  "write the depth-k query as SMT-LIB 2 (Z3's encoding)");
  cmd->add_option("--depth", args->depth, "the k for --dimacs-out and --smt2-out");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_solve(*args); });
}

}  // namespace ccbound::cli
