// The soak's matrix generator (see soak_matrices.hpp): random matrices at a density drawn per
// matrix, and structured ones assembled from small "pieces" (a random block or a permuted family)
// by block-diagonal placement, 2 x 2 block combinations, Kronecker products and duplication of
// rows and columns. Everything is built by selecting and placing entries, so the structure is
// exactly what the name says.
#include "soak_matrices.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

#include "ccbound/core/families.hpp"

namespace ccbound::soak {

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

using Indices = std::vector<std::uint32_t>;

struct Piece {
  std::string name;
  Matrix m;
};

// Exactly 0 or 1 (1/32 each), very sparse or very dense (3/32 each), else uniform in [0, 1].
double draw_density(Rng& rng) {
  const std::size_t pick = rng.below(32);
  if (pick == 0) return 0;
  if (pick == 1) return 1;
  if (pick < 5) return 0.1 * rng.unit();
  if (pick < 8) return 1 - 0.1 * rng.unit();
  return rng.unit();
}

Piece random_piece(Rng& rng, std::size_t rows, std::size_t cols) {
  const double density = draw_density(rng);
  Matrix m(rows, cols);
  for (std::size_t x = 0; x < rows; ++x)
    for (std::size_t y = 0; y < cols; ++y) m.set(x, y, rng.coin(density));
  return {fmt::format("random d={:.3f}", density), std::move(m)};
}

Matrix constant(std::size_t rows, std::size_t cols, bool bit) {
  Matrix m(rows, cols);
  for (std::size_t x = 0; x < rows; ++x)
    for (std::size_t y = 0; y < cols; ++y) m.set(x, y, bit);
  return m;
}

// The matrix whose entry (i, j) is m[rows[i]][cols[j]]: permutes, duplicates or restricts.
Matrix select(const Matrix& m, const Indices& rows, const Indices& cols) {
  Matrix out(rows.size(), cols.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < cols.size(); ++j) out.set(i, j, m.at(rows[i], cols[j]));
  return out;
}

void shuffle(Indices& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

Indices shuffled(std::size_t n, Rng& rng) {
  Indices v(n);
  std::iota(v.begin(), v.end(), 0U);
  shuffle(v, rng);
  return v;
}

Matrix permuted(const Matrix& m, Rng& rng) {
  return select(m, shuffled(m.rows(), rng), shuffled(m.cols(), rng));
}

void place(Matrix& target, const Matrix& block, std::size_t x0, std::size_t y0) {
  for (std::size_t x = 0; x < block.rows(); ++x)
    for (std::size_t y = 0; y < block.cols(); ++y) target.set(x0 + x, y0 + y, block.at(x, y));
}

// A family of side at least min_side that fits, rows and columns permuted; nullopt if none fits.
std::optional<Piece> family_piece(Rng& rng, std::size_t max_rows, std::size_t max_cols,
                                  std::size_t min_side) {
  std::vector<FamilyInstance> fits;
  for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index})
    for (int n = 1; n <= 6; ++n) {
      const std::size_t rows = std::size_t{1} << n;
      const std::size_t cols = f == Family::index ? std::size_t(n) : rows;
      if (rows <= max_rows && cols <= max_cols && cols >= min_side) fits.push_back({f, n});
    }
  if (fits.empty()) return std::nullopt;
  const FamilyInstance pick = fits[rng.below(fits.size())];
  return Piece{fmt::format("{}:{} permuted", family_name(pick.family), pick.n),
               permuted(family_matrix(pick.family, pick.n), rng)};
}

// A block of at most max_rows x max_cols: a permuted family or a random matrix.
Piece small_piece(Rng& rng, std::size_t max_rows, std::size_t max_cols) {
  if (rng.coin(0.4))
    if (auto f = family_piece(rng, max_rows, max_cols, 1)) return *std::move(f);
  return random_piece(rng, rng.between(1, max_rows), rng.between(1, max_cols));
}

Piece diag_case(Rng& rng, std::size_t max_side) {
  const Piece a = small_piece(rng, rng.between(1, max_side - 1), rng.between(1, max_side - 1));
  const Piece b = small_piece(rng, max_side - a.m.rows(), max_side - a.m.cols());
  const bool fill = rng.coin(0.25);
  Matrix m = constant(a.m.rows() + b.m.rows(), a.m.cols() + b.m.cols(), fill);
  place(m, a.m, 0, 0);
  place(m, b.m, a.m.rows(), a.m.cols());
  return {fmt::format("diag({}, {}) fill {}", a.name, b.name, int(fill)), std::move(m)};
}

// One block of a 2 x 2 combination: constant, random, or (same shape) a copy or complement of
// the first block; `tag` names it.
struct Block {
  std::string_view tag;
  Matrix m;
};

Block block_content(Rng& rng, std::size_t rows, std::size_t cols, const Matrix* first) {
  const bool same = first && first->rows() == rows && first->cols() == cols;
  switch (rng.below(same ? 5 : 3)) {
    case 0:
      return {"0", constant(rows, cols, false)};
    case 1:
      return {"1", constant(rows, cols, true)};
    case 2:
      return {"R", random_piece(rng, rows, cols).m};
    case 3:
      return {"A", *first};
    default:
      return {"~A", first->complemented()};
  }
}

