// A recurrent state read as a bit string written into its coordinates' bit patterns: bit i of the
// string is bit i % b of coordinate i / b's pattern, b = format.pattern_bits(). Every pattern below
// 2^b decodes to a finite value, so any bit string is a representable state as it stands.
// rnn.cpp packs machine states and the 64-bit INDEX shift register this way (pack / unpack);
// register_rnn.cpp reads and writes bit ranges of registers of any length. Private to
// ccbound::reductions; header only, because the register RNNs call it on every step.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/rnn.hpp"

namespace ccbound::reductions {

class StateBits {
 public:
  explicit StateBits(const NumberFormat& format) : format_(format), width_(format.pattern_bits()) {}

  static std::uint64_t low_mask(int bits) {
    return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
  }

  // `value` written least significant bits first across `coordinates` values (bits beyond 64
  // are zero).
  Vector pack(std::uint64_t value, int coordinates) const {
    Vector state(static_cast<std::size_t>(coordinates));
    for (int i = 0; i < coordinates; ++i) {
      const int shift = i * width_;
      const std::uint64_t pattern = shift >= 64 ? 0 : (value >> shift) & low_mask(width_);
      state[i] = format_.decode(pattern);
    }
    return state;
  }

  // Inverse of pack; a coordinate whose pattern uses more than pattern_bits() bits, or a nonzero
  // one beyond bit 64, cannot come from it and is a simulator bug (std::logic_error).
  std::uint64_t unpack(const Vector& state) const {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < state.size(); ++i) {
      const std::uint64_t pattern = format_.encode(state[i]);
      if ((pattern & ~low_mask(width_)) != 0)
        throw std::logic_error("state coordinate outside the pattern range");
      const auto shift = static_cast<int>(i) * width_;
      if (pattern != 0 && shift >= 64) throw std::logic_error("state pattern beyond 64 bits");
      if (shift < 64) value |= pattern << shift;
    }
    return value;
  }

  // Bits [start, start + count) as an integer, count <= 64.
  std::uint64_t read(const Vector& h, std::int64_t start, int count) const {
    std::uint64_t value = 0;
    for (int done = 0; done < count;) {
      const auto [coordinate, offset, take] = chunk(start + done, count - done);
      const std::uint64_t pattern = format_.encode(h[coordinate]);
      value |= ((pattern >> offset) & low_mask(take)) << done;
      done += take;
    }
    return value;
  }

  void write(Vector& h, std::int64_t start, int count, std::uint64_t value) const {
    for (int done = 0; done < count;) {
      const auto [coordinate, offset, take] = chunk(start + done, count - done);
      const std::uint64_t mask = low_mask(take) << offset;
      const std::uint64_t pattern = format_.encode(h[coordinate]) & ~mask;
      h[coordinate] = format_.decode(pattern | (((value >> done) << offset) & mask));
      done += take;
    }
  }

  // Register bits [0, n) moved up by one, `bit` entering at bit 0 and bit n - 1 dropped: one
  // encode and decode per coordinate, with the carry passed from coordinate to coordinate.
  Vector shifted_in(const Vector& h, int n, std::uint64_t bit) const {
    Vector next(h.size());
    std::uint64_t carry = bit;
    for (std::size_t i = 0; i < h.size(); ++i) {
      const int used = bits_in(i, n);
      const std::uint64_t pattern = format_.encode(h[i]);
      next[i] = format_.decode(((pattern << 1) | carry) & low_mask(used));
      carry = used > 0 ? (pattern >> (used - 1)) & 1 : 0;
    }
    return next;
  }

  // Register bits [0, n) all set or all clear.
  Vector filled(int n, bool set) const {
    Vector h = zero_state(n);
    for (std::size_t i = 0; i < h.size(); ++i)
      h[i] = format_.decode(set ? low_mask(bits_in(i, n)) : 0);
    return h;
  }

  // Coordinates for `bits` bits, at least 1.
  int coordinates(std::int64_t bits) const {
    return static_cast<int>(std::max<std::int64_t>(1, (bits + width_ - 1) / width_));
  }
  Vector zero_state(std::int64_t bits) const {
    return Vector(static_cast<std::size_t>(coordinates(bits)), format_.decode(0));
  }

 private:
  struct Chunk {
    std::size_t coordinate;
    int offset, take;
  };
  // How many of bits [0, n) coordinate i holds.
  int bits_in(std::size_t i, int n) const {
    const std::int64_t left = n - static_cast<std::int64_t>(i) * width_;
    return static_cast<int>(std::clamp<std::int64_t>(left, 0, width_));
  }
  Chunk chunk(std::int64_t bit, int wanted) const {
    const int offset = static_cast<int>(bit % width_);
    return {static_cast<std::size_t>(bit / width_), offset, std::min(width_ - offset, wanted)};
  }

  NumberFormat format_;
  int width_;
};

}  // namespace ccbound::reductions
