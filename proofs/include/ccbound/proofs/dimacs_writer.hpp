// DIMACS text of a formula: what the statement classes of this directory hand to the SAT back end
// and to the DRUP checker, byte for byte the same on both sides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ccbound {

// Ensures: "c <comment>\np cnf V C\n" followed by one line per clause, each ended by " 0".
std::string to_dimacs_text(std::string_view comment, int num_vars,
                           const std::vector<std::vector<int>>& clauses);

}  // namespace ccbound
