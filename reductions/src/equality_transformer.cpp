// Stub: filled in by the issue 7 work.
#include "ccbound/reductions/equality_transformer.hpp"
