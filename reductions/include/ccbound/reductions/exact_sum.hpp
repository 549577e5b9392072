// The exact accumulator that makes a reduction exact.
//
// Sums over positions (attention numerators and denominators) are not rounded term by term: they
// are accumulated exactly in an ExactSum, an integer count of the format's quantum (the smallest
// positive step: 2^-f for fixed point, 2^-24, 2^-149, 2^-1074 for binary16/32/64). Exact integer
// addition is associative, so Alice's partial sum plus Bob's partial sum is bit for bit the sum
// the model computes in one pass, and a sum of T terms fits in accumulator_bits(format, T) bits.
// That width is the p' of every Transformer bound.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "ccbound/reductions/number_format.hpp"

namespace ccbound::reductions {

// Two's complement width that holds any sum of `terms` values of `format` (terms >= 1), counted in
// units of the quantum: fixed point p + ceil(log2 terms).
int accumulator_bits(const NumberFormat& format, std::uint64_t terms);

// An exact sum of values of one format, as an integer number of quanta.
class ExactSum {
 public:
  explicit ExactSum(const NumberFormat& format);

  // Requires format.representable(value) (throws std::logic_error otherwise: a simulator bug).
  void add(double value);
  // Adds `times` copies of value, exactly (the product is formed in integers); same requirement.
  void add(double value, std::uint64_t times);
  ExactSum& operator+=(const ExactSum& other);  // requires the same format

  // The exact value, rounded to the nearest double (ties to even); deterministic. A sum beyond
  // the double range (possible for binary64 only) saturates to +-DBL_MAX.
  double to_double() const;
  bool is_zero() const;

  // Two's complement in `width` bits, least significant bit first; throws std::logic_error if the
  // value does not fit. from_bits is its inverse.
  std::vector<bool> to_bits(int width) const;
  static ExactSum from_bits(const NumberFormat& format, const std::vector<bool>& bits);

  bool operator==(const ExactSum& other) const;

 private:
  NumberFormat format_;
  // The implementation may keep a machine-integer fast path beside the big integer.
  std::int64_t small_ = 0;
  boost::multiprecision::cpp_int big_;
};

}  // namespace ccbound::reductions
