// What the nearest-neighbour construction (nearest_neighbour.cpp) and its task side
// (nearest_neighbour_task.cpp) share: row-major indexing, the seed mixer, and the (query, nearest,
// runner-up) triples of codebook vectors that satisfy the margin. Private to ccbound::reductions;
// the names live in nearest_neighbour_parts so they cannot collide with the anonymous helpers of
// other units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ccbound/reductions/nearest_neighbour.hpp"

namespace ccbound::reductions::nearest_neighbour_parts {

inline std::size_t at(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Triple {
  int query, nearest, runner_up;
};

// Every (q, p, r) with <q, p> - <q, r> >= gamma (for N = 1, r = p: there is no other point).
std::vector<Triple> admissible_triples(const NearestNeighbourConstruction& construction);

}  // namespace ccbound::reductions::nearest_neighbour_parts
