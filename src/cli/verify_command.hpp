// `ccbound verify DIR [--json]`: re-check a saved certificate directory from its files alone.
// Exit 0 if every certificate checks, 1 if one does not, 2 if the directory is malformed.
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

void add_verify_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
