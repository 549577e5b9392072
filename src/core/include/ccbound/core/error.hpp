// Errors a user can cause.
//
// Everything that is wrong with the input (a malformed matrix file, an unknown family, an oversize
// n, a corrupt certificate file) is reported by throwing InputError with a one-line message. The
// CLI turns it into "error: <message>" on stderr and exit status 2; the library never prints.
#pragma once

#include <stdexcept>
#include <string>

namespace ccbound {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace ccbound
