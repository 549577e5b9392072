#!/usr/bin/env bash
# The limits benchmark behind `bench/run limits`: how soon ccbound stops after --timeout and after
# SIGINT, and its peak resident set, on the large instances (IP:8, a seeded random 300 x 300
# matrix, IP:12), run as a user would (human output). Prints one table; exits 1 if a run
# overshoots its stop by more than max(1 s, 10 % of its time limit) or passes the default memory
# limit (2048 MiB).
#
#   bench/limits.sh CCBOUND [--quick]
# --quick leaves out the two runs that take a minute (IP:8 at its defaults, and with --timeout 60).
set -uo pipefail
ccbound=${1:?usage: bench/limits.sh CCBOUND [--quick]}
quick=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/random_matrix.py" 300 300 300 >"$work/r300.txt"
failed=0

# What the human output says: D's interval; for bounds, how many measures are settled and how
# many were skipped; the stop label.
summary() {
  python3 - "$1" <<'PY'
import sys
text = open(sys.argv[1]).read()
lines = text.splitlines()
rows = [l.split("  ") for l in lines]
rows = [[c.strip() for c in r if c.strip()] for r in rows]
if any(r and r[0] == "measure" for r in rows):  # bounds: the measure table
    table = [r for r in rows[2:] if len(r) > 1 and not r[0].startswith(("note:", "*"))]
    d = next(r[1] for r in table if r[0] == "D")
    settled = sum(".." not in r[1] for r in table)
    skipped = sum(l.startswith("note:") and "skipped" in l for l in lines)
    what = f"D {d}, {settled}/{len(table)} settled, {skipped} skipped"
elif len(rows) > 1 and len(rows[1]) > 3:  # solve: the D column of the first result
    what = f"D {rows[1][3]}"
else:
    what = lines[0] if lines else "no output"
for label in ("time limit reached", "interrupted:", "memory limit:", "timed out"):
    if label in text:
        what += f" ({label.rstrip(':')})"
        break
print(what)
PY
}

# row NAME LIMIT ALLOWED ARGS...: runs ccbound ARGS under /usr/bin/time; LIMIT "int:S" sends
# SIGINT after S seconds, "timeout:S" is the --timeout in ARGS, "none" is neither. ALLOWED is the
# overshoot the rule permits: max(1 s, 10 % of the --timeout in ARGS, if any).
row() {
  local name=$1 limit=$2 allowed=$3
  shift 3
  local start end pid child status took after sent=0
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$ccbound" "$@" >"$work/out" 2>"$work/err" &
  pid=$!
  if [[ $limit == int:* ]]; then
    sleep "${limit#int:}"
    child=$(pgrep -P "$pid" | head -1)
    sent=$(date +%s.%N)
    [[ -n $child ]] && kill -INT "$child"
  fi
  wait "$pid"
  status=$?
  end=$(date +%s.%N)
  took=$(python3 -c "print(f'{$end - $start:.2f}')")
  case $limit in
    int:*) after=$(python3 -c "print(f'{$end - $sent:.2f}')") ;;
    timeout:*) after=$(python3 -c "print(f'{$end - $start - ${limit#timeout:}:.2f}')") ;;
    *) after="-" ;;
  esac
  local rss_mib=$(($(tail -1 "$work/rss") / 1024))
  printf '%-38s %-10s %7s %10s %9s %5s  %s\n' "$name" "$limit" "$took" "$after" "$rss_mib" \
    "$status" "$(summary "$work/out")"
  if [[ $after != - ]] && python3 -c "import sys; sys.exit(0 if $after > $allowed else 1)"; then
    echo "  ^ overshoots its stop by more than ${allowed} s"
    failed=1
  fi
  if ((rss_mib > 2048)); then
    echo "  ^ above the default memory limit"
    failed=1
  fi
}

echo "ccbound limits benchmark, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %-10s %7s %10s %9s %5s  %s\n' run stop "wall s" "after stop" "peak MiB" exit result
row "bounds IP:8 --timeout 5" timeout:5 1 bounds IP:8 --timeout 5
row "bounds IP:8 --timeout 60, SIGINT at 5 s" int:5 6 bounds IP:8 --timeout 60
row "bounds r300 --timeout 5" timeout:5 1 bounds "$work/r300.txt" --timeout 5
row "bounds r300 -t 100 -m 4096, SIGINT at 5 s" int:5 10 bounds "$work/r300.txt" --timeout 100 \
  --memory-limit 4096
row "solve IP:12 --timeout 5" timeout:5 1 solve IP:12 --timeout 5
row "solve IP:12, SIGINT at 3 s" int:3 1 solve IP:12
if [[ $quick != --quick ]]; then
  row "bounds IP:8 (defaults)" none 0 bounds IP:8
  row "bounds IP:8 --timeout 60" timeout:60 6 bounds IP:8 --timeout 60
  row "bounds r300 -t 100 -m 4096" timeout:100 10 bounds "$work/r300.txt" --timeout 100 \
    --memory-limit 4096
fi
echo "after stop: seconds from the deadline or the SIGINT to the exit, allowed max(1 s, 10 %);"
echo "negative: the run ended before its deadline (its unaffordable steps skipped). r300: the"
echo "seeded random 300 x 300 matrix of bench/random_matrix.py; -t: --timeout; -m: --memory-limit"
echo "(MiB): its cover formulas (~1.1 GB) need more than the default limit and more time than"
echo "10 % of a shorter time limit allows for building them."
exit $failed
