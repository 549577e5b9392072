// Atomic writes and terminal progress for the CLI.
#include "cli_support.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ccbound/error.hpp"

namespace ccbound::cli {

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = fmt::format("{}.tmp.{}", path, ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(fmt::format("cannot write '{}'", path));
    out << text;
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary);
      throw InputError(fmt::format("cannot write '{}'", path));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw InputError(fmt::format("cannot write '{}'", path));
  }
}

Progress::Progress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void Progress::update(const std::string& message) const {
  if (enabled_) fmt::print(stderr, "\r\033[K{}", message);
}

void Progress::finish() const {
  if (enabled_) fmt::print(stderr, "\r\033[K");
}

}  // namespace ccbound::cli
