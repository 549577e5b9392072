// Stops a CaDiCaL search when a Deadline passes, or when the proof it writes grows past a cap
// (private to the SAT back end). CaDiCaL asks terminate() many thousand times a second, so the
// proof file's size is looked up at most every 100 ms; it is written through a buffer, so the cap
// is overshot by at most that buffer and 100 ms of proof.
#pragma once

#include <cadical.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "ccbound/core/deadline.hpp"

namespace ccbound {

class DeadlineTerminator : public CaDiCaL::Terminator {
 public:
  // proof_path empty: no cap.
  DeadlineTerminator(const Deadline& deadline, std::string proof_path, std::uint64_t proof_cap)
      : deadline_(deadline), proof_path_(std::move(proof_path)), proof_cap_(proof_cap) {}

  bool terminate() override { return deadline_.expired() || proof_outgrown(); }

  // Whether the proof file has passed the cap (as of the last look).
  bool outgrown() const { return outgrown_; }

 private:
  bool proof_outgrown() {
    if (proof_path_.empty() || outgrown_) return outgrown_;
    const auto now = Deadline::Clock::now();
    if (now < next_look_) return false;
    next_look_ = now + std::chrono::milliseconds(100);
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(proof_path_, error);
    outgrown_ = !error && size > proof_cap_;
    return outgrown_;
  }

  const Deadline& deadline_;
  std::string proof_path_;
  std::uint64_t proof_cap_;
  Deadline::Clock::time_point next_look_{};
  bool outgrown_ = false;
};

}  // namespace ccbound
