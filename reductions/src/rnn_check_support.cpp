// The non-template half of rnn_check_support.hpp: building checks and reports from outcomes.
#include "rnn_check_support.hpp"

#include <algorithm>
#include <utility>

#include "ccbound/core/error.hpp"

namespace ccbound::reductions::rnn_check {

void require(bool condition, const char* message) {
  if (!condition) throw std::logic_error(message);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::mt19937_64 case_generator(std::uint64_t seed, std::uint64_t index) {
  return std::mt19937_64(seed ^ (0x9E3779B97F4A7C15ULL * (index + 1)));
}

ConstructionCheck make_check(const Outcome& outcome, std::string method, double seconds,
                             const std::string& summary) {
  ConstructionCheck check;
  check.passed = outcome.failure.empty();
  check.evidence =
      method == "exhaustive" ? ConstructionEvidence::exhaustive : ConstructionEvidence::sample;
  check.method = std::move(method);
  check.inputs_checked = outcome.checked;
  check.seconds = seconds;
  check.detail = check.passed ? summary : "mismatch on " + outcome.failure;
  return check;
}

ConstructionReport rnn_report(TaskKind kind, int n, const Rnn& rnn, ConstructionCheck check) {
  ConstructionReport report;
  report.task = std::string(task_name(kind));
  report.length = n;
  report.architecture = "rnn";
  report.layers = 1;
  report.width = rnn.state_size;
  report.heads = 0;
  report.size = rnn.state_size;
  report.format = rnn.format;
  report.model = rnn.description;
  report.check = std::move(check);
  return report;
}

Vector run_polling(const Rnn& rnn, std::span<const Token> tokens, Vector h,
                   const Deadline& deadline) {
  for (std::size_t start = 0; start < tokens.size(); start += 256) {
    deadline.check();
    h = rnn.run(tokens.subspan(start, std::min<std::size_t>(256, tokens.size() - start)), h);
  }
  return h;
}

void require_length(int n, int max_length, std::string_view task) {
  if (n < 1 || n > max_length)
    throw InputError(fmt::format("{} RNN needs 1 <= N <= {}, got N = {}", task, max_length, n));
}

}  // namespace ccbound::reductions::rnn_check
