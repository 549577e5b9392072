// Saved certificate directories: what solve writes, verify accepts; every corruption is caught
// and makes the certificate invalid with a reason, and only a directory that is missing or holds
// no certificate.json is an input error.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/engines/certificate_writer.hpp"
#include "ccbound/engines/solve.hpp"
#include "ccbound/proofs/certificate_dir.hpp"

using namespace ccbound;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

// A 9 x 9 matrix where the rank bound (4) is below D = 5, so the lower bound needs a DRUP proof.
const char* kGapMatrix =
    "011011011\n001011011\n101000110\n000101111\n111110000\n010011001\n010111110\n101100010\n"
    "011100110\n";

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

SolveResult solve_into(const Problem& problem, const fs::path& dir,
                       Engine engine = Engine::automatic) {
  SolveOptions options;
  options.engine = engine;
  options.proof_dir = dir.string();
  SolveResult r = solve(problem, options);
  write_certificate_dir(r, problem.matrix, dir.string());
  return r;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

void replace_once(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = read(p);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  write(p, text.replace(at, from.size(), to));
}

// Rejected: invalid, with a reason (a corrupt certificate is never an InputError).
bool rejected(const fs::path& dir) {
  const CertificateCheck check = check_certificate_dir(dir.string());
  return !check.valid() && !check.reason().empty();
}

}  // namespace

TEST_CASE("a DRUP certificate round trip, and its corruptions", "[certificate][proofs]") {
  TempDir dir("ccbound_test_cert_drup");
  const Problem problem{"gap9", parse_matrix_text(kGapMatrix)};
  const SolveResult r = solve_into(problem, dir.path, Engine::sat);
  REQUIRE(r.exact());
  REQUIRE(r.lower.value == 5);
  REQUIRE(r.lower.certificate == CertificateKind::drup);
  REQUIRE(check_certificate_dir(dir.path.string()).valid());

  const std::string cnf = read(dir.path / "problem.cnf");
  const std::string proof = read(dir.path / "problem.drat");
  SECTION("a clause dropped from the CNF") {
    write(dir.path / "problem.cnf", cnf.substr(0, cnf.rfind("\n", cnf.size() - 2) + 1));
    const CertificateCheck check = check_certificate_dir(dir.path.string());
    CHECK_FALSE(check.valid());  // the clause count is now off: a malformed member file
    CHECK_THAT(check.reason(), Contains("lower bound 5: problem.cnf: ") && Contains("clauses"));
    CHECK(check.items.at(0).ok);  // the upper side stands on its own
  }
  SECTION("a literal flipped in the CNF") {
    replace_once(dir.path / "problem.cnf", "\n-", "\n");
    CHECK_FALSE(check_certificate_dir(dir.path.string()).valid());
  }
  SECTION("the proof cut in half") {
    write(dir.path / "problem.drat", proof.substr(0, proof.size() / 2));
    CHECK(rejected(dir.path));
  }
  SECTION("the proof cut inside a step, or emptied") {
    for (const std::size_t size : {proof.size() - 1, std::size_t{1}, std::size_t{0}}) {
      write(dir.path / "problem.drat", proof.substr(0, size));
      CHECK(rejected(dir.path));
      CHECK_THAT(check_certificate_dir(dir.path.string()).reason(), StartsWith("lower bound 5: "));
    }
  }
  SECTION("the proof missing") {
    fs::remove(dir.path / "problem.drat");
    CHECK_THAT(check_certificate_dir(dir.path.string()).reason(),
               Contains("lower bound 5: cannot read") && Contains("problem.drat"));
  }
  SECTION("the matrix changed") {
    replace_once(dir.path / "matrix.txt", "011011011", "011011010");
    CHECK_FALSE(check_certificate_dir(dir.path.string()).valid());
  }
  SECTION("a bound claimed above what is certified") {
    replace_once(dir.path / "certificate.json", "\"lower\": 5", "\"lower\": 6");
    CHECK_FALSE(check_certificate_dir(dir.path.string()).valid());
  }
  SECTION("a file name escaping the directory") {
    replace_once(dir.path / "certificate.json", "\"problem.drat\"", "\"../problem.drat\"");
    CHECK_THAT(check_certificate_dir(dir.path.string()).reason(),
               Contains("'../problem.drat' is not a plain file name"));
  }
}

