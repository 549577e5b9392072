// Sums and products of doubles rounded outward, for proofs that bound sums of many terms in double
// arithmetic without an exact accumulator: up_*(a, b) is a double >= the exact result, down_*(a, b)
// a double <= it. No rounding mode is changed. The exact error of the round-to-nearest result is
// found by the error-free transformations (Knuth's TwoSum for a sum, an fma for a product) and the
// result is moved one step outward when the error points that way. Both transformations are exact
// when the result is finite and, for a product, not below 2^-960 in magnitude (where the error of
// a product might itself not be a double); those cases are bounded directly. They rely on IEEE
// double arithmetic without contraction or reassociation, as the simulators themselves do.
// Private to ccbound::reductions; header only.
#pragma once

#include <cfloat>
#include <cmath>
#include <stdexcept>

namespace ccbound::reductions::directed {

// Below this magnitude a product's error is bounded by it instead of computed (see above).
inline constexpr double kTiny = 0x1p-960;

inline void require_numbers(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) throw std::logic_error("directed rounding of a NaN");
}

// A double >= a + b. The exact sum is s + e with e from TwoSum; an overflow to +inf is an upper
// bound, and one to -inf means the exact sum is below -DBL_MAX.
inline double up_add(double a, double b) {
  require_numbers(a, b);
  const double s = a + b;
  if (std::isinf(s)) return s > 0 ? s : -DBL_MAX;
  const double bb = s - a;
  const double e = (a - (s - bb)) + (b - bb);
  return e > 0 ? std::nextafter(s, INFINITY) : s;
}

inline double down_add(double a, double b) {
  return -up_add(-a, -b);
}
inline double up_sub(double a, double b) {
  return up_add(a, -b);
}
inline double down_sub(double a, double b) {
  return -up_add(-a, b);
}

// A double >= a * b: exact for a zero factor; the fma residual a b - p is a double (exact) when p
// is finite and |p| >= kTiny; a smaller product is within half a subnormal step of p, far below
// kTiny.
inline double up_mul(double a, double b) {
  require_numbers(a, b);
  if (a == 0.0 || b == 0.0) return 0.0;
  const double p = a * b;
  if (std::isinf(p)) return p > 0 ? p : -DBL_MAX;
  if (std::fabs(p) < kTiny) return p + kTiny;
  const double e = std::fma(a, b, -p);
  return e > 0 ? std::nextafter(p, INFINITY) : p;
}

inline double down_mul(double a, double b) {
  return -up_mul(-a, b);
}

}  // namespace ccbound::reductions::directed
