#!/usr/bin/env bash
# Replays fuzz inputs without libFuzzer: for each NAME=EXECUTABLE, runs the executable over
# corpus/NAME/ and regressions/NAME/ (those that exist) under FUZZ_DIR, and fails on the first
# target that crashes, showing the input it was running. Usage: replay.sh FUZZ_DIR NAME=EXECUTABLE...
set -euo pipefail
fuzz_dir=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pair in "$@"; do
  name=${pair%%=*}
  exe=${pair#*=}
  dirs=()
  for kind in corpus regressions; do
    [[ -d $fuzz_dir/$kind/$name ]] && dirs+=("$fuzz_dir/$kind/$name")
  done
  [[ ${#dirs[@]} -gt 0 ]] || { echo "replay: no inputs for $name" >&2; exit 1; }
  if ! ran=$("$exe" "${dirs[@]}" 2>"$log"); then
    tail -n 30 "$log" >&2
    echo "replay: $name FAILED" >&2
    exit 1
  fi
  echo "replay: $name: $ran"
done
