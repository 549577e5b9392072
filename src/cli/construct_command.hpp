// `ccbound construct TASK --length N [--arch rnn|tf1|tf2] [--precision P] [--timeout S] [--json]`:
// build one of the positive constructions, verify it at the given precision (exhaustively or by a
// proof; a sampled check is reported but never counts as verified), and report how it was verified
// and its shape.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "ccbound/reductions/construction.hpp"

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code (0 when verified, 1
// when the model failed its check, was only sampled, or was stopped by --timeout; a signal's status
// is applied by main).
void add_construct_command(CLI::App& app, int* exit_code);

// The report as JSON (also used by `separations --json`).
nlohmann::json construction_json(const reductions::ConstructionReport& report);

}  // namespace ccbound::cli
