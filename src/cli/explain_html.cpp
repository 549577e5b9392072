// Rendering the explain page, section by section. Each section is a function returning its HTML;
// strings from the input pass through html_escape() at the point where they enter the markup.
#include "explain_html.hpp"

#include <fmt/format.h>

#include "explain_svg.hpp"

namespace ccbound::cli {
namespace {

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222;
       line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.tight td { background: #e5f5e0; font-weight: 600; } td.detail { font-size: .85em; color: #555; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 1px solid #666;
          vertical-align: middle; }
svg.matrix text.axis { font-size: 12px; fill: #444; } svg.matrix text.index { font-size: 10px; fill: #666; }
svg.matrix rect.cell { stroke: #fff; stroke-width: 1; }
svg.matrix text.mark { font-size: 13px; pointer-events: none; }
svg.matrix text.mark.one { font-weight: 700; fill: #000; } svg.matrix text.mark.zero { fill: #777; }
pre.dot { background: #f7f7f7; border: 1px solid #ddd; padding: .8em; overflow-x: auto; }
.tree svg { max-width: 100%; height: auto; } dt { font-weight: 600; } dd { margin: 0 0 .6em 1.5em; }
body:has(tr.leaf:hover) svg.matrix rect.cell { opacity: .3; }
)";

// A leaf row hovered in the list lights up its cells in the grid (CSS :has, no script).
std::string hover_rules(std::size_t leaves) {
  if (leaves > 256) return "";
  std::string css;
  for (std::size_t k = 1; k <= leaves; ++k)
    css += fmt::format(
        "body:has(tr.leaf[data-leaf=\"{0}\"]:hover) svg.matrix rect.cell[data-leaf=\"{0}\"] "
        "{{ opacity: 1; stroke: #000; stroke-width: 2; }}\n",
        k);
  return css;
}

std::string head(const ExplainPage& page) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>D({}) explained - ccbound</title>\n<style>{}{}</style>\n</head>\n<body>\n",
      html_escape(page.problem.name), kStyle, hover_rules(page.tree.leaves.size()));
}

int best_implied(const BoundsResult& b) {
  int best = 0;
  for (const MeasureId id : kExplainMeasures)
    if (id != MeasureId::D && b[id].implies) best = std::max(best, *b[id].implies);
  return best;
}

std::string tight_sentence(const BoundsResult& b) {
  std::string names;
  for (const MeasureId id : kExplainMeasures)
    if (is_tight(id, b)) names += (names.empty() ? "" : ", ") + std::string(measure_label(id));
  if (!b.d.exact()) return "D is not settled yet, so no measure can be called tight. ";
  if (names.empty())
    return fmt::format(
        "None of the measures below reaches D (the best gives D &ge; {}), so the lower bound comes "
        "from {} instead. ",
        best_implied(b), html_escape(b.d.lower.method));
  return fmt::format("Here the bound is tight for: {}. ", html_escape(names));
}

std::string explanation(const ExplainPage& page) {
  const SolveResult& d = page.bounds.d;
  return fmt::format(
      "<p class=\"explanation\">Alice holds a row x (one of {} inputs) and Bob a column y (one of "
      "{}); both must learn M[x][y]. In a deterministic protocol the speaker at each node sends "
      "one "
      "bit that depends only on their own input, so the inputs reaching a node always form a "
      "<em>rectangle</em> (a set of rows times a set of columns), and at a leaf that rectangle "
      "must be monochromatic. The protocol below needs {} bits in the worst case and its {} "
      "leaves cut the matrix into {} monochromatic rectangles, coloured one per leaf in the grid "
      "(a rectangle need not be contiguous in this row and column order). Since a protocol of "
      "depth d has at most 2<sup>d</sup> leaves, any lower bound L on the number of monochromatic "
      "rectangles needed (ranks, fooling sets, partition numbers) gives D &ge; "
      "&lceil;log<sub>2</sub> L&rceil;. {}The lower bound D &ge; {} is certified by {}; the upper "
      "bound D &le; {} by the protocol itself, re-run on every input pair by the verifier.</p>\n",
      page.problem.matrix.rows(), page.problem.matrix.cols(), d.upper.value,
      page.tree.leaves.size(), page.tree.leaves.size(), tight_sentence(page.bounds), d.lower.value,
      html_escape(d.lower.method), d.upper.value);
}

std::string title_section(const ExplainPage& page) {
  const SolveResult& d = page.bounds.d;
  const std::string value = d.exact()
                                ? fmt::format("D = {}", d.lower.value)
                                : fmt::format("{} &le; D &le; {}", d.lower.value, d.upper.value);
  return fmt::format(
      "<h1>{}: <span class=\"d\" data-d=\"{}\">{}</span></h1>\n"
      "<p class=\"subtitle\">a {} x {} matrix ({} distinct rows, {} distinct columns); "
      "{} bits suffice and {} are necessary{}</p>\n",
      html_escape(page.problem.name), d_text(d), value, d.rows, d.cols, d.distinct_rows,
      d.distinct_cols, d.upper.value, d.lower.value,
      d.timed_out ? " (the time limit was reached: this is the interval proved so far)" : "");
}

std::string matrix_section(const ExplainPage& page) {
  return fmt::format(
      "<section id=\"ccb-matrix\">\n<h2>The matrix and the protocol's rectangles</h2>\n"
      "<p>Rows are Alice's inputs, columns Bob's. Each square is coloured by the leaf its input "
      "pair reaches; 1-entries are dark (and marked <b>1</b> when there is room), 0-entries pale. "
      "Hover "
      "over a leaf in the list to light up its rectangle.</p>\n{}\n</section>\n",
      matrix_svg(page.problem.matrix, page.tree.leaves));
}

std::string leaf_row(const LeafRectangle& leaf) {
  return fmt::format(
      "<tr class=\"leaf\" data-leaf=\"{0}\" data-output=\"{1}\"><td><span class=\"swatch\" "
      "style=\"background:{2}\"></span> {0}</td><td class=\"num\">{1}</td><td>{3}</td>"
      "<td>{4}</td><td>{5}</td><td class=\"num\">{6} x {7}</td></tr>\n",
      leaf.leaf, leaf.output ? 1 : 0, leaf_colour(leaf.leaf, leaf.output),
      leaf.path.empty() ? "(none)" : leaf.path, index_set_text(leaf.rows),
      index_set_text(leaf.cols), leaf.rows.size(), leaf.cols.size());
}

std::string leaves_section(const ExplainPage& page) {
  std::string rows;
  for (const LeafRectangle& leaf : page.tree.leaves) rows += leaf_row(leaf);
  return fmt::format(
      "<section id=\"ccb-leaves\">\n<h2>Leaves: {} monochromatic rectangle{}</h2>\n<table>\n"
      "<tr><th>leaf</th><th>output</th><th>bits sent</th><th>rows (Alice)</th>"
      "<th>columns (Bob)</th><th>size</th></tr>\n{}</table>\n</section>\n",
      page.tree.leaves.size(), page.tree.leaves.size() == 1 ? "" : "s", rows);
}

std::string tree_section(const ExplainPage& page) {
  const std::string body = page.tree_svg
                               ? *page.tree_svg
                               : fmt::format(
                                     "<p>Graphviz (<code>dot</code>) is not installed, so here is "
                                     "the tree in DOT form:</p>\n<pre class=\"dot\">{}</pre>",
                                     html_escape(page.tree.dot));
  return fmt::format(
      "<section id=\"ccb-tree\" class=\"tree\">\n<h2>The protocol tree (depth {})</h2>\n"
      "<p>At each oval the named player sends 1 exactly when their input is in the set shown; "
      "edges carry the bit. Boxes are the leaves, numbered and coloured as above.</p>\n{}\n"
      "</section>\n",
      page.bounds.d.protocol.depth(), body);
}

std::string evidence_item(std::string_view side, const Evidence& e) {
  return fmt::format(
      "<dt class=\"evidence\" data-side=\"{0}\">{0} bound: {1}</dt>\n<dd>by {2}; certificate: "
      "{3}, {4}.{5}</dd>\n",
      side, e.value, html_escape(e.method), certificate_name(e.certificate),
      e.checked ? "re-checked by independent code" : "not independently checked",
      e.detail.empty() ? "" : " Checker: " + html_escape(e.detail));
}

std::string certificates_section(const ExplainPage& page) {
  const SolveResult& d = page.bounds.d;
  return fmt::format(
      "<section id=\"ccb-certificates\">\n<h2>Why {}: the certificates</h2>\n<dl>\n{}{}</dl>\n"
      "<p>Settled by the {} engine in {:.3f} s.{}</p>\n</section>\n",
      d.exact() ? fmt::format("D = {}", d.lower.value)
                : fmt::format("{} &le; D &le; {}", d.lower.value, d.upper.value),
      evidence_item("lower", d.lower), evidence_item("upper", d.upper), html_escape(d.engine),
      d.seconds, d.note.empty() ? "" : " Note: " + html_escape(d.note));
}

std::string measure_value(const Measure& m) {
  return m.settled() ? fmt::format("{}", m.lower) : fmt::format("{}..{}", m.lower, m.upper);
}

std::string bound_row(MeasureId id, const BoundsResult& b) {
  const Measure& m = b[id];
  const bool tight = is_tight(id, b);
  return fmt::format(
      "<tr class=\"bound{}\" data-measure=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"detail\">{}</td>"
      "</tr>\n",
      tight ? " tight" : "", measure_key(id), html_escape(measure_label(id)),
      html_escape(measure_description(id)), measure_value(m),
      m.implies ? fmt::format("{}", *m.implies) : "-",
      id == MeasureId::D ? "(D itself)"
      : tight            ? "tight"
                         : "",
      html_escape(m.certificate), m.checked ? "yes" : "no", html_escape(m.detail));
}

std::string bounds_section(const ExplainPage& page) {
  std::string rows;
  for (const MeasureId id : kExplainMeasures) rows += bound_row(id, page.bounds);
  return fmt::format(
      "<section id=\"ccb-bounds\">\n<h2>Lower-bound measures beside D</h2>\n"
      "<p>Each measure's value (an interval when it was not settled in time), the lower bound on "
      "D it implies, and whether that bound is <b>tight</b> (equals D). One-way costs bound D "
      "from above, not below.</p>\n<table>\n<tr><th>measure</th><th>what it is</th><th>value</th>"
      "<th>D &ge;</th><th>tight</th><th>certificate</th><th>checked</th><th>details</th></tr>\n"
      "{}</table>\n</section>\n",
      rows);
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_tight(MeasureId id, const BoundsResult& bounds) {
  const Measure& m = bounds[id];
  return id != MeasureId::D && bounds.d.exact() && m.implies && *m.implies == bounds.d.lower.value;
}

std::string d_text(const SolveResult& d) {
  return d.exact() ? fmt::format("{}", d.lower.value)
                   : fmt::format("{}..{}", d.lower.value, d.upper.value);
}

std::string render_explain_page(const ExplainPage& page) {
  return head(page) + title_section(page) + explanation(page) + matrix_section(page) +
         leaves_section(page) + tree_section(page) + certificates_section(page) +
         bounds_section(page) +
         "<footer><p>Written by <code>ccbound explain</code>.</p></footer>\n</body>\n</html>\n";
}

}  // namespace ccbound::cli
