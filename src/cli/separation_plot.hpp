// The separation table's plot: size against N on log axes, one panel per task, drawn by gnuplot
// (Debian's gnuplot-nox; scripts/setup installs it). The data and the script go to a temporary
// directory; gnuplot writes the SVG beside the target, which is renamed into place only when
// gnuplot succeeded, so a failed run leaves no partial file.
#pragma once

#include <string>
#include <vector>

#include "ccbound/reductions/separation.hpp"

namespace ccbound::cli {

// Throws InputError when the file's directory does not exist (checked first: call it before any
// long computation), or when gnuplot is not installed, fails, or the file cannot be written.
void check_plot_target(const std::string& svg_path);
// Throws InputError when gnuplot is not installed, fails, or the file cannot be written.
void plot_separations(const std::vector<reductions::SeparationRow>& rows,
                      const std::string& svg_path);

// The gnuplot data block for one task: N, then for each series (RNN bound, RNN built, tf1 bound,
// Transformer built) three columns: every value, the established ones (a checked bound, a verified
// model), the others (cited or unchecked, sampled); '?' where a value is missing or 0 (not
// drawable on a log axis) or belongs to the other column.
std::string separation_plot_data(const std::vector<reductions::SeparationRow>& rows,
                                 reductions::TaskKind kind);

}  // namespace ccbound::cli
