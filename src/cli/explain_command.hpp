// `ccbound explain PROBLEM [--html FILE] [--json] [--timeout S]`: teaching output. Solves the
// problem, computes every lower-bound measure, and either prints a short summary (D, the protocol's
// leaf rectangles, the tight bounds) or writes one self-contained HTML page that draws them.
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Matrices larger than this on either side are refused before anything is computed.
inline constexpr std::size_t kMaxExplainSide = 64;

// Adds the subcommand to app; its callback stores the exit code in *exit_code.
void add_explain_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
