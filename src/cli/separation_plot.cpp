// gnuplot behind `separations --plot`: a data file per task, a script with four panels, and an
// atomic rename of the result. Each series is drawn in two styles by its evidence: filled markers
// on a solid line where the bound is checked or the model verified, open markers on a dashed line
// where the bound is cited or unchecked or the model was checked on samples only.
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

// A quantity of a row as plotted: its value (0: none to draw) and whether it is established (a
// checked value, or a verified model): drawn filled on a solid line; else (cited, unchecked, or a
// model checked on samples only) open on a dashed line.
struct Point {
  int value = 0;
  bool established = false;
};

Point bound_point(const SizeBound& bound, const SplitComplexity& cc) {
  return {bound.min_size, cc.bound_evidence() == ValueEvidence::checked};
}

Point built_point(const BuiltModel& built) {
  if (!built.report || !built.report->check.passed) return {};  // a failed model is not drawn
  return {built.report->size, built.verified()};
}

struct Series {
  const char* title;
  const char* colour;
  Point (*point)(const SeparationRow&);
};

constexpr Series kSeries[] = {
    {"RNN d, lower bound", "#7b3294",
     [](const SeparationRow& r) { return bound_point(r.rnn_bound, r.rnn_cc); }},
    {"RNN d, built", "#008837", [](const SeparationRow& r) { return built_point(r.rnn_built); }},
    {"1-layer TF H(m+1), lower bound", "#2c7bb6",
     [](const SeparationRow& r) { return bound_point(r.tf1_bound, r.tf1_cc); }},
    {"Transformer H(m+1), built", "#e66101",
     [](const SeparationRow& r) { return built_point(r.transformer_built); }},
};

// The data columns of series s: every value, the established ones, the others.
int all_column(std::size_t s) {
  return 2 + 3 * static_cast<int>(s);
}

// A path inside a gnuplot single-quoted string: single quotes doubled.
std::string quoted(const std::string& path) {
  std::string out = "'";
  for (const char c : path) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Whether series s of the task has a drawable point that is (or is not) established.
bool has_points(const std::vector<SeparationRow>& rows, TaskKind kind, std::size_t s,
                bool established) {
  for (const SeparationRow& r : rows) {
    const Point p = kSeries[s].point(r);
    if (r.kind == kind && p.value > 0 && p.established == established) return true;
  }
  return false;
}

// The plot clauses of series s: a dashed line through every point when some are not established,
// the established points filled on a solid line, the others open. The key names each series once
// (the figure's title says what filled and open mean).
std::vector<std::string> series_clauses(const std::vector<SeparationRow>& rows, TaskKind kind,
                                        std::size_t s) {
  const Series& series = kSeries[s];
  const bool solid = has_points(rows, kind, s, true), open = has_points(rows, kind, s, false);
  const int column = all_column(s);
  const std::string title = fmt::format("title '{}'", series.title);
  std::vector<std::string> clauses;
  if (open)
    clauses.push_back(
        fmt::format("using 1:{} with lines lc rgb '{}' dt 2 notitle", column, series.colour));
  if (solid)
    clauses.push_back(fmt::format("using 1:{} with linespoints lc rgb '{}' pt 7 {}", column + 1,
                                  series.colour, title));
  if (open)
    clauses.push_back(fmt::format("using 1:{} with points lc rgb '{}' pt 6 ps 1.3 {}", column + 2,
                                  series.colour, solid ? "notitle" : title));
  return clauses;
}

// One panel; series with nothing to draw are left out (gnuplot would warn about them).
std::string panel(const std::vector<SeparationRow>& rows, TaskKind kind, const fs::path& data) {
  const std::string file = quoted((data / fmt::format("{}.dat", task_name(kind))).string());
  std::string plots;
  for (std::size_t s = 0; s < std::size(kSeries); ++s)
    for (const std::string& clause : series_clauses(rows, kind, s))
      plots +=
          fmt::format("{}{} {}", plots.empty() ? "" : ", ", plots.empty() ? file : "''", clause);
  return fmt::format("set title '{}'\nplot {}\n", task_name(kind), plots);
}

std::string script(const std::vector<SeparationRow>& rows, const fs::path& data,
                   const std::string& output) {
  std::string s = fmt::format(
      "set terminal svg size 1200,900 dynamic font 'sans,11'\nset output {}\n"
      "set datafile missing '?'\nset logscale xy 2\nset key top left font ',9'\n"
      "set xlabel 'N'\nset ylabel 'size: d (RNN), H(m+1) per layer (Transformer)'\nset grid\nset "
      "multiplot layout 2,2 title \"Model size against N: communication lower bounds and "
      "constructions\\nfilled, solid: checked bound or verified model;  open, dashed: cited or "
      "unchecked bound, or model checked on samples only\"\n",
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
  std::string data = "# N";
  for (const Series& series : kSeries)
    data += fmt::format(" | {}: all, established, other", series.title);
  data += "\n";
  for (const SeparationRow& r : rows) {
    if (r.kind != kind) continue;
    data += std::to_string(r.length);
    for (const Series& series : kSeries) {
      const Point p = series.point(r);
      data += fmt::format(" {} {} {}", cell(p.value), cell(p.established ? p.value : 0),
                          cell(p.established ? 0 : p.value));
    }
    data += "\n";
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
    write_file_atomically(svg_path, read_file(partial));  // in place for /dev/stdout and the like
    std::error_code ignored;
    fs::remove(partial, ignored);
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
