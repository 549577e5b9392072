#!/usr/bin/env python3
"""Prints a seeded random 0/1 matrix in ccbound's text format: the limits benchmark's and the CLI
tests' large instance (300 x 300 at density 0.5 by default), the same bytes on every machine.

    bench/random_matrix.py [ROWS [COLS [SEED]]]

Python's Mersenne Twister with an integer seed is stable across versions for getrandbits."""
import random
import sys


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    cols = int(sys.argv[2]) if len(sys.argv) > 2 else rows
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    rng = random.Random(seed)
    out = [f"# random {rows} x {cols}, density 0.5, seed {seed}"]
    for _ in range(rows):
        out.append("".join("1" if rng.getrandbits(1) else "0" for _ in range(cols)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
