// Compiled with only a checker target's include path (tests/independence/CMakeLists.txt): with
// CCBOUND_PROBE_ENGINE it includes an engine header and must fail to compile; without it, it
// includes a core header and must compile (so the failure above is the include, not the setup).
#ifdef CCBOUND_PROBE_ENGINE
#include "ccbound/engines/solve.hpp"
#else
#include "ccbound/core/matrix.hpp"
#endif

int ccbound_independence_probe() {
  return 0;
}
