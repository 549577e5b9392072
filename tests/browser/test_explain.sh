#!/usr/bin/env bash
# `ccbound explain` end to end: its error cases (exit 2, one "error: ..." line, no file written),
# then pages rendered by headless Chromium, whose DOM must show one leaf element per leaf of the
# protocol solve() returned (as explain's JSON lists them), one cell per matrix entry in the right
# leaf, the tight bounds, and an injected file name as text, not markup. Without Chromium the page
# checks are skipped (exit 77) once the error checks have passed.
set -u
: "${CCBOUND:?set CCBOUND to the ccbound binary}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_error NAME ARGS...: exit status 2, exactly one stderr line "error: ...", no stdout.
expect_error() {
  local name=$1
  shift
  "$CCBOUND" "$@" >"$work/out" 2>"$work/err" </dev/null
  local status=$?
  if [[ $status -eq 2 && $(wc -l <"$work/err") -eq 1 && ! -s $work/out ]] &&
    grep -q '^error: ' "$work/err"; then
    ok
  else
    fail "$name: status $status, stderr: $(cat "$work/err")"
  fi
}

# Error cases.
expect_error "oversize family" explain EQ:7 --html "$work/big.html"
if grep -q 'at most 64 x 64 for explain' "$work/err"; then ok; else fail "oversize message: $(cat "$work/err")"; fi
# 65 distinct random rows: computing bounds on this would take long, so a quick refusal shows the
# size is checked first.
python3 -c "import random; random.seed(1); [print(''.join(random.choice('01') for _ in range(65))) for _ in range(65)]" >"$work/wide.txt"
start=$(date +%s)
expect_error "oversize file" explain "$work/wide.txt" --html "$work/big.html"
if (($(date +%s) - start < 5)); then ok; else fail "oversize matrix was not refused before computing"; fi
expect_error "missing --html value" explain EQ:2 --html
expect_error "output directory missing" explain EQ:2 --html /nonexistent/dir/page.html
expect_error "negative timeout" explain EQ:2 --timeout -1
if [[ -z $(ls "$work" | grep -e 'big' -e '\.tmp') ]]; then ok; else fail "a file was left: $(ls "$work")"; fi

# The pages, written whether or not a browser is available to look at them.
evil="$work/evil<script>alert(1)<img src=x onerror=alert(2)>&amp;.txt"
printf '110\n011\n101\n' >"$evil"
make_page() {  # make_page NAME PROBLEM [ENV...]: writes $work/NAME.html and $work/NAME.json
  local name=$1 problem=$2
  shift 2
  if env "$@" "$CCBOUND" explain "$problem" --html "$work/$name.html" --json >"$work/$name.json" &&
    [[ -s $work/$name.html ]]; then
    ok
  else
    fail "explain $problem did not write a page"
  fi
}
make_page eq2 EQ:2
make_page gt3 GT:3
make_page evil "$evil"
make_page nodot EQ:2 PATH=/nonexistent
if grep -q '<script>' "$work/evil.html"; then fail "raw <script> in the page"; else ok; fi

if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
  echo "explain: $passed passed, $failed failed"
  ((failed == 0)) || exit 1
  echo "SKIP: chromium not installed (scripts/setup --with-browser installs it)"
  exit 77
fi

# check_page NAME [check_explain_dom.py options]: render with Chromium, compare with the JSON.
check_page() {
  local name=$1
  shift
  if ! timeout 120 "${CHROMIUM:-chromium}" --headless --disable-gpu --no-sandbox \
    --user-data-dir="$work/profile" --dump-dom "file://$work/$name.html" \
    >"$work/$name.dom" 2>"$work/chromium.err" || [[ ! -s $work/$name.dom ]]; then
    fail "$name: chromium did not render the page: $(tail -n 3 "$work/chromium.err")"
    return
  fi
  if python3 "$here/check_explain_dom.py" "$work/$name.dom" "$work/$name.json" "$@" \
    >"$work/check.out"; then
    ok
  else
    fail "$name: $(cat "$work/check.out")"
  fi
}
check_page eq2
check_page gt3
check_page evil --expect-name "$evil"
check_page nodot --expect-dot-text
eq2_leaves=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['leaves'])" "$work/eq2.json")
if [[ $(grep -o 'class="leaf"' "$work/eq2.dom" | wc -l) -eq $eq2_leaves ]]; then ok; else
  fail "EQ:2: leaf count in the DOM differs from the protocol's $eq2_leaves leaves"
fi

echo "explain: $passed passed, $failed failed"
((failed == 0))
