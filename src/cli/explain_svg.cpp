// Drawing the matrix grid as inline SVG. Everything in it is a number or a fixed word, so nothing
// here needs escaping.
#include "explain_svg.hpp"

#include <fmt/format.h>

namespace ccbound::cli {
namespace {

// Layout: square side and margins, chosen so a 64 x 64 grid still fits a page.
struct Grid {
  int cell;    // side of one square, px
  int left;    // room for row labels
  int top;     // room for column labels
  bool marks;  // whether squares are big enough to hold a "1" / "0"
};

Grid layout(const Matrix& m) {
  const std::size_t side = std::max(m.rows(), m.cols());
  const int cell = side <= 16 ? 30 : side <= 32 ? 20 : 12;
  return {cell, 44, 36, cell >= 20};
}

std::string labels(const Matrix& m, const Grid& g) {
  std::string s = fmt::format(
      "<text x=\"{}\" y=\"12\" class=\"axis\">Bob's input y</text>"
      "<text x=\"2\" y=\"{}\" class=\"axis\" transform=\"rotate(-90 8 {})\">Alice's input x</text>",
      g.left, g.top + 60, g.top + 60);
  const int step = g.marks ? 1 : 4;
  for (std::size_t y = 0; y < m.cols(); y += step)
    s += fmt::format("<text x=\"{}\" y=\"{}\" class=\"index\" text-anchor=\"middle\">{}</text>",
                     g.left + int(y) * g.cell + g.cell / 2, g.top - 6, y);
  for (std::size_t x = 0; x < m.rows(); x += step)
    s += fmt::format("<text x=\"{}\" y=\"{}\" class=\"index\" text-anchor=\"end\">{}</text>",
                     g.left - 4, g.top + int(x) * g.cell + g.cell / 2 + 4, x);
  return s;
}

std::string cell(const Grid& g, std::size_t x, std::size_t y, bool value, int leaf, bool output) {
  const int px = g.left + int(y) * g.cell;
  const int py = g.top + int(x) * g.cell;
  std::string s = fmt::format(
      "<rect class=\"cell {}\" data-row=\"{}\" data-col=\"{}\" data-value=\"{}\" "
      "data-leaf=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
      "<title>x = {}, y = {}: M = {}, leaf {}</title></rect>",
      value ? "one" : "zero", x, y, value ? 1 : 0, leaf, px, py, g.cell, g.cell,
      leaf_colour(leaf, output), x, y, value ? 1 : 0, leaf);
  if (g.marks)
    s += fmt::format("<text x=\"{}\" y=\"{}\" class=\"mark {}\" text-anchor=\"middle\">{}</text>",
                     px + g.cell / 2, py + g.cell / 2 + 5, value ? "one" : "zero", value ? 1 : 0);
  return s;
}

}  // namespace

std::string matrix_svg(const Matrix& m, const std::vector<LeafRectangle>& leaves) {
  const Grid g = layout(m);
  const int width = g.left + int(m.cols()) * g.cell + 2;
  const int height = g.top + int(m.rows()) * g.cell + 2;
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"matrix\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"the matrix, coloured by leaf\">",
      width, height);
  s += labels(m, g);
  const std::vector<int> owner = cell_leaves(leaves, m.rows(), m.cols());
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y) {
      const int leaf = owner[x * m.cols() + y];
      const bool output = leaf > 0 && leaves[std::size_t(leaf - 1)].output;
      s += cell(g, x, y, m.at(x, y), leaf, output);
    }
  return s + "</svg>";
}

}  // namespace ccbound::cli
