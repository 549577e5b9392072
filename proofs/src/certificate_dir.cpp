// Re-checks a saved certificate directory (format in certificate_dir.hpp) from the files alone.
// Only a missing or unreadable directory is an error; whatever is wrong inside it makes the
// certificate invalid, with the reason.
#include "ccbound/proofs/certificate_dir.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

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
  return malformed.empty() && !items.empty() &&
         std::ranges::all_of(items, [](const auto& i) { return i.ok; });
}

std::string CertificateCheck::reason() const {
  if (!malformed.empty()) return malformed;
  for (const CertificateCheckItem& item : items)
    if (!item.ok) return fmt::format("{}: {}", item.what, item.detail);
  return items.empty() ? "no certificate to check" : "";
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

// One side's check before it is named: accepted or not, and why.
struct SideCheck {
  bool ok = false;
  std::string detail;
};

SideCheck check_protocol(const fs::path& dir, const json& c, const Matrix& m, int upper) {
  const fs::path file = member(dir, c.at("file"));
  const std::string text = read_file(file.string());
  const Protocol protocol = naming_file(fs::path(file).filename().string(),
                                        [&] { return protocol_from_json_text(text); });
  const Verdict v = verify_protocol(m, protocol);
  const bool ok = v.ok && v.cost <= upper;
  return {ok, v.ok ? fmt::format("{}{}", v.message, ok ? "" : " (more than claimed)") : v.message};
}

SideCheck check_trivial(const fs::path&, const json&, const Matrix& m, int lower) {
  const bool ok = lower <= 0 || (lower == 1 && !m.is_constant());
  return {ok, ok ? "needs no certificate"
                 : "only D >= 0, or D >= 1 for a non-constant matrix, is trivial"};
}

SideCheck check_rank(const fs::path&, const json& c, const Matrix& m, int lower) {
  const auto prime = c.at("prime").get<std::uint64_t>();
  const auto witness = [&](const char* key, bool complement) {
    return RankWitness{prime, complement, indices(c.at(key), "rows"), indices(c.at(key), "cols")};
  };
  const LeafBoundCertificate cert{witness("ones", false), witness("zeros", true)};
  const WitnessCheck check = check_leaf_bound(m, cert);
  const bool ok = check.ok && cert.implied_depth() >= lower;
  return {ok, ok || !check.ok ? check.message : check.message + " (less than claimed)"};
}

SideCheck check_drup_lower(const fs::path& dir, const json& c, const Matrix& m, int lower) {
  const int k = integer(c, "refuted_depth");
  if (k + 1 < lower || k < 0 || k > 16) return {false, "refuted depth does not support the bound"};
  const Cnf saved = parse_dimacs(read_file(member(dir, c.at("cnf"))), "problem.cnf");
  const Cnf expected = parse_dimacs(DepthFormula(deduplicate(m).matrix, k).to_dimacs(), "formula");
  if (saved.num_vars != expected.num_vars || saved.clauses != expected.clauses)
    return {false, "problem.cnf is not the depth formula of this matrix"};
  const fs::path proof = member(dir, c.at("proof"));
  const std::string proof_text = read_file(proof.string());
  const ProofCheck check = naming_file(fs::path(proof).filename().string(),
                                       [&] { return check_drup(saved, proof_text); });
  return {check.valid,
          fmt::format("depth {} refuted: {} lemmas, {}", k, check.lemmas_checked, check.message)};
}

SideCheck check_search_log(const fs::path& dir, const json& c, const Matrix& m, int lower) {
  const SearchRefutation log = refutation_from_text(read_file(member(dir, c.at("log"))));
  const RefutationCheck check = check_search_refutation(m, log, lower);
  return {check.valid, fmt::format("{} claims checked: {}", check.claims_checked, check.message)};
}

SideCheck check_none(const fs::path&, const json& c, const Matrix&, int) {
  return {false, fmt::format("no re-checkable certificate was saved (found by {})",
                             c.value("method", "an unknown method"))};
}

// The kinds of lower certificate (certificate_dir.hpp): the name in certificate.json, the method
// shown, and the check.
struct LowerKind {
  std::string_view kind;
  std::string_view method;
  SideCheck (*check)(const fs::path&, const json&, const Matrix&, int lower);
};

constexpr LowerKind kLowerKinds[] = {
    {"trivial", "trivial", check_trivial},                  // D >= 0, or >= 1 if not constant
    {"rank", "rank witnesses", check_rank},                 // leaves >= rank(M) + rank(J - M)
    {"drup", "DRUP proof", check_drup_lower},               // depth L - 1 is unsatisfiable
    {"search", "search refutation log", check_search_log},  // the search's own claims, re-run
    {"none", "not re-checkable", check_none},               // never valid
};

// One side's check, named; a member file or a certificate.json entry it cannot read makes that
// side rejected, with the reader's message.
template <class Check>
CertificateCheckItem side(std::string what, std::string_view method, Check check) {
  CertificateCheckItem item{std::move(what), std::string(method), false, ""};
  try {
    const SideCheck result = check();
    item.ok = result.ok;
    item.detail = result.detail;
  } catch (const InputError& e) {
    item.detail = e.what();
  } catch (const json::exception& e) {
    item.detail = fmt::format("certificate.json: {}", e.what());
  }
  return item;
}

CertificateCheckItem check_upper(const fs::path& dir, const json& cert, const Matrix& m,
                                 int upper) {
  return side(fmt::format("upper bound {}", upper), "protocol tree",
              [&] { return check_protocol(dir, cert.at("upper_certificate"), m, upper); });
}

CertificateCheckItem check_lower(const fs::path& dir, const json& cert, const Matrix& m,
                                 int lower) {
  const std::string what = fmt::format("lower bound {}", lower);
  const auto it = cert.find("lower_certificate");
  if (it == cert.end() || !it->is_object())
    return {what, "?", false, "certificate.json: 'lower_certificate' must be an object"};
  const json& c = *it;
  const json kind = c.value("kind", json());
  for (const LowerKind& k : kLowerKinds)
    if (kind.is_string() && kind.get<std::string>() == k.kind)
      return side(what, k.method, [&] { return k.check(dir, c, m, lower); });
  return {what, "?", false,
          fmt::format("certificate.json: unknown lower certificate kind {}", kind.dump())};
}

// certificate.json's text, read: a missing directory, file or read error is not a certificate
// directory at all (InputError).
std::string certificate_text(const fs::path& dir, const std::string& dir_name) {
  std::error_code error;
  if (!fs::is_directory(dir, error))
    throw InputError(fmt::format("'{}' is not a directory", dir_name));
  const fs::path file = dir / "certificate.json";
  if (!fs::exists(file, error)) {
    if (error) throw InputError(fmt::format("cannot read the directory '{}'", dir_name));
    throw InputError(
        fmt::format("'{}' is not a certificate directory: it has no certificate.json", dir_name));
  }
  return read_file(file.string());
}

void check_contents(const fs::path& dir, const std::string& text, CertificateCheck& result) {
  const json cert = json::parse(text, nullptr, false);
  if (cert.is_discarded() || !cert.is_object() || cert.value("format", "") != "ccbound-certificate")
    throw InputError("certificate.json is not a ccbound certificate");
  result.problem = cert.value("problem", "?");
  result.lower = integer(cert, "lower");
  result.upper = integer(cert, "upper");
  const Matrix m = read_matrix_file(member(dir, cert.at("matrix")).string());
  result.items.push_back(check_upper(dir, cert, m, result.upper));
  result.items.push_back(check_lower(dir, cert, m, result.lower));
}

}  // namespace

CertificateCheck check_certificate_dir(const std::string& dir_name) {
  const fs::path dir(dir_name);
  const std::string text = certificate_text(dir, dir_name);
  CertificateCheck result;
  try {
    check_contents(dir, text, result);
  } catch (const InputError& e) {
    result.malformed = e.what();
  } catch (const json::exception& e) {
    result.malformed = fmt::format("certificate.json: {}", e.what());
  }
  return result;
}

}  // namespace ccbound
