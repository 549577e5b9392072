// Stub: filled in by the issue 7 work.
#pragma once
#include "ccbound/reductions/construction.hpp"
