// File reads and atomic writes (see file_io.hpp).
#include "ccbound/core/file_io.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ccbound/core/error.hpp"

namespace ccbound {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = fmt::format("{}.tmp.{}", path, ::getpid());
  bool written = false;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    written = static_cast<bool>(out);
  }
  std::error_code ec;
  if (written) std::filesystem::rename(temporary, path, ec);
  if (!written || ec) {
    std::filesystem::remove(temporary, ec);
    throw InputError(fmt::format("cannot write '{}'", path));
  }
}

}  // namespace ccbound
