// The catalogue of positive constructions: which (task, architecture) pairs ccbound can build and
// verify, in one declarative table, and the single entry point the CLI and the separation table
// use. Each construction lives in its own unit (index_lookup, dyck_rnn, register_rnn,
// equality_transformer, nearest_neighbour) and returns a ConstructionReport whose check it ran.
// Every construction takes a Deadline and polls it in its long loops (code searches, simulations,
// exhaustive walks, proofs, on every worker thread); when it expires (time limit, SIGINT/SIGTERM,
// memory limit) the report comes back with check.stopped set instead of an exception.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"

namespace ccbound::reductions {

struct ConstructionKind {
  std::string_view task;  // "INDEX", "EQ", "DISJ", "DYCK", "NN"
  std::string_view arch;  // "rnn", "tf1", "tf2"
  bool preferred;         // the one `construct TASK` builds when no --arch is given
  std::string_view help;
  ConstructionReport (*run)(int n, const NumberFormat& format, std::uint64_t seed,
                            const Deadline& deadline);

  // run(), with or without a deadline (without: no time limit, though a process-wide stop request
  // still stops it). A deadline that expires while the model is still being built gives a report
  // with the request only (task, arch, N, format; width 0) and a stopped check; one that expires
  // while it is verified, the model's shape and a stopped check. Bad requests throw InputError as
  // the construction documents.
  ConstructionReport build(int n, const NumberFormat& format, std::uint64_t seed,
                           const Deadline& deadline = Deadline()) const;
};

// Every construction, in table order.
std::span<const ConstructionKind> construction_kinds();

// The construction for `task` (case-insensitive) and `arch` (empty: the preferred one). Throws
// InputError naming the accepted tasks, or the architectures built for this task.
const ConstructionKind& find_construction(std::string_view task, std::string_view arch);

// Builds and verifies within `deadline`. n's range depends on the construction (each throws
// InputError outside it); the report's check says whether the model was verified and how, or that
// the deadline stopped it (check.stopped).
ConstructionReport construct(std::string_view task, std::string_view arch, int n,
                             const NumberFormat& format, std::uint64_t seed,
                             const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
