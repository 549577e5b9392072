// Writes the files of a certificate directory from a SolveResult.
#include "ccbound/engines/certificate_writer.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"
#include "ccbound/protocols/protocol_io.hpp"

namespace ccbound {

using nlohmann::json;

namespace {

json lower_certificate(const SolveResult& r) {
  switch (r.lower.certificate) {
    case CertificateKind::rank:
      return {{"kind", "rank"},
              {"prime", r.ranks->ones.prime},
              {"ones", {{"rows", r.ranks->ones.rows}, {"cols", r.ranks->ones.cols}}},
              {"zeros", {{"rows", r.ranks->zeros.rows}, {"cols", r.ranks->zeros.cols}}}};
    case CertificateKind::drup:
      return {{"kind", "drup"},
              {"refuted_depth", r.drup->refuted_depth},
              {"cnf", r.drup->cnf_file},
              {"proof", r.drup->proof_file}};
    case CertificateKind::search_log:
      return {{"kind", "search"}, {"log", "search.log"}};
    case CertificateKind::trivial:
      return {{"kind", "trivial"}};
    default:
      return {{"kind", "none"}, {"method", r.lower.method}};
  }
}

}  // namespace

void write_certificate_dir(const SolveResult& r, const Matrix& m, const std::string& dir_name) {
  const std::filesystem::path dir(dir_name);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw InputError(fmt::format("cannot create the proof directory '{}'", dir_name));
  std::string title = r.problem;
  std::ranges::replace_if(
      title, [](char c) { return c == '\n' || c == '\r'; }, ' ');
  write_file_atomically((dir / "matrix.txt").string(),
                        fmt::format("# {}\n{}", title, to_string(m)));
  write_file_atomically((dir / "protocol.json").string(),
                        protocol_to_json(r.protocol).dump(1) + "\n");
  if (r.lower.certificate == CertificateKind::search_log)
    write_file_atomically((dir / "search.log").string(), refutation_to_text(*r.refutation));
  const json certificate = {
      {"format", "ccbound-certificate"},
      {"version", 1},
      {"problem", r.problem},
      {"matrix", "matrix.txt"},
      {"lower", r.lower.value},
      {"upper", r.upper.value},
      {"D", r.exact() ? json(r.lower.value) : json(nullptr)},
      {"upper_certificate", {{"kind", "protocol"}, {"file", "protocol.json"}}},
      {"lower_certificate", lower_certificate(r)}};
  write_file_atomically((dir / "certificate.json").string(), certificate.dump(2) + "\n");
}

}  // namespace ccbound
