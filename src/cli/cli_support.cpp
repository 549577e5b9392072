// Terminal progress for the CLI.
#include "cli_support.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <cstdio>

namespace ccbound::cli {

Progress::Progress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void Progress::update(const std::string& message) const {
  if (enabled_) fmt::print(stderr, "\r\033[K{}", message);
}

void Progress::finish() const {
  if (enabled_) fmt::print(stderr, "\r\033[K");
}

}  // namespace ccbound::cli
