// BitMessage: an append-only bit string with a read cursor.
#include "ccbound/reductions/bit_message.hpp"

#include <stdexcept>

namespace ccbound::reductions {

void BitMessage::write_bits(std::uint64_t value, int width) {
  if (width < 0 || width > 64) throw std::logic_error("BitMessage: width out of range");
  if (width < 64 && (value >> width) != 0) throw std::logic_error("BitMessage: value too wide");
  for (int k = 0; k < width; ++k) bits_.push_back(((value >> k) & 1) != 0);
}

void BitMessage::write(const std::vector<bool>& bits) {
  bits_.insert(bits_.end(), bits.begin(), bits.end());
}

std::vector<bool> BitMessage::read(int width) {
  if (width < 0 || bits_.size() - cursor_ < static_cast<std::size_t>(width))
    throw std::logic_error("BitMessage: read past the end of the message");
  std::vector<bool> out(bits_.begin() + static_cast<std::ptrdiff_t>(cursor_),
                        bits_.begin() + static_cast<std::ptrdiff_t>(cursor_ + width));
  cursor_ += static_cast<std::size_t>(width);
  return out;
}

std::uint64_t BitMessage::read_bits(int width) {
  if (width > 64) throw std::logic_error("BitMessage: width out of range");
  const std::vector<bool> bits = read(width);
  std::uint64_t value = 0;
  for (int k = 0; k < width; ++k)
    if (bits[static_cast<std::size_t>(k)]) value |= std::uint64_t{1} << k;
  return value;
}

}  // namespace ccbound::reductions
