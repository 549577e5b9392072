#!/usr/bin/env bash
# Runs the bad-inputs catalogue (cases.txt): every case must exit 2 with exactly its expected
# one-line error on stderr, nothing on stdout, and no file created. Prints "N passed, M failed".
set -u
: "${CCBOUND:?set CCBOUND to the ccbound binary}"
dir=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
listing() { (cd "$dir" && find . | LC_ALL=C sort); }
before=$(listing)

# run_case NAME ARGS EXPECTED: one line of cases.txt.
run_case() {
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
  got=$(cat "$scratch/stderr")
  [[ $status -eq 2 ]] || problem="exit status $status"
  [[ $(wc -l <"$scratch/stderr") -eq 1 && $got == "$expected" ]] || problem+=" stderr: $got"
  [[ ! -s $scratch/stdout ]] || problem+=" stdout not empty"
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

while IFS= read -r line; do
  [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
  IFS='|' read -r name args expected <<<"$line"
  run_case "$(trim "$name")" "$(trim "$args")" "$(trim "$expected")"
done <"$dir/cases.txt"

if [[ $(listing) != "$before" ]]; then
  failed=$((failed + 1))
  echo "FAIL: the catalogue directory changed"
fi
echo "bad inputs: $passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
