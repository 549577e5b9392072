// A problem is a named matrix: the unit every command works on.
//
// A problem spec is a family ("EQ:4"), a family range ("EQ:1..4", expanded by expand_specs), a path
// to a matrix file, or "-" for standard input.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

struct Problem {
  std::string name;  // the spec as the user wrote it, family names upper-cased
  Matrix matrix;
};

// Expands "NAME:a..b" into "NAME:a", ..., "NAME:b"; other specs are passed through unchanged.
// Throws InputError on a malformed or reversed range.
std::vector<std::string> expand_specs(const std::vector<std::string>& specs);

// Requires: `stdin_stream` is read only when spec is "-". Throws InputError on any bad input.
Problem load_problem(std::string_view spec, std::istream& stdin_stream);

}  // namespace ccbound
