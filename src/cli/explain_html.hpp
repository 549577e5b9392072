// The teaching page of `ccbound explain`: one self-contained HTML document (inline CSS and SVG, no
// scripts, no external resources) showing a matrix, the rectangles of an optimal protocol on it,
// the protocol tree, D with its certificates, and every lower-bound measure beside D.
//
// Markup a test can count: each leaf in the leaf list is an element with class "leaf" and
// data-leaf="k"; each matrix entry is a <rect class="cell"> with data-leaf; each bound is a <tr
// class="bound"> with data-measure, and the tight ones also carry class "tight". Every string that
// comes from the input (the problem name, certificate details) is HTML-escaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/problem.hpp"
#include "explain_tree.hpp"

namespace ccbound::cli {

inline constexpr MeasureId kExplainMeasures[] = {
#define CCBOUND_EXPLAIN_MEASURE_ID(id, label, description) MeasureId::id,
    CCBOUND_MEASURES(CCBOUND_EXPLAIN_MEASURE_ID)
#undef CCBOUND_EXPLAIN_MEASURE_ID
};

struct ExplainPage {
  const Problem& problem;
  const BoundsResult& bounds;  // bounds.d is solve()'s result, whose protocol is drawn
  const UnfoldedProtocol& tree;
  std::optional<std::string> tree_svg;  // Graphviz's drawing; nullopt: the page shows tree.dot
};

// Ensures: & < > " ' are replaced by entities; everything else is kept.
std::string html_escape(std::string_view text);

// True when m is a lower-bound technique (not D itself) whose implied bound equals the settled D.
bool is_tight(MeasureId id, const BoundsResult& bounds);

// "3" when D is settled, "2..3" otherwise.
std::string d_text(const SolveResult& d);

// Ensures: a complete HTML document; see the file comment for its markup.
std::string render_explain_page(const ExplainPage& page);

}  // namespace ccbound::cli
