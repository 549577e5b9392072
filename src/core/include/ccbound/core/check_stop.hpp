// How a caller stops a checker. Checkers (the protocol verifier, the DRUP, rank and search-log
// checkers) take no Deadline of their own -- a saved certificate is re-checked to the end -- but
// when an engine checks what it found before adopting it, the run's deadline or an interrupt must
// be able to end the check. The caller passes a StopRequest; the checker asks it now and then and,
// once it answers true, throws CheckStopped. A stopped check has accepted and rejected nothing:
// the caller adopts nothing from it.
#pragma once

#include <functional>

namespace ccbound {

struct CheckStopped {};

// Empty: never stop.
using StopRequest = std::function<bool()>;

}  // namespace ccbound
