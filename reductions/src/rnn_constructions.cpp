// Stub: filled in by the issue 7 work.
#include "ccbound/reductions/rnn_constructions.hpp"
