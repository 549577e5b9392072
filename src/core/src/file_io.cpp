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

namespace {

// A target that exists but is not a regular file (/dev/null, /dev/stdout, a FIFO) is written in
// place: renaming a temporary over it would replace the device or pipe by a file.
bool is_special(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  return !ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
         !std::filesystem::is_directory(status);
}

void write_in_place(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.flush();
  if (!out) throw InputError(fmt::format("cannot write '{}'", path));
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  if (is_special(path)) return write_in_place(path, text);
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