TEST_CASE("a search refutation log round trip, and its corruptions", "[certificate][search]") {
  TempDir dir("ccbound_test_cert_search");
  const Problem problem{"gap9", parse_matrix_text(kGapMatrix)};
  const SolveResult r = solve_into(problem, dir.path);
  REQUIRE(r.lower.value == 5);
  REQUIRE(r.lower.certificate == CertificateKind::search_log);
  REQUIRE(r.lower.checked);
  REQUIRE(check_certificate_dir(dir.path.string()).valid());
  const std::string log = read(dir.path / "search.log");
  const auto last_line = log.rfind('\n', log.size() - 2) + 1;
  SECTION("the final claim dropped") {
    write(dir.path / "search.log", log.substr(0, last_line));
    CHECK(rejected(dir.path));
  }
  SECTION("the final claim's depth raised") {
    write(dir.path / "search.log", log.substr(0, last_line) + "5" + log.substr(last_line + 1));
    CHECK(rejected(dir.path));
  }
  SECTION("every claim but the last dropped") {
    write(dir.path / "search.log", log.substr(0, log.find('\n') + 1) + log.substr(last_line));
    CHECK(rejected(dir.path));
  }
  SECTION("a bound claimed above what is certified") {
    replace_once(dir.path / "certificate.json", "\"lower\": 5", "\"lower\": 6");
    CHECK(rejected(dir.path));
  }
}

TEST_CASE("rank and protocol certificates round trip, and corruptions", "[certificate]") {
  TempDir dir("ccbound_test_cert_rank");
  const Problem problem{"EQ:3", family_matrix(Family::eq, 3)};
  const SolveResult r = solve_into(problem, dir.path);
  REQUIRE(r.lower.certificate == CertificateKind::rank);
  REQUIRE(check_certificate_dir(dir.path.string()).valid());
  SECTION("a leaf output flipped") {
    replace_once(dir.path / "protocol.json", "\"output\": 1", "\"output\": 0");
    CHECK_FALSE(check_certificate_dir(dir.path.string()).valid());
  }
  SECTION("a witness row repeated") {
    replace_once(dir.path / "certificate.json", "\"rows\": [\n        0,\n        1,",
                 "\"rows\": [\n        0,\n        0,");
    CHECK_FALSE(check_certificate_dir(dir.path.string()).valid());
  }
  SECTION("a protocol file corrupted") {
    write(dir.path / "protocol.json", read(dir.path / "protocol.json").substr(0, 40));
    const CertificateCheck check = check_certificate_dir(dir.path.string());
    CHECK_FALSE(check.valid());
    CHECK_THAT(check.reason(), StartsWith("upper bound 4: protocol.json: "));
  }
  SECTION("not a certificate") {
    write(dir.path / "certificate.json", "{\"format\": \"other\"}");
    const CertificateCheck check = check_certificate_dir(dir.path.string());
    CHECK_FALSE(check.valid());
    CHECK(check.items.empty());
    CHECK(check.reason() == "certificate.json is not a ccbound certificate");
  }
  SECTION("certificate.json not JSON, or missing a key") {
    write(dir.path / "certificate.json", "{\"format\": ");
    CHECK(check_certificate_dir(dir.path.string()).reason() ==
          "certificate.json is not a ccbound certificate");
    write(dir.path / "certificate.json", "{\"format\": \"ccbound-certificate\", \"lower\": 4}");
    CHECK(check_certificate_dir(dir.path.string()).reason() ==
          "certificate.json: 'upper' must be an integer");
  }
  SECTION("the matrix missing") {
    fs::remove(dir.path / "matrix.txt");
    CHECK_THAT(check_certificate_dir(dir.path.string()).reason(),
               StartsWith("cannot open") && Contains("matrix.txt"));
  }
}

TEST_CASE("the sat engine settles both sides alone", "[certificate][sat]") {
  TempDir dir("ccbound_test_cert_sat");
  const Problem problem{"GT:3", family_matrix(Family::gt, 3)};
  const SolveResult r = solve_into(problem, dir.path, Engine::sat);
  CHECK(r.exact());
  CHECK(r.lower.value == 4);
  CHECK(r.lower.certificate == CertificateKind::drup);
  CHECK(check_certificate_dir(dir.path.string()).valid());
}

TEST_CASE("only a missing directory or one without certificate.json is an input error",
          "[certificate]") {
  TempDir dir("ccbound_test_cert_none");
  CHECK_THROWS_WITH(check_certificate_dir(dir.path.string()), Contains("is not a directory"));
  fs::create_directories(dir.path);
  CHECK_THROWS_WITH(check_certificate_dir(dir.path.string()),
                    Contains("is not a certificate directory: it has no certificate.json"));
  write(dir.path / "certificate.json", "");
  const CertificateCheck check = check_certificate_dir(dir.path.string());
  CHECK_FALSE(check.valid());
  CHECK(check.reason() == "certificate.json is not a ccbound certificate");
}
