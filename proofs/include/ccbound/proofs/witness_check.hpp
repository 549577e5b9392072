// The verdict every explicit-witness checker returns: accepted or not, and why.
#pragma once

#include <string>

namespace ccbound {

struct WitnessCheck {
  bool ok = false;
  std::string message;
};

}  // namespace ccbound
