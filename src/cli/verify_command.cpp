// The verify subcommand: a thin front end over proofs/certificate_dir. The verdict comes first, and
// D only when the certificate established it.
#include "verify_command.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

#include "ccbound/proofs/certificate_dir.hpp"
#include "cli_support.hpp"
#include "table.hpp"

namespace ccbound::cli {

namespace {

struct VerifyArgs {
  std::string dir;
  bool json_output = false;
  LimitArgs limits;
};

// "certificate valid" or "certificate INVALID: <reason>", first of all.
std::string verdict_line(const CertificateCheck& check) {
  return check.valid() ? "certificate valid" : "certificate INVALID: " + check.reason();
}

std::string d_text(const CertificateCheck& check) {
  return check.lower == check.upper ? fmt::format("D = {}", check.lower)
                                    : fmt::format("D in {}..{}", check.lower, check.upper);
}

// The verdict, D only when the certificate established it, then each side's check.
void print_report(const CertificateCheck& check) {
  fmt::print("{}\n", verdict_line(check));
  if (check.valid()) fmt::print("{}: {}\n", check.problem, d_text(check));
  if (check.items.empty()) return;
  Table table({"claim", "certificate", "verdict", "detail"});
  for (const auto& item : check.items)
    table.add_row({item.what, item.method, item.ok ? "valid" : "INVALID", item.detail});
  fmt::print("{}", table.render());
}

void print_json(const CertificateCheck& check) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : check.items)
    items.push_back({{"claim", item.what},
                     {"certificate", item.method},
                     {"ok", item.ok},
                     {"detail", item.detail}});
  nlohmann::json out{
      {"valid", check.valid()},
      {"reason", check.valid() ? nlohmann::json(nullptr) : nlohmann::json(check.reason())},
      {"problem", check.problem},
      {"checks", items}};
  if (check.valid()) {
    out["lower"] = check.lower;
    out["upper"] = check.upper;
    out["D"] = check.lower == check.upper ? nlohmann::json(check.lower) : nlohmann::json(nullptr);
  }
  fmt::print("{}\n", out.dump());
}

}  // namespace

void add_verify_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd =
      app.add_subcommand("verify", "re-check a certificate directory written by --proof-dir");
  cmd->add_option("dir", args->dir, "the certificate directory")->required();
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] {
    // The checkers take no Deadline: a SIGINT ends verify at once (it writes nothing), and
    // --memory-limit acts through its hard backstop only.
    begin_limits(args->limits, false);
    const CertificateCheck check = check_certificate_dir(args->dir);
    args->json_output ? print_json(check) : print_report(check);
    *exit_code = check.valid() ? kExitOk : kExitFailed;
  });
}

}  // namespace ccbound::cli
