// Unfolding a protocol into its leaf rectangles and its DOT drawing, and running Graphviz on it.
//
// The walk follows the bits from the root, narrowing the speaker's side at each split, so every
// leaf ends with exactly the inputs that reach it. Graphviz runs as a child process without a
// shell; its absence or failure is not an error (the page then shows the DOT text instead).
#include "explain_tree.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "ccbound/core/file_io.hpp"

extern char** environ;

namespace ccbound::cli {
namespace {

namespace fs = std::filesystem;
using Indices = std::vector<std::uint32_t>;

Indices all_indices(std::size_t n) {
  Indices v(n);
  std::iota(v.begin(), v.end(), 0U);
  return v;
}

// The part of `side` whose bit is `bit` (ones: the inputs that send 1, sorted).
Indices split_side(const Indices& side, const Indices& ones, bool bit) {
  Indices out;
  for (const std::uint32_t i : side)
    if (std::binary_search(ones.begin(), ones.end(), i) == bit) out.push_back(i);
  return out;
}

// The set of a split node's label, abbreviated like protocol_to_dot's.
std::string short_set(const Indices& ones) {
  const std::string text = index_set_text(ones);
  return text.size() <= 40 ? text : fmt::format("{} inputs", ones.size());
}

class Unfolder {
 public:
  explicit Unfolder(const Protocol& p) : p_(p) {}

  UnfoldedProtocol run() {
    out_.dot = "digraph protocol {\n  node [fontname=\"Helvetica\", fontsize=11];\n";
    visit(p_.root(), all_indices(p_.rows()), all_indices(p_.cols()), "");
    out_.dot += "}\n";
    return std::move(out_);
  }

 private:
  // Returns the DOT name of the drawn node.
  std::string visit(NodeId id, const Indices& rows, const Indices& cols, const std::string& path) {
    const std::string name = fmt::format("v{}", next_++);
    const ProtocolNode& n = p_.node(id);
    if (n.is_leaf) {
      add_leaf(name, n.output, rows, cols, path);
      return name;
    }
    const bool alice = n.speaker == Speaker::alice;
    out_.dot += fmt::format("  {} [shape=ellipse, label=\"{}: sends 1 iff {} in {}\"];\n", name,
                            alice ? "Alice" : "Bob", alice ? "x" : "y", short_set(n.ones));
    for (const bool bit : {false, true}) {
      const Indices r = alice ? split_side(rows, n.ones, bit) : rows;
      const Indices c = alice ? cols : split_side(cols, n.ones, bit);
      const std::string child = visit(n.child[bit], r, c, path + (bit ? "1" : "0"));
      out_.dot += fmt::format("  {} -> {} [label=\"{}\"];\n", name, child, bit ? 1 : 0);
    }
    return name;
  }

  void add_leaf(const std::string& name, bool output, const Indices& rows, const Indices& cols,
                const std::string& path) {
    const int k = int(out_.leaves.size()) + 1;
    out_.leaves.push_back({k, output, path, rows, cols});
    out_.dot += fmt::format(
        "  {} [shape=box, style=filled, fillcolor=\"{}\", label=\"leaf {}\\noutput {}\\n{} x {}\", "
        "class=\"tree-leaf\"];\n",
        name, leaf_colour(k, output), k, output ? 1 : 0, rows.size(), cols.size());
  }

  const Protocol& p_;
  UnfoldedProtocol out_;
  int next_ = 0;
};

// RAII: a fresh private directory under the system's temporary directory, removed at scope exit.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "ccbound-explain-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs `dot -Tsvg input` with stdout to `output` and stderr discarded; true when it exits with 0.
bool run_dot(const std::string& input, const std::string& output) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char* argv[] = {const_cast<char*>("dot"), const_cast<char*>("-Tsvg"),
                  const_cast<char*>(input.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// One channel of an HSL colour (CSS Color 4's formula).
int hsl_channel(double h, double s, double l, int n) {
  const double k = std::fmod(n + h / 30.0, 12.0);
  const double a = s * std::min(l, 1 - l);
  const double v = l - a * std::max(-1.0, std::min({k - 3, 9 - k, 1.0}));
  return int(std::lround(v * 255));
}

}  // namespace

UnfoldedProtocol unfold_protocol(const Protocol& protocol) {
  return Unfolder(protocol).run();
}

std::vector<int> cell_leaves(const std::vector<LeafRectangle>& leaves, std::size_t rows,
                             std::size_t cols) {
  std::vector<int> owner(rows * cols, 0);
  for (const LeafRectangle& leaf : leaves)
    for (const std::uint32_t x : leaf.rows)
      for (const std::uint32_t y : leaf.cols) owner[x * cols + y] = leaf.leaf;
  return owner;
}

std::string leaf_colour(int leaf, bool output) {
  const double hue = std::fmod((leaf - 1) * 137.508, 360.0);  // the golden angle spreads hues
  const double s = output ? 0.70 : 0.55;
  const double l = output ? 0.58 : 0.86;
  return fmt::format("#{:02x}{:02x}{:02x}", hsl_channel(hue, s, l, 0), hsl_channel(hue, s, l, 8),
                     hsl_channel(hue, s, l, 4));
}

std::optional<std::string> render_dot_svg(const std::string& dot) {
  const TemporaryDirectory dir;
  if (dir.path().empty()) return std::nullopt;
  const std::string input = (dir.path() / "tree.dot").string();
  const std::string output = (dir.path() / "tree.svg").string();
  try {
    write_file_atomically(input, dot);
    if (!run_dot(input, output)) return std::nullopt;
    const std::string svg = read_file(output);
    const std::size_t start = svg.find("<svg");
    if (start == std::string::npos) return std::nullopt;
    return svg.substr(start);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string index_set_text(const std::vector<std::uint32_t>& indices) {
  std::string text;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (!text.empty()) text += ", ";
    text +=
        j - i >= 2 ? fmt::format("{}..{}", indices[i], indices[j]) : fmt::format("{}", indices[i]);
    if (j - i == 1) text += fmt::format(", {}", indices[j]);
    i = j + 1;
  }
  return "{" + text + "}";
}

}  // namespace ccbound::cli
