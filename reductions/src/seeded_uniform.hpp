// The one random draw every seeded model factory uses, so the same seed gives the same weights
// with any standard library.
#pragma once

#include <random>

namespace ccbound::reductions {

// Uniform in [-1, 1) from the top 53 bits of one draw: computed by hand because
// std::uniform_real_distribution's output differs between standard libraries.
inline double uniform_symmetric(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1p-53 * 2.0 - 1.0;
}

}  // namespace ccbound::reductions
