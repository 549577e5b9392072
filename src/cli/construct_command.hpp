// `ccbound construct TASK --length N [--arch rnn|tf1|tf2] [--precision P] [--json]`: build one of
// the positive constructions, verify it by simulation at the given precision, and report its shape
// and how it was verified.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "ccbound/reductions/construction.hpp"

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code (1 when the model
// fails its check).
void add_construct_command(CLI::App& app, int* exit_code);

// The report as JSON (also used by `separations --json`).
nlohmann::json construction_json(const reductions::ConstructionReport& report);

}  // namespace ccbound::cli
