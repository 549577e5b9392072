#!/usr/bin/env bash
# Runs the bad-inputs catalogue (cases.txt): every case must exit 2 with exactly its expected
# one-line error on stderr, nothing on stdout, and no file created. Then the corrupt certificates
# (invalid_certificates.txt): every case must exit 1 with its verdict as the first line on stdout,
# nothing on stderr, and no file created. Prints "N passed, M failed".
set -u
: "${CCBOUND:?set CCBOUND to the ccbound binary}"
dir=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
listing() { (cd "$dir" && find . | LC_ALL=C sort); }
before=$(listing)

# run_case STATUS NAME ARGS EXPECTED: one line of cases.txt (STATUS 2: EXPECTED is the one stderr
# line, stdout empty) or of invalid_certificates.txt (STATUS 1: EXPECTED is the first stdout line,
# stderr empty).
run_case() {
  local want=$1
  shift
  local name=$1 expected=${3//\{dir\}/$dir}
  local out="$scratch/out" cwd="$scratch/cwd"
  rm -rf "$out" "$cwd" && mkdir "$out" "$cwd"
  expected=${expected//\{out\}/$out}
  local -a words args=()
  read -ra words <<<"$2"
  for word in "${words[@]}"; do
    word=${word//\{dir\}/$dir}
    args+=("${word//\{out\}/$out}")
  done
  (cd "$cwd" && "$CCBOUND" "${args[@]}" </dev/null >"$scratch/stdout" 2>"$scratch/stderr")
  local status=$? problem=""
  local got
  [[ $status -eq $want ]] || problem="exit status $status"
  if [[ $want -eq 2 ]]; then
    got=$(cat "$scratch/stderr")
    [[ $(wc -l <"$scratch/stderr") -eq 1 && $got == "$expected" ]] || problem+=" stderr: $got"
    [[ ! -s $scratch/stdout ]] || problem+=" stdout not empty"
  else
    got=$(head -n 1 "$scratch/stdout")
    [[ $got == "$expected" ]] || problem+=" stdout: $got"
    [[ ! -s $scratch/stderr ]] || problem+=" stderr: $(cat "$scratch/stderr")"
  fi
  local created
  created=$(find "$out" "$cwd" -mindepth 1 | tr '\n' ' ')
  [[ -z $created ]] || problem+=" created: $created"
  if [[ -z $problem ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name:$problem"
    echo "      expected: $expected"
  fi
}

trim() {
  local s=$1
  s=${s#"${s%%[![:space:]]*}"}
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}

# run_catalogue STATUS FILE: every case of FILE.
run_catalogue() {
  local want=$1 line name args expected
  while IFS= read -r line; do
    [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
    IFS='|' read -r name args expected <<<"$line"
    run_case "$want" "$(trim "$name")" "$(trim "$args")" "$(trim "$expected")"
  done <"$2"
}

run_catalogue 2 "$dir/cases.txt"
run_catalogue 1 "$dir/invalid_certificates.txt"

if [[ $(listing) != "$before" ]]; then
  failed=$((failed + 1))
  echo "FAIL: the catalogue directory changed"
fi
echo "bad inputs: $passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
