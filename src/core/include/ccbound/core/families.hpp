// The built-in function families, as one declarative table.
//
// Row x and column y of a family matrix are the integers x and y, bit k being (x >> k) & 1.
// INDEX_n has 2^n rows (Alice's x in {0,1}^n) and n columns (Bob's index i), entry bit i of x.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

// Every family has 2^n rows; `square` families have 2^n columns, the others n columns.
//  id     name     square  entry(x, y)                  help
#define CCBOUND_FAMILIES(X)                                                 \
  X(eq, "EQ", true, (x == y), "equality: 1 iff x = y")                      \
  X(disj, "DISJ", true, ((x & y) == 0), "disjointness: 1 iff x AND y = 0")  \
  X(ip, "IP", true, (std::popcount(x & y) & 1), "inner product mod 2")      \
  X(gt, "GT", true, (x > y), "greater-than: 1 iff x > y as n-bit integers") \
  X(index, "INDEX", false, ((x >> y) & 1), "index: Alice x in {0,1}^n, Bob i in [n], bit i of x")

enum class Family {
#define CCBOUND_FAMILY_ENUM(id, name, square, entry, help) id,
  CCBOUND_FAMILIES(CCBOUND_FAMILY_ENUM)
#undef CCBOUND_FAMILY_ENUM
};

struct FamilyInstance {
  Family family;
  int n;
};

// Largest n any family accepts: 2^12 = kMaxSide rows.
inline constexpr int kMaxFamilyN = 12;

std::string_view family_name(Family family);
std::string_view family_help(Family family);
bool is_family_name(std::string_view text);  // case-insensitive

// Parses "NAME:n" (NAME case-insensitive). Returns nullopt when spec has no family shape (no ':'
// or an unknown NAME that looks like a path); throws InputError for a known shape with a bad n or
// an unknown family name.
std::optional<FamilyInstance> parse_family_spec(std::string_view spec);

// Requires: 1 <= n <= kMaxFamilyN (else throws InputError before allocating).
Matrix family_matrix(Family family, int n);

}  // namespace ccbound
