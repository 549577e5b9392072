// From a task, an architecture and a number format to a minimum model size, with the reduction
// executed and checked.
//
// The communication value of the split comes first: for an RNN the one-way cost Alice -> Bob
// (ceil(log2 #distinct rows) of the split matrix: the state after her prefix is her message); for a
// one-layer Transformer the two-way cost D (the protocol of model_protocol.hpp is two-way). It is
// computed with checked certificates when the split matrix fits in kMaxSide x kMaxSide, and taken
// from the closed form otherwise (labelled "theorem", with the largest N the computation covers).
// A computed value that disagrees with the closed form is an internal error. Each side of the value
// says how it was established (ValueEvidence): only a checked side is a theorem ccbound proved.
//
// Then the size bound, from counting bits:
//   RNN:  d p >= CC                      so  d >= ceil(CC / p)
//   tf1:  b + H (m + 1) p' + 1 >= D      so  H (m + 1) >= ceil((D - b - 1) / p')
// with b the bits of Bob's first message (the last token) and p' the exact accumulator's width.
// Last, models are built (a seeded random one, and the task's construction where there is one)
// and their protocols are checked against them on every input or a seeded sample.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/reductions/minimal_dfa.hpp"
#include "ccbound/reductions/model_protocol.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

// How one side of a communication value was established, and how tables mark a number resting on
// it (a legend explains the marker).
//  id         name         marker  meaning
#define CCBOUND_VALUE_EVIDENCE(X)                                                           \
  X(checked, "checked", "", "computed, its certificate accepted by an independent checker") \
  X(unchecked, "unchecked", "?",                                                            \
    "computed, but its certificate was not checked (no proof, or "                          \
    "the check ran out of time)")                                                           \
  X(cited, "cited", "*", "the closed form (a theorem), not computed")

enum class ValueEvidence {
#define CCBOUND_VALUE_EVIDENCE_ENUM(id, name, marker, meaning) id,
  CCBOUND_VALUE_EVIDENCE(CCBOUND_VALUE_EVIDENCE_ENUM)
#undef CCBOUND_VALUE_EVIDENCE_ENUM
};
std::string_view evidence_name(ValueEvidence evidence);     // "checked", "unchecked", "cited"
std::string_view evidence_marker(ValueEvidence evidence);   // "", "?", "*"
std::string_view evidence_meaning(ValueEvidence evidence);  // for legends

struct SplitComplexity {
  int lower = 0;  // the value lies in [lower, upper]; exact when they meet
  int upper = 0;
  std::string measure;  // "one-way Alice -> Bob" or "D (two-way)"
  std::string source;   // how it was established
  ValueEvidence lower_evidence = ValueEvidence::cited;
  ValueEvidence upper_evidence = ValueEvidence::cited;

  bool exact() const { return lower == upper; }
  std::string text() const;  // "5", or "4..6" when not exact
  // The interval's: checked only when both sides are, else the side that is not.
  ValueEvidence evidence() const;
  // The size bounds use the lower end alone (see below), so they carry its evidence.
  ValueEvidence bound_evidence() const { return lower_evidence; }
};

// The closed form of the split's value (the known theorem), and the largest N at which the split
// matrix still fits, i.e. up to which `split_complexity` computes instead of citing it.
int closed_form_complexity(const Task& task, Architecture arch);
// The same for any N >= 1, beyond the lengths a Task accepts (N < 2^31).
int closed_form_complexity(TaskKind kind, std::uint64_t n, Architecture arch);
std::string closed_form_statement(TaskKind kind, Architecture arch);
int largest_computed_length(TaskKind kind, Architecture arch);

// The closed form as a SplitComplexity (both sides cited), its source naming the theorem and the
// largest N the computation covers; for any N >= 1.
SplitComplexity cited_complexity(TaskKind kind, std::uint64_t n, Architecture arch);

// Requires timeout_seconds >= 0 (0: no limit). On timeout the interval proved so far is returned.
// Computed sides are checked, or unchecked where solve() could not check a certificate.
SplitComplexity split_complexity(const Task& task, Architecture arch, double timeout_seconds);

struct SizeBound {
  std::string quantity;  // "d" or "H*(m+1)"
  int min_size = 0;      // the least value of the quantity any correct model can have
  int unit_bits = 0;     // p (RNN) or p' (tf1)
  int other_bits = 0;    // b + 1 (tf1), 0 (RNN)
  std::string formula;   // the inequality with the numbers put in
};

// Use the lower end of the communication value: the bound stays valid when it is an interval.
SizeBound rnn_size_bound(int cc, const NumberFormat& format);
SizeBound transformer_size_bound(int cc, const NumberFormat& format, const Task& task);
// The tf1 bound from its parts: b = first_message_bits (Bob's last token), the sums over
// sequence_length terms. Never below 0.
SizeBound transformer_size_bound(int cc, const NumberFormat& format, int first_message_bits,
                                 std::uint64_t sequence_length);

struct ModelCheck {
  std::string model;          // description
  std::string size;           // "d = 2" or "H = 1, m = 4"
  int size_value = 0;         // d or H*(m+1)
  bool construction = false;  // built to solve the task (also checked against its labels)
  ExtractionCheck check;
};

struct ReductionOptions {
  Architecture arch = Architecture::rnn;
  NumberFormat format = NumberFormat::fixed(8, 4);
  double timeout_seconds = 0;  // for the communication value
  int width = 0;               // random model: d or m; 0 picks one from the bound
  int heads = 1;               // random tf1 model
  std::uint64_t seed = 1;
  CheckOptions check;
};

struct ReductionReport {
  Task task{TaskKind::index, 1};
  Architecture arch = Architecture::rnn;
  NumberFormat format = NumberFormat::fixed(8, 4);
  SplitComplexity cc;
  SizeBound bound;
  std::optional<MinimalDfa> dfa;  // rnn only; absent when too large to build
  int split_level = 0;            // Alice's prefix length (rnn)
  std::vector<ModelCheck> models;
  double seconds = 0;

  // Every model's protocol agreed with the model on every input pair its check examined.
  bool simulation_passed() const;
  // Every model's check examined every input pair (else a seeded sample).
  bool simulation_exhaustive() const;
  // Passed on every input pair: a sampled simulation is evidence, not a verification.
  bool simulation_verified() const { return simulation_passed() && simulation_exhaustive(); }
  std::uint64_t inputs_checked() const;
};

ReductionReport run_reduction(const Task& task, const ReductionOptions& options);

}  // namespace ccbound::reductions
