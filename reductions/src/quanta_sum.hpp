// An exact sum of one format's values in machine integers, for the two-layer simulator's inner
// loops (two_layer_transformer.cpp): fixed point and binary16 as one __int128 count of quanta,
// binary32 as a carry-save count of quanta in 32-bit digits held in int64 (2^31 terms before
// overflow), binary64 in an ExactSum. Every value added must be one of the format's (the callers
// add rounded values only). to_double() is what ExactSum::to_double returns for the same terms:
// the nearest double, ties to even (the conversions from __int128 round correctly, scaling by the
// quantum is exact, and binary32's digits reach one conversion through a sticky bit).
// Private to ccbound::reductions; add() stays here, inline, because it is the hot path.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

#include "ccbound/reductions/exact_sum.hpp"
#include "ccbound/reductions/number_format.hpp"

namespace ccbound::reductions {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class QuantaSum {
 public:
  explicit QuantaSum(const NumberFormat& format);

  void add(double value) {
    switch (format_.kind()) {
      case FormatKind::fixed:
      case FormatKind::binary16:
        units_ += static_cast<std::int64_t>(value * scale_);  // exact: below 2^53 quanta
        return;
      case FormatKind::binary32:
        add_binary32(value);
        return;
      case FormatKind::binary64:
        exact_.add(value);
        return;
    }
  }

  double to_double() const;

 private:
  static constexpr int kDigits = 10;  // 320 bits: 277 of quanta, 31 of terms, a sign
  using Digits = std::array<std::int64_t, kDigits>;

  // value = significand * 2^(max(e, 1) - 150), i.e. significand << (max(e, 1) - 1) quanta.
  void add_binary32(double value) {
    const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(value));
    const std::uint32_t exponent = (bits >> 23) & 0xff;
    const std::uint64_t significand = (bits & 0x7fffff) | (exponent != 0 ? 0x800000 : 0);
    const std::uint32_t shift = std::max<std::uint32_t>(exponent, 1) - 1;
    const std::uint64_t shifted = significand << (shift & 31);
    const auto low = static_cast<std::int64_t>(shifted & 0xffffffff);
    const auto high = static_cast<std::int64_t>(shifted >> 32);
    const bool negative = (bits >> 31) != 0;
    digits_[shift >> 5] += negative ? -low : low;
    digits_[(shift >> 5) + 1] += negative ? -high : high;
  }

  static void normalize(Digits& d);
  double binary32_to_double() const;

  NumberFormat format_;
  double scale_ = 1;
  Int128 units_ = 0;
  Digits digits_{};
  ExactSum exact_;
};

}  // namespace ccbound::reductions
