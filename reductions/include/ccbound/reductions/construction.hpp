// What a positive construction reports: the model's shape in the units the size bounds of
// reduction.hpp speak of, and how its correctness was established. Every construction
// (index_lookup, the RNN constructions, the two-layer Transformers) fills the same two structs, so
// `ccbound construct` and `ccbound separations` print them alike. A check has three outcomes that
// must never be confused: verified (it covered every input: exhaustive or proof), failed (an input
// was decided wrongly, or a proof's bounds did not decide), and not verified (it only sampled, or
// it was stopped by a deadline, an interrupt or a memory limit before it covered what it covers).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ccbound/reductions/number_format.hpp"

namespace ccbound::reductions {

// What a construction's check covers. Only the first two make a construction verified:
//   exhaustive  every input of the task at this N was run through the model;
//   proof       a worst-case argument the code computes covers every input (an exact bound on the
//               rounding errors, a margin bound, or an induction over the states a model can
//               reach);
//   sample      seeded random and adversarial inputs only: evidence, not a verification.
enum class ConstructionEvidence { exhaustive, proof, sample };
std::string_view evidence_name(ConstructionEvidence evidence);  // "exhaustive", "proof", "sample"

struct ConstructionCheck {
  // No input the check examined was decided wrongly (for a proof: its bounds decided every input).
  bool passed = false;
  ConstructionEvidence evidence = ConstructionEvidence::sample;
  // "exhaustive" | "worst case" | "margin bound" | "random+adversarial" | ...
  std::string method;
  // Inputs evaluated (or worst inputs bounded, for the analytic methods).
  std::uint64_t inputs_checked = 0;
  double margin_one = 0;   // least margin seen on inputs labelled 1 (0 when not measured)
  double margin_zero = 0;  // least margin seen on inputs labelled 0 (0 when not measured)
  double seconds = 0;
  std::string detail;  // what failed, or a summary of what was checked
  // The check was stopped (time limit, interrupt, memory limit) before it covered what its method
  // covers: not verified, yet not a failure either. passed then says whether what was examined
  // before the stop was all correct.
  bool stopped = false;

  // The model decides every input correctly, by a complete exhaustive check or a proof.
  bool verified() const { return passed && !stopped && evidence != ConstructionEvidence::sample; }
};

// Why a deadline expired, for a stopped check's detail: "interrupted", "memory limit" or
// "time limit" (from the process-wide stop request of ccbound/core/deadline.hpp, if any).
std::string stop_cause();

// A check of `method` and `evidence` that was stopped after `seconds`: passed, stopped, and a
// detail naming the cause and what had been done (`progress`, may be empty).
ConstructionCheck stopped_check(std::string method, ConstructionEvidence evidence, double seconds,
                                const std::string& progress);

struct ConstructionReport {
  std::string task;          // "INDEX", "EQ", "DISJ", "DYCK", "NN"
  int length = 0;            // N
  std::string architecture;  // "rnn", "tf1" (one layer), "tf2" (two layers)
  int layers = 0;            // 1 for an RNN (one recurrent cell)
  int width = 0;             // d (RNN coordinates) or m (Transformer width)
  int heads = 0;             // heads per layer; 0 for an RNN
  // The quantity the lower bounds bound: d for an RNN, H (m + 1) for a Transformer (per layer).
  int size = 0;
  NumberFormat format = NumberFormat::fixed(8, 4);
  std::string model;  // how it was built: "random sign code k = 32, mu = 20, seed 1", ...
  ConstructionCheck check;
};

}  // namespace ccbound::reductions
