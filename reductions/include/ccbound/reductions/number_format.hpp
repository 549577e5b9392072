// Finite-precision numbers for the model simulators.
//
// A NumberFormat is fixed point (p bits two's complement, f of them fractional) or IEEE binary16,
// binary32 or binary64. Every value a model stores, sends or combines is a double that is exactly
// representable in its format; round() maps any double there: round to nearest, ties to even,
// saturating at the largest finite magnitude (never infinity), NaN to 0. So a model never holds
// a non-finite value and every stored value is one of at most 2^p bit patterns (encode/decode).
// Sums over positions are kept exactly instead, in an ExactSum (exact_sum.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

}  // namespace ccbound::reductions
