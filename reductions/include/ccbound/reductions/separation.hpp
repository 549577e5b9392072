// The separation table: for each task and length, the size communication forces on an RNN and on a
// one-layer Transformer (reduction.hpp's bounds), beside the smallest models ccbound builds and
// verifies (constructions.hpp). INDEX separates the two architectures one way (an RNN needs N/p
// coordinates, a one-layer Transformer O(log N) width); EQ and DISJ separate one layer from two
// (a one-layer Transformer needs about N/p' units, two layers O(log N) width); DYCK is easy for a
// constant-size RNN and hard for one layer.
//
// The communication value is computed with checked certificates where the split matrix fits
// (split_complexity) and taken from the closed form beyond (closed_form_complexity, labelled so):
// each value carries its ValueEvidence, and each size bound that of the value's lower end
// (SplitComplexity::bound_evidence). A built model carries its construction's evidence.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/reduction.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

// A built model, or why there is none at this length.
struct BuiltModel {
  std::optional<ConstructionReport> report;
  std::string missing;  // "no construction", or the construction's range error

  bool verified() const { return report && report->check.verified(); }
  // "exhaustive", "proof" or "sample" (evidence_name) when the model passed its check, "failed"
  // when it did not, "" when there is no model.
  std::string_view evidence() const;
};

struct SeparationRow {
  TaskKind kind = TaskKind::index;
  int length = 0;
  SplitComplexity rnn_cc;  // one-way Alice -> Bob
  SizeBound rnn_bound;     // d >= ...
  BuiltModel rnn_built;
  SplitComplexity tf1_cc;        // D
  SizeBound tf1_bound;           // H (m + 1) >= ...
  BuiltModel transformer_built;  // one or two layers, whichever ccbound builds for the task
};

struct SeparationOptions {
  int max_length = 256;  // lengths 4, 8, 16, ... up to this
  NumberFormat format = NumberFormat::binary32();
  std::uint64_t seed = 1;
  double timeout_seconds = 30;                       // for each computed D; an interval on timeout
  std::function<void(const std::string&)> progress;  // called before each row (may be empty)
};

// The lengths of the table: powers of two from 4 up to max_length. Requires max_length >= 4
// (throws InputError).
std::vector<int> separation_lengths(int max_length);

// One row per (task, length), tasks in CCBOUND_TASKS order. Every built model has been verified
// (or its report says it failed); every bound comes from a checked or cited value.
std::vector<SeparationRow> separation_table(const SeparationOptions& options);

// True when every built model in the table was verified (exhaustively or by a proof: a model
// checked on samples only is not).
bool all_verified(const std::vector<SeparationRow>& rows);

}  // namespace ccbound::reductions
