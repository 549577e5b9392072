// Shared pieces of the command-line front end: terminal progress, the exit codes, and the limits
// every long command shares (--memory-limit, SIGINT/SIGTERM). Only the CLI includes this.
//
// Interruption. A command that can stop its engines early calls begin_limits(args, true): the
// first SIGINT or SIGTERM then requests a stop (deadline.hpp), every engine stops as on a timeout,
// the command prints the interval proved so far labelled "interrupted", and ccbound exits with 130
// (SIGINT) or 143 (SIGTERM). The handler resets itself, so a second signal kills at once.
// Memory. Every command runs under a soft limit on the resident set, kDefaultMemoryLimitMib (2048
// MiB; 8192 under AddressSanitizer) unless --memory-limit MIB says otherwise (0: none). It is polled every 50 ms and stops the
// engines like a timeout (the results are labelled "memory limit"); before that, the engines size
// every large step against the room left under it (memory_headroom_bytes() in deadline.hpp) and
// skip what cannot fit, so the limit itself is rarely reached. Behind it is a hard backstop: the
// address space is capped at 2 * MIB + 1024 MiB, and an allocation beyond it ends the run with
// "error: out of memory (limit MIB MiB)" and exit 2.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "ccbound/core/deadline.hpp"

namespace ccbound::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // a check or claim failed
inline constexpr int kExitBadInput = 2;  // malformed input: "error: ..." on stderr
inline constexpr int kExitInternal = 3;  // a bug: an engine produced something its checker rejected
inline constexpr int kExitInterrupted = 130;  // SIGINT (143 for SIGTERM), after printing results

inline constexpr std::int64_t kMaxMemoryLimitMib = std::int64_t{1} << 30;  // 1 PiB: "no limit"

// A one-line progress message on stderr, only when stderr is a terminal; finish() clears it.
class Progress {
 public:
  Progress();
  void update(const std::string& message) const;
  void finish() const;

 private:
  bool enabled_;
};

struct LimitArgs {
  std::int64_t memory_limit_mib = std::int64_t(kDefaultMemoryLimitMib);  // 0: none
};

// Adds --memory-limit to a command (its help states the default).
void add_limit_options(CLI::App& cmd, LimitArgs& args);

// Applies the limits before a command's work; `interruptible` installs the SIGINT/SIGTERM
// handlers (only for commands whose engines honour a Deadline). Throws InputError on a bad value.
void begin_limits(const LimitArgs& args, bool interruptible);

// Refuses an output path whose directory does not exist, before any work (and any other output)
// is done: "cannot write '<path>': no such directory". An empty path is not an output.
void check_output_target(const std::string& path);

// The memory limit in force (MiB), 0 if none: for the out-of-memory message.
std::int64_t memory_limit_mib();

// "interrupted" or "memory limit" once a stop was requested, else "".
std::string stop_label();

// The process exit status: `status`, or 128 + the signal after an interrupt.
int final_status(int status);

}  // namespace ccbound::cli
