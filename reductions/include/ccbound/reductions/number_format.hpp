// Finite-precision numbers for the model simulators, and the exact accumulator that makes a
// reduction exact.
//
// A NumberFormat is fixed point (p bits two's complement, f of them fractional) or IEEE binary16,
// binary32 or binary64. Every value a model stores, sends or combines is a double that is exactly
// representable in its format; round() maps any double there: round to nearest, ties to even,
// saturating at the largest finite magnitude (never infinity), NaN to 0. So a model never holds
// a non-finite value and every stored value is one of at most 2^p bit patterns (encode/decode).
//
// Sums over positions (attention numerators and denominators) are not rounded term by term: they
// are accumulated exactly in an ExactSum, an integer count of the format's quantum (the smallest
// positive step: 2^-f for fixed point, 2^-24, 2^-149, 2^-1074 for binary16/32/64). Exact integer
// addition is associative, so Alice's partial sum plus Bob's partial sum is bit for bit the sum
// the model computes in one pass, and a sum of T terms fits in accumulator_bits(format, T) bits.
// That width is the p' of every Transformer bound.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

namespace ccbound::reductions {

enum class FormatKind { fixed, binary16, binary32, binary64 };

class NumberFormat {
 public:
  // Requires 2 <= bits <= 53 and 0 <= fraction_bits <= 52; throws InputError otherwise.
  static NumberFormat fixed(int bits, int fraction_bits);
  static NumberFormat binary16();
  static NumberFormat binary32();
  static NumberFormat binary64();

  FormatKind kind() const { return kind_; }
  int bits() const { return bits_; }                    // p: bits to store one value
  int fraction_bits() const { return fraction_bits_; }  // fixed point only (0 for floats)
  std::string name() const;                             // "fixed:8:4", "binary16", ...

  double round(double x) const;        // nearest representable (see above)
  bool representable(double x) const;  // round(x) == x, and x finite
  double max_value() const;            // largest finite value
  int quantum_exponent() const;        // e such that 2^e is the smallest positive step

  // The value's p-bit pattern (fixed: two's complement of value * 2^f; floats: IEEE bits).
  // Requires representable(x). decode(encode(x)) is x bit for bit (the IEEE sign of zero is kept).
  std::uint64_t encode(double x) const;
  // Requires pattern < 2^p. For floats the pattern must not be an infinity or NaN (throws
  // InputError: such a pattern is not a value of the format under these semantics).
  double decode(std::uint64_t pattern) const;

  // Bits of a state pattern one coordinate can hold as distinct values: p for fixed point, p - 2
  // for floats (the patterns with sign 0 and top exponent bit 0 are all finite).
  int pattern_bits() const;

  bool operator==(const NumberFormat&) const = default;

 private:
  FormatKind kind_ = FormatKind::fixed;
  int bits_ = 8;
  int fraction_bits_ = 4;
};

// Parses a --precision value: "P" (fixed point, P bits, P/2 fractional), "fixed:P", "fixed:P:F",
// "binary16" | "fp16" | "half", "binary32" | "fp32" | "single", "binary64" | "fp64" | "double"
// (case-insensitive). Throws InputError naming the accepted forms.
NumberFormat parse_number_format(std::string_view text);

// Two's complement width that holds any sum of `terms` values of `format` (terms >= 1), counted in
// units of the quantum: fixed point p + ceil(log2 terms).
int accumulator_bits(const NumberFormat& format, std::uint64_t terms);

// An exact sum of values of one format, as an integer number of quanta.
class ExactSum {
 public:
  explicit ExactSum(const NumberFormat& format);

  // Requires format.representable(value) (throws std::logic_error otherwise: a simulator bug).
  void add(double value);
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