Piece blocks_case(Rng& rng, std::size_t max_side) {
  const std::size_t r1 = rng.between(1, max_side - 1), c1 = rng.between(1, max_side - 1);
  const std::size_t rows[] = {r1, rng.between(1, max_side - r1)};
  const std::size_t cols[] = {c1, rng.between(1, max_side - c1)};
  Matrix m(rows[0] + rows[1], cols[0] + cols[1]);
  std::string_view tags[4];
  Matrix first;
  for (int b = 0; b < 4; ++b) {
    const int i = b / 2, j = b % 2;
    Block block = block_content(rng, rows[i], cols[j], b ? &first : nullptr);
    place(m, block.m, i ? rows[0] : 0, j ? cols[0] : 0);
    tags[b] = block.tag;
    if (b == 0) first = std::move(block.m);
  }
  return {fmt::format("blocks[{}|{}/{}|{}]", tags[0], tags[1], tags[2], tags[3]), std::move(m)};
}

// (A (x) B)[x1 r2 + x2][y1 c2 + y2] = A[x1][y1] AND (or XOR) B[x2][y2].
Piece product_case(Rng& rng, std::size_t max_side, bool use_xor) {
  const Piece a = small_piece(rng, max_side / 2, max_side / 2);
  const Piece b = small_piece(rng, max_side / a.m.rows(), max_side / a.m.cols());
  const std::size_t r2 = b.m.rows(), c2 = b.m.cols();
  Matrix m(a.m.rows() * r2, a.m.cols() * c2);
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y) {
      const bool u = a.m.at(x / r2, y / c2), v = b.m.at(x % r2, y % c2);
      m.set(x, y, use_xor ? u != v : u && v);
    }
  return {fmt::format("{}({}, {})", use_xor ? "xor" : "kron", a.name, b.name), std::move(m)};
}

// Every row and column of a small piece, plus copies of random ones, in a random order.
Indices with_copies(std::size_t n, std::size_t target, Rng& rng) {
  Indices v(n);
  std::iota(v.begin(), v.end(), 0U);
  while (v.size() < target) v.push_back(std::uint32_t(rng.below(n)));
  shuffle(v, rng);
  return v;
}

Piece dup_case(Rng& rng, std::size_t max_side) {
  const Piece base = small_piece(rng, rng.between(1, max_side), rng.between(1, max_side));
  const std::size_t rows = rng.between(std::max<std::size_t>(base.m.rows(), 2), max_side);
  const std::size_t cols = rng.between(std::max<std::size_t>(base.m.cols(), 2), max_side);
  return {fmt::format("dup({})", base.name), select(base.m, with_copies(base.m.rows(), rows, rng),
                                                    with_copies(base.m.cols(), cols, rng))};
}

// Pads a side below 2 with random rows or columns (a product of 1 x k pieces can be 1 x k).
Piece at_least_2x2(Piece p, Rng& rng) {
  if (p.m.rows() >= 2 && p.m.cols() >= 2) return p;
  const std::size_t rows = std::max<std::size_t>(p.m.rows(), 2);
  const std::size_t cols = std::max<std::size_t>(p.m.cols(), 2);
  Matrix m = random_piece(rng, rows, cols).m;
  place(m, p.m, 0, 0);
  return {"padded(" + p.name + ")", std::move(m)};
}

Piece transformed(Piece p, Rng& rng) {
  if (rng.coin()) p = {"transpose(" + p.name + ")", p.m.transposed()};
  if (rng.coin()) p = {"complement(" + p.name + ")", p.m.complemented()};
  return p;
}

std::pair<std::string, Piece> structured(Rng& rng, std::size_t max_side, std::size_t pick) {
  if (pick < 25) return {"family", *family_piece(rng, max_side, max_side, 2)};
  if (pick < 43) return {"diag", diag_case(rng, max_side)};
  if (pick < 61) return {"blocks", blocks_case(rng, max_side)};
  if (pick < 71) return {"kron", product_case(rng, max_side, false)};
  if (pick < 81) return {"xor", product_case(rng, max_side, true)};
  return {"dup", dup_case(rng, max_side)};
}

}  // namespace

SoakCase soak_case(std::uint64_t seed, std::uint64_t index, std::size_t max_side) {
  Rng rng(seed * 0xd1b54a32d192ed03ULL + index * 0x8cb92ba72f3d8dd7ULL);
  if (rng.coin(0.6)) {
    Piece p = random_piece(rng, rng.between(2, max_side), rng.between(2, max_side));
    return {"random", p.name, std::move(p.m)};
  }
  auto [kind, p] = structured(rng, max_side, rng.below(100));
  p = transformed(at_least_2x2(std::move(p), rng), rng);
  return {kind, p.name, std::move(p.m)};
}

std::string compact_text(const Matrix& m) {
  std::string text = fmt::format("{}x{}:", m.rows(), m.cols());
  for (std::size_t x = 0; x < m.rows(); ++x) {
    if (x) text += '/';
    for (std::size_t y = 0; y < m.cols(); ++y) text += m.at(x, y) ? '1' : '0';
  }
  return text;
}

}  // namespace ccbound::soak
