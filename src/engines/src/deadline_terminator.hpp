// Stops a CaDiCaL search when a Deadline passes (private to the SAT back ends).
#pragma once

#include <cadical.hpp>

#include "ccbound/core/deadline.hpp"

namespace ccbound {

class DeadlineTerminator : public CaDiCaL::Terminator {
 public:
  explicit DeadlineTerminator(const Deadline& deadline) : deadline_(deadline) {}
  bool terminate() override { return deadline_.expired(); }

 private:
  const Deadline& deadline_;
};

}  // namespace ccbound
