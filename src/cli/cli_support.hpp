// Shared pieces of the command-line front end: terminal progress and the exit codes. Only the CLI
// includes this.
#pragma once

#include <string>

namespace ccbound::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // a check or claim failed
inline constexpr int kExitBadInput = 2;  // malformed input: "error: ..." on stderr
inline constexpr int kExitInternal = 3;  // a bug: an engine produced something its checker rejected

// A one-line progress message on stderr, only when stderr is a terminal; finish() clears it.
class Progress {
 public:
  Progress();
  void update(const std::string& message) const;
  void finish() const;

 private:
  bool enabled_;
};

}  // namespace ccbound::cli
