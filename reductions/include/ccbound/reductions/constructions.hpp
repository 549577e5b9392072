// The catalogue of positive constructions: which (task, architecture) pairs ccbound can build and
// verify, in one declarative table, and the single entry point the CLI and the separation table
// use. Each construction lives in its own unit (index_lookup, dyck_rnn, register_rnn,
// equality_transformer, nearest_neighbour) and returns a ConstructionReport whose check it ran.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"

namespace ccbound::reductions {

struct ConstructionKind {
  std::string_view task;  // "INDEX", "EQ", "DISJ", "DYCK", "NN"
  std::string_view arch;  // "rnn", "tf1", "tf2"
  bool preferred;         // the one `construct TASK` builds when no --arch is given
  std::string_view help;
  ConstructionReport (*build)(int n, const NumberFormat& format, std::uint64_t seed);
};

// Every construction, in table order.
std::span<const ConstructionKind> construction_kinds();

// The construction for `task` (case-insensitive) and `arch` (empty: the preferred one). Throws
// InputError naming the accepted tasks, or the architectures built for this task.
const ConstructionKind& find_construction(std::string_view task, std::string_view arch);

// Builds and verifies. n's range depends on the construction (each throws InputError outside
// it); the report's check says whether the model was verified and how.
ConstructionReport construct(std::string_view task, std::string_view arch, int n,
                             const NumberFormat& format, std::uint64_t seed);

}  // namespace ccbound::reductions
