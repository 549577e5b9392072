// Where proof files (CNF + DRAT) are written while they are produced and checked: the directory
// the user asked for (--proof-dir), kept, or a temporary one made on first use and removed when the
// ProofDir goes out of scope.
#pragma once

#include <string>

namespace ccbound {

class ProofDir {
 public:
  // An empty `requested` means a temporary directory.
  explicit ProofDir(std::string requested) : path_(std::move(requested)) {}
  ~ProofDir();
  ProofDir(const ProofDir&) = delete;
  ProofDir& operator=(const ProofDir&) = delete;

  // Ensures: the directory exists. Throws InputError if it cannot be created.
  const std::string& path();
  bool temporary() const { return temporary_; }

 private:
  void make_requested();
  void make_temporary();

  std::string path_;
  bool ready_ = false;
  bool temporary_ = false;
};

}  // namespace ccbound
