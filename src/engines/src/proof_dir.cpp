// Creating and removing proof directories.
#include "ccbound/engines/proof_dir.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>

#include "ccbound/core/error.hpp"

namespace ccbound {

ProofDir::~ProofDir() {
  std::error_code ec;
  if (temporary_) std::filesystem::remove_all(path_, ec);
}

const std::string& ProofDir::path() {
  if (ready_) return path_;
  path_.empty() ? make_temporary() : make_requested();
  ready_ = true;
  return path_;
}

void ProofDir::make_requested() {
  std::error_code ec;
  std::filesystem::create_directories(path_, ec);
  if (ec || !std::filesystem::is_directory(path_))
    throw InputError(fmt::format("cannot create the proof directory '{}'", path_));
}

void ProofDir::make_temporary() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ccbound-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw InputError("cannot create a temporary directory");
  path_ = pattern;
  temporary_ = true;
}

}  // namespace ccbound
