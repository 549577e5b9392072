// A message as the exact bits one party sends. The protocols extracted from models write their
// state or partial sums here and the other party reads them back from here alone, so the number
// of bits a protocol exchanges is the length of its messages and nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccbound::reductions {

class BitMessage {
 public:
  // Appends `width` bits of value, least significant first. Requires 0 <= width <= 64 and
  // value < 2^width (throws std::logic_error otherwise).
  void write_bits(std::uint64_t value, int width);
  void write(const std::vector<bool>& bits);

  std::size_t size() const { return bits_.size(); }

  // Reads the next `width` bits as written by write_bits / write. Throws std::logic_error when
  // fewer remain: a protocol that reads more than was sent is a bug.
  std::uint64_t read_bits(int width);
  std::vector<bool> read(int width);
  bool fully_read() const { return cursor_ == bits_.size(); }

 private:
  std::vector<bool> bits_;
  std::size_t cursor_ = 0;
};

}  // namespace ccbound::reductions
