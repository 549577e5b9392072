// gnuplot behind `separations --plot`: a data file per task, a script with four panels, and an
// atomic rename of the result.
#include "separation_plot.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"

extern char** environ;

namespace ccbound::cli {
namespace {

namespace fs = std::filesystem;
using namespace ccbound::reductions;

constexpr TaskKind kTasks[] = {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck};

std::string cell(int value) {
  return value > 0 ? std::to_string(value) : "?";
}

std::string built_cell(const BuiltModel& built) {
  return built.verified() ? cell(built.report->size) : "?";
}

// A path inside a gnuplot single-quoted string: single quotes doubled.
std::string quoted(const std::string& path) {
  std::string out = "'";
  for (const char c : path) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

constexpr const char* kSeries[] = {"RNN d, lower bound", "RNN d, built",
                                   "1-layer TF H(m+1), lower bound", "Transformer H(m+1), built"};
constexpr const char* kColours[] = {"#7b3294", "#008837", "#2c7bb6", "#e66101"};

// Whether column `column` (2..5) of the task's data has a drawable value.
bool has_points(const std::vector<SeparationRow>& rows, TaskKind kind, int column) {
  for (const SeparationRow& r : rows) {
    if (r.kind != kind) continue;
    const int values[] = {r.rnn_bound.min_size, r.rnn_built.verified() ? 1 : 0,
                          r.tf1_bound.min_size, r.transformer_built.verified() ? 1 : 0};
    if (values[column - 2] > 0) return true;
  }
  return false;
}

// One panel; series with nothing to draw are left out (gnuplot would warn about them).
std::string panel(const std::vector<SeparationRow>& rows, TaskKind kind, const fs::path& data) {
  const std::string file = quoted((data / fmt::format("{}.dat", task_name(kind))).string());
  std::string plots;
  for (int column = 2; column <= 5; ++column) {
    if (!has_points(rows, kind, column)) continue;
    plots += fmt::format("{}{} using 1:{} with linespoints lc rgb '{}' title '{}'",
                         plots.empty() ? "" : ", ", plots.empty() ? file : "''", column,
                         kColours[column - 2], kSeries[column - 2]);
  }
  return fmt::format("set title '{}'\nplot {}\n", task_name(kind), plots);
}

std::string script(const std::vector<SeparationRow>& rows, const fs::path& data,
                   const std::string& output) {
  std::string s = fmt::format(
      "set terminal svg size 1200,900 dynamic font 'sans,11'\nset output {}\n"
      "set datafile missing '?'\nset logscale xy 2\nset key top left font ',9'\n"
      "set xlabel 'N'\nset ylabel 'size: d (RNN), H(m+1) per layer (Transformer)'\nset grid\nset "
      "multiplot layout 2,2 "
      "title 'Model size against N: communication lower bounds and verified constructions'\n",
      quoted(output));
  for (const TaskKind kind : kTasks) s += panel(rows, kind, data);
  return s + "unset multiplot\n";
}

// The first line gnuplot wrote to its log, for the error message.
std::string first_line(const fs::path& log) {
  std::string text;
  try {
    text = read_file(log.string());
  } catch (const InputError&) {
    return "";
  }
  return text.substr(0, text.find('\n'));
}

// Runs `gnuplot script` without a shell, its messages going to a log beside the script; throws
// InputError when it cannot run or fails.
void run_gnuplot(const fs::path& script_path) {
  const std::string path = script_path.string();
  const fs::path log = script_path.parent_path() / "gnuplot.log";
  char* argv[] = {const_cast<char*>("gnuplot"), const_cast<char*>(path.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    throw InputError("--plot needs gnuplot (scripts/setup installs Debian's gnuplot-nox)");
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw InputError("gnuplot failed to draw the plot: " + first_line(log));
}

fs::path temporary_directory() {
  std::string pattern = (fs::temp_directory_path() / "ccbound-plot-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw InputError("cannot create a temporary directory for the plot");
  return pattern;
}

void draw(const std::vector<SeparationRow>& rows, const fs::path& dir, const std::string& svg) {
  for (const TaskKind kind : kTasks)
    write_file_atomically((dir / fmt::format("{}.dat", task_name(kind))).string(),
                          separation_plot_data(rows, kind));
  const fs::path script_path = dir / "plot.gp";
  write_file_atomically(script_path.string(), script(rows, dir, svg));
  run_gnuplot(script_path);
}

}  // namespace

std::string separation_plot_data(const std::vector<SeparationRow>& rows, TaskKind kind) {
  std::string data = "# N rnn_lower_bound rnn_built tf1_lower_bound transformer_built\n";
  for (const SeparationRow& r : rows) {
    if (r.kind != kind) continue;
    data += fmt::format("{} {} {} {} {}\n", r.length, cell(r.rnn_bound.min_size),
                        built_cell(r.rnn_built), cell(r.tf1_bound.min_size),
                        built_cell(r.transformer_built));
  }
  return data;
}

void check_plot_target(const std::string& svg_path) {
  const fs::path parent = fs::path(svg_path).parent_path();
  std::error_code error;
  if (!parent.empty() && !fs::is_directory(parent, error))
    throw InputError(fmt::format("cannot write '{}': no such directory", svg_path));
}

void plot_separations(const std::vector<SeparationRow>& rows, const std::string& svg_path) {
  check_plot_target(svg_path);
  const fs::path dir = temporary_directory();
  const std::string partial = svg_path + ".partial";
  try {
    draw(rows, dir, partial);
    std::error_code error;
    fs::rename(partial, svg_path, error);
    if (error) throw InputError(fmt::format("cannot write '{}'", svg_path));
  } catch (...) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    fs::remove_all(dir, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace ccbound::cli
