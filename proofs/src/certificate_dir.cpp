// Re-checks a saved certificate directory (format in certificate_dir.hpp) from the files alone.
#include "ccbound/proofs/certificate_dir.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/proofs/search_refutation.hpp"
#include "ccbound/protocols/protocol_io.hpp"
#include "ccbound/protocols/verifier.hpp"

namespace ccbound {

using nlohmann::json;
namespace fs = std::filesystem;

bool CertificateCheck::valid() const {
  return !items.empty() && std::ranges::all_of(items, [](const auto& i) { return i.ok; });
}

namespace {

// A file named inside the certificate must stay inside its directory.
fs::path member(const fs::path& dir, const json& name) {
  if (!name.is_string()) throw InputError("certificate.json: a file name must be a string");
  const fs::path relative(name.get<std::string>());
  if (relative.empty() || relative.is_absolute() || relative.filename() != relative)
    throw InputError(
        fmt::format("certificate.json: '{}' is not a plain file name", relative.string()));
  return dir / relative;
}

int integer(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer())
    throw InputError(fmt::format("certificate.json: '{}' must be an integer", key));
  return it->get<int>();
}

std::vector<std::uint32_t> indices(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array())
    throw InputError(fmt::format("certificate.json: '{}' must be a list", key));
  std::vector<std::uint32_t> result;
  for (const auto& v : *it) {
    if (!v.is_number_unsigned())
      throw InputError("certificate.json: indices must be non-negative integers");
    result.push_back(v.get<std::uint32_t>());
  }
  return result;
}

// Runs `read` on the member file `name`, naming the file in any InputError it raises (the
// readers' own messages say "proof: ..." or "protocol ..." without saying which file).
template <class Read>
auto naming_file(const std::string& name, Read read) {
  try {
    return read();
  } catch (const InputError& e) {
    std::string_view what = e.what();
    if (what.starts_with("proof: ")) what.remove_prefix(7);
    throw InputError(fmt::format("{}: {}", name, what));
  }
}

CertificateCheckItem check_upper(const fs::path& dir, const json& cert, const Matrix& m,
                                 int upper) {
  const json& upper_cert = cert.at("upper_certificate");
  const fs::path file = member(dir, upper_cert.at("file"));
  const std::string text = read_file(file.string());
  const Protocol protocol = naming_file(fs::path(file).filename().string(),
                                        [&] { return protocol_from_json_text(text); });
  const Verdict v = verify_protocol(m, protocol);
  const bool ok = v.ok && v.cost <= upper;
  return {fmt::format("upper bound {}", upper), "protocol tree", ok,
          v.ok ? fmt::format("{}{}", v.message, ok ? "" : " (more than claimed)") : v.message};
}

CertificateCheckItem check_rank(const json& c, const Matrix& m, int lower) {
  const auto prime = c.at("prime").get<std::uint64_t>();
  const auto witness = [&](const char* key, bool complement) {
    return RankWitness{prime, complement, indices(c.at(key), "rows"), indices(c.at(key), "cols")};
  };
  const LeafBoundCertificate cert{witness("ones", false), witness("zeros", true)};
  const WitnessCheck check = check_leaf_bound(m, cert);
  const bool ok = check.ok && cert.implied_depth() >= lower;
  return {fmt::format("lower bound {}", lower), "rank witnesses", ok,
          ok || !check.ok ? check.message : check.message + " (less than claimed)"};
}

CertificateCheckItem check_drup_lower(const fs::path& dir, const json& c, const Matrix& m,
                                      int lower) {
  const int k = integer(c, "refuted_depth");
  const std::string what = fmt::format("lower bound {}", lower);
  if (k + 1 < lower || k < 0 || k > 16)
    return {what, "DRUP proof", false, "refuted depth does not support the bound"};
  const Cnf saved = parse_dimacs(read_file(member(dir, c.at("cnf"))), "problem.cnf");
  const Cnf expected = parse_dimacs(DepthFormula(deduplicate(m).matrix, k).to_dimacs(), "formula");
  if (saved.num_vars != expected.num_vars || saved.clauses != expected.clauses)
    return {what, "DRUP proof", false, "problem.cnf is not the depth formula of this matrix"};
  const fs::path proof = member(dir, c.at("proof"));
  const std::string proof_text = read_file(proof.string());
  const ProofCheck check = naming_file(fs::path(proof).filename().string(),
                                       [&] { return check_drup(saved, proof_text); });
  return {what, "DRUP proof", check.valid,
          fmt::format("depth {} refuted: {} lemmas, {}", k, check.lemmas_checked, check.message)};
}

CertificateCheckItem check_search_log(const fs::path& dir, const json& c, const Matrix& m,
                                      int lower) {
  const SearchRefutation log = refutation_from_text(read_file(member(dir, c.at("log"))));
  const RefutationCheck check = check_search_refutation(m, log, lower);
  return {fmt::format("lower bound {}", lower), "search refutation log", check.valid,
          fmt::format("{} claims checked: {}", check.claims_checked, check.message)};
}

CertificateCheckItem check_lower(const fs::path& dir, const json& cert, const Matrix& m,
                                 int lower) {
  const json& c = cert.at("lower_certificate");
  const std::string kind = c.value("kind", "");
  if (kind == "rank") return check_rank(c, m, lower);
  if (kind == "drup") return check_drup_lower(dir, c, m, lower);
  if (kind == "search") return check_search_log(dir, c, m, lower);
  const std::string what = fmt::format("lower bound {}", lower);
  if (kind == "trivial") {
    const bool ok = lower <= 0 || (lower == 1 && !m.is_constant());
    return {what, "trivial", ok,
            ok ? "needs no certificate"
               : "only D >= 0, or D >= 1 for a non-constant matrix, is trivial"};
  }
  if (kind == "none")
    return {what, c.value("method", "unknown"), false, "no re-checkable certificate was saved"};
  throw InputError(fmt::format("certificate.json: unknown lower certificate kind '{}'", kind));
}

}  // namespace

CertificateCheck check_certificate_dir(const std::string& dir_name) {
  const fs::path dir(dir_name);
  if (!fs::is_directory(dir)) throw InputError(fmt::format("'{}' is not a directory", dir_name));
  const json cert = json::parse(read_file((dir / "certificate.json").string()), nullptr, false);
  if (cert.is_discarded() || !cert.is_object() || cert.value("format", "") != "ccbound-certificate")
    throw InputError("certificate.json is not a ccbound certificate");
  try {
    CertificateCheck result{
        cert.value("problem", "?"), integer(cert, "lower"), integer(cert, "upper"), {}};
    const Matrix m = read_matrix_file(member(dir, cert.at("matrix")).string());
    result.items.push_back(check_upper(dir, cert, m, result.upper));
    result.items.push_back(check_lower(dir, cert, m, result.lower));
    return result;
  } catch (const json::exception& e) {
    throw InputError(fmt::format("certificate.json: {}", e.what()));
  }
}

}  // namespace ccbound
