#!/usr/bin/env bash
# The CLI's contract, through the binary: exact values in JSON, one-line errors with exit 2, and no
# partial output files. Prints "N passed, M failed" and exits non-zero on any failure.
set -u
: "${CCBOUND:?set CCBOUND to the ccbound binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_error NAME STDIN ARGS...: exit status 2, exactly one stderr line starting "error: ", no stdout.
expect_error() {
  local name=$1 input=$2
  shift 2
  printf '%b' "$input" | "$CCBOUND" "$@" >"$work/out" 2>"$work/err"
  local status=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [[ $status -eq 2 && $lines -eq 1 && -s $work/err && ! -s $work/out ]] && grep -q '^error: ' "$work/err"; then
    ok
  else
    fail "$name: status $status, stderr: $(cat "$work/err")"
  fi
}

# expect_json NAME FILTER_KEY EXPECTED ARGS...: run with --json and compare one top-level key.
expect_json() {
  local name=$1 key=$2 expected=$3
  shift 3
  local got
  got=$("$CCBOUND" "$@" --json | python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['$key']))")
  if [[ $got == "$expected" ]]; then ok; else fail "$name: $key = $got, expected $expected"; fi
}

printf '0110\n1001\n' >"$work/ok.txt"
printf '011\n10\n' >"$work/ragged.txt"
printf '012\n' >"$work/badchar.txt"
printf '# nothing\n\n' >"$work/empty.txt"
: >"$work/zero.txt"
python3 -c "print('1' * 4097)" >"$work/wide.txt"

expect_error "ragged rows" "" solve "$work/ragged.txt"
expect_error "bad character" "" solve "$work/badchar.txt"
expect_error "no rows" "" solve "$work/empty.txt"
expect_error "empty file" "" solve "$work/zero.txt"
expect_error "too wide" "" solve "$work/wide.txt"
expect_error "missing file" "" solve "$work/none.txt"
expect_error "unknown family" "" solve FOO:3
expect_error "oversize n" "" solve EQ:13
expect_error "huge n" "" solve EQ:100000000000000000000
expect_error "zero n" "" solve EQ:0
expect_error "negative n" "" solve EQ:-2
expect_error "family without n" "" solve EQ
expect_error "bad stdin" "01\n2\n" solve -
expect_error "empty stdin" "" solve -
expect_error "unknown engine" "" solve EQ:2 --engine magic
expect_error "bad timeout" "" solve EQ:2 --timeout abc
expect_error "negative timeout" "" solve EQ:2 --timeout -1
expect_error "no subcommand" ""
expect_error "unknown subcommand" "" frobnicate
expect_error "unknown option" "" solve EQ:2 --frob
expect_error "reversed range" "" solve EQ:4..2
expect_error "protocol-out with many" "" solve EQ:1..2 --protocol-out "$work/p.json"
expect_error "unwritable output" "" solve EQ:2 --protocol-out /nonexistent/dir/p.json

expect_json "D(EQ:3)" D 4 solve EQ:3
expect_json "D(INDEX:5)" D 4 solve INDEX:5
expect_json "D(INDEX:4)" D 3 solve INDEX:4
expect_json "status" status '"exact"' solve GT:3
expect_json "file" D 2 solve "$work/ok.txt"
expect_json "stdin" D 2 solve - <"$work/ok.txt"
expect_json "constant" D 0 solve - <<<"111"
expect_json "timeout gives an interval" status '"interval"' solve EQ:12 --timeout 0.000001

"$CCBOUND" solve GT:3 --protocol-out "$work/gt.json" --dot-out "$work/gt.dot" >/dev/null
if grep -q '"ccbound-protocol"' "$work/gt.json" && grep -q '^digraph' "$work/gt.dot"; then ok; else fail "protocol files"; fi
if ! ls "$work" | grep -q '\.tmp\.'; then ok; else fail "temporary files left behind"; fi

expect_error "dimacs-out without depth" "" solve EQ:2 --dimacs-out "$work/q.cnf"
expect_error "verify a missing directory" "" verify "$work/no-such-dir"
expect_error "verify a directory without a certificate" "" verify "$work"
expect_error "proof-dir with many" "" solve EQ:1..2 --proof-dir "$work/many"

got=$("$CCBOUND" solve EQ:2 --engine sat --json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['D'], d['lower_evidence']['certificate'], d['lower_evidence']['checked'])")
if [[ $got == "3 DRUP proof True" ]]; then ok; else fail "sat engine: $got"; fi

# Z3's unsat carries no proof: the lower side is exact only once CaDiCaL confirmed it with a
# checked DRUP proof.
got=$("$CCBOUND" solve GT:2 --engine smt --json | python3 -c "import json,sys; d=json.load(sys.stdin); e=d['lower_evidence']; print(d['D'], d['status'], e['certificate'], e['checked'], 'confirmed by CaDiCaL' in e['method'])")
if [[ $got == "3 exact DRUP proof True True" ]]; then ok; else fail "smt engine: $got"; fi
expect_error "smt2-out without depth" "" solve EQ:2 --smt2-out "$work/q.smt2"
"$CCBOUND" solve EQ:2 --depth 2 --smt2-out "$work/q.smt2" >/dev/null
if grep -q 'check-sat' "$work/q.smt2"; then ok; else fail "smt2 export"; fi

"$CCBOUND" solve EQ:2 --depth 2 --dimacs-out "$work/q.cnf" >/dev/null
if grep -q '^p cnf ' "$work/q.cnf"; then ok; else fail "dimacs export"; fi

"$CCBOUND" solve GT:3 --engine sat --proof-dir "$work/cert" >/dev/null
if "$CCBOUND" verify "$work/cert" >/dev/null; then ok; else fail "verify a fresh certificate"; fi
# Flip the last entry of the matrix: the protocol no longer computes it, so verify says invalid (1).
python3 -c "import sys; p=sys.argv[1]; t=open(p).read().rstrip('\n'); open(p,'w').write(t[:-1] + ('0' if t[-1] == '1' else '1') + '\n')" "$work/cert/matrix.txt"
"$CCBOUND" verify "$work/cert" >/dev/null 2>&1
status=$?
if [[ $status -eq 1 ]]; then ok; else fail "verify a corrupted certificate: exit $status"; fi

count=$("$CCBOUND" solve EQ:1..3 --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)['results']))")
if [[ $count == 3 ]]; then ok; else fail "range expands to 3 results, got $count"; fi

# bounds: every measure key present, known values, the sweep table, bad input, kept proofs.
got=$("$CCBOUND" bounds EQ:3 --json | python3 -c "
import json,sys
m=json.load(sys.stdin)['measures']
keys='rank_q rank_q_complement rank_gf2 fooling1 fooling0 chi1 chi0 chi cover1 cover0 oneway_ab oneway_ba D'.split()
assert sorted(m) == sorted(keys), sorted(m)
assert all(set(m[k]) >= {'value','implies','certificate','checked'} for k in keys)
print(m['D']['value'], m['rank_q']['value'], m['fooling1']['value'], m['cover0']['value'], m['oneway_ab']['implies'], m['chi']['implies'])")
if [[ $got == "4 8 8 5 None 4" ]]; then ok; else fail "bounds EQ:3 json: $got"; fi
got=$("$CCBOUND" bounds INDEX:4 --json | python3 -c "
import json,sys; m=json.load(sys.stdin)['measures']; print(m['oneway_ab']['value'], m['oneway_ba']['value'], m['D']['value'])")
if [[ $got == "4 2 3" ]]; then ok; else fail "bounds INDEX:4 one-way: $got"; fi
table=$("$CCBOUND" bounds EQ:1..3)
if grep -q '^EQ:1 ' <<<"$table" && grep -q '^EQ:3 ' <<<"$table" && [[ $(grep -c '^EQ:' <<<"$table") == 3 ]]; then ok; else fail "bounds sweep table: $table"; fi
if "$CCBOUND" bounds GT:2 | grep -q 'the bound meets D'; then ok; else fail "bounds table legend"; fi
expect_error "bounds unknown family" "" bounds FOO:3
expect_error "bounds negative timeout" "" bounds EQ:2 --timeout -1
expect_error "bounds proof dir with a sweep" "" bounds EQ:1..2 --proof-dir "$work/b"
expect_error "bounds ragged matrix" "" bounds "$work/ragged.txt"
"$CCBOUND" bounds EQ:3 --proof-dir "$work/bp" >/dev/null
if [[ -s $work/bp/cover0.cnf && -s $work/bp/cover0.drat && ! -e $work/bp/cover0.drat.tmp ]]; then ok; else fail "bounds --proof-dir keeps the C0 refutation: $(ls "$work/bp")"; fi
got=$("$CCBOUND" bounds IP:6 --timeout 0.2 --json | python3 -c "
import json,sys; r=json.load(sys.stdin); m=r['measures']
print(r['timed_out'], all(v['lower'] <= v['upper'] for v in m.values()))")
if [[ $got == "True True" ]]; then ok; else fail "bounds timeout gives intervals: $got"; fi

# reduce: the JSON keys, known values, verified simulations, bad combinations.
got=$("$CCBOUND" reduce index --arch rnn --length 8 --precision 4 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['task'], r['arch'], r['length'], r['precision'], r['cc'], r['min_size'], r['message_bits'], r['simulation_verified'], r['inputs_checked'], r['machines']['live_at_split'], r['machines']['dead_at_split'])")
if [[ $got == "INDEX rnn 8 fixed:4:2 8 2 8 True 4096 255 True" ]]; then ok; else fail "reduce INDEX rnn json: $got"; fi
got=$("$CCBOUND" reduce EQ --arch tf1 --length 6 --precision fixed:8:4 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['cc'], r['cc_measure'], r['unit_bits'], r['min_size'], r['simulation_verified'], r['inputs_checked'])")
if [[ $got == "7 D (two-way) 12 1 True 4096" ]]; then ok; else fail "reduce EQ tf1 json: $got"; fi
got=$("$CCBOUND" reduce DISJ --arch rnn --length 20 --precision binary16 --samples 300 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['cc'], r['cc_evidence'], r['cc_source'].startswith('theorem'), r['min_size'], r['min_size_evidence'], r['inputs_checked'], r['models'][0]['exhaustive'], r['simulation_coverage'], r['simulation_passed'], r['simulation_verified'])")
if [[ $got == "20 cited True 2 cited 300 False sample True False" ]]; then ok; else fail "reduce DISJ:20 closed form: $got"; fi
if "$CCBOUND" reduce dyck --arch tf1 --length 4 | grep -q '^simulation verified: 256 inputs checked'; then ok; else fail "reduce DYCK tf1 table"; fi
expect_error "reduce unknown task" "" reduce FOO --arch rnn --length 3
expect_error "reduce unknown arch" "" reduce EQ --arch lstm --length 3
expect_error "reduce zero length" "" reduce EQ --arch rnn --length 0
expect_error "reduce oversize length" "" reduce DYCK --arch rnn --length 32
expect_error "reduce bad precision" "" reduce EQ --arch rnn --length 3 --precision fixed:1
expect_error "reduce unknown precision" "" reduce EQ --arch rnn --length 3 --precision bfloat7
expect_error "reduce heads for an rnn" "" reduce EQ --arch rnn --length 3 --heads 2
expect_error "reduce zero samples" "" reduce EQ --arch tf1 --length 3 --samples 0
expect_error "reduce huge width" "" reduce EQ --arch tf1 --length 3 --width 100000
expect_error "reduce missing arch" "" reduce EQ --length 3

# construct: the JSON keys of the issue, verdicts, and bad requests.
got=$("$CCBOUND" construct index --length 1024 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['task'], r['length'], r['layers'], r['heads'], r['precision'], r['verified'], r['method'], r['width'] <= 10 * 3)")
if [[ $got == "INDEX 1024 1 1 binary32 True margin bound True" ]]; then ok; else fail "construct INDEX json: $got"; fi
got=$("$CCBOUND" construct Dyck --length 5 --precision fixed:8:4 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['arch'], r['width'], r['verified'], r['evidence'], r['method'], r['inputs_checked'])")
if [[ $got == "rnn 7 True proof reachable states 8" ]]; then ok; else fail "construct DYCK json: $got"; fi
got=$("$CCBOUND" construct eq --length 4 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['layers'], r['verified'], r['method'], r['inputs_checked'])")
if [[ $got == "2 True exhaustive 256" ]]; then ok; else fail "construct EQ json: $got"; fi
if "$CCBOUND" construct nn --length 16 | grep -q '^NN_16 .*: NOT VERIFIED (sample: [0-9]* inputs, random+adversarial under margin gamma'; then ok; else fail "construct NN table"; fi
expect_error "construct unknown task" "" construct FOO --length 4
expect_error "construct unbuilt arch" "" construct DYCK --arch tf1 --length 4
expect_error "construct zero length" "" construct INDEX --length 0
expect_error "construct oversize length" "" construct INDEX --length 2000000
expect_error "construct bad precision" "" construct EQ --length 4 --precision fixed:1
expect_error "construct format too small" "" construct EQ --length 64 --precision fixed:16:8

# separations: known values, the plot and CSV written whole, bad options refused (evidence below).
got=$("$CCBOUND" separations --max-length 8 --json --csv "$work/sep.csv" | python3 -c "
import json,sys; r=json.load(sys.stdin)
rows = {(x['task'], x['length']): x for x in r['rows']}
print(len(r['rows']), rows[('INDEX', 8)]['rnn_min_size'], rows[('EQ', 8)]['tf1_cc']['lower'], rows[('DYCK', 4)]['transformer_built'].get('missing'))")
if [[ $got == "8 1 9 no construction" ]]; then ok; else fail "separations json: $got"; fi
if [[ $(wc -l <"$work/sep.csv") -eq 9 ]]; then ok; else fail "separations csv rows"; fi
if command -v gnuplot >/dev/null; then
  "$CCBOUND" separations --max-length 8 --plot "$work/sep.svg" >/dev/null 2>"$work/err"
  if grep -q '<svg' "$work/sep.svg" && [[ ! -s $work/err ]]; then ok; else fail "separations plot"; fi
fi
expect_error "separations small max" "" separations --max-length 2
expect_error "separations huge max" "" separations --max-length 1000000
expect_error "separations plot directory" "" separations --max-length 4 --plot "$work/none/sep.svg"
if [[ ! -e $work/none ]]; then ok; else fail "separations left a file"; fi

# check: the shipped catalogue's parts, the false example, malformed claim files.
claims="$(dirname "$0")/../../proofs/claims"
if "$CCBOUND" check --filter eq.D --jobs 2 | grep -q '^1 passed, 0 failed$'; then ok; else fail "check eq.D"; fi
"$CCBOUND" check "$claims/examples/false_claims.toml" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 ]] && grep -q '^FAIL false.ip.D at n = 1 ' "$work/out" && grep -q '^0 passed, 1 failed$' "$work/out"; then ok; else fail "check false claim: status $status"; fi
got=$("$CCBOUND" check "$claims/examples/false_claims.toml" --json | python3 -c "
import json,sys; r=json.load(sys.stdin); c=r['claims'][0]
print(r['failed'], c['verdict'], c['instances'][0]['value'], c['instances'][0]['expected'])")
if [[ $got == "1 FAIL 2 = 1" ]]; then ok; else fail "check false claim json: $got"; fi
printf '[[claim]]\nid = "x"\nstatement = "s"\nkind = "measure"\nfamily = "EQ"\nmeasure = "D"\nn = 2\nexpect = "n +"\n' >"$work/badexpr.toml"
printf '[[claim]]\nid = "x"\nstatement = "s"\nkind = "measure"\nfamily = "EQ"\nmeasure = "depth"\nn = 2\nexpect = "3"\n' >"$work/badmeasure.toml"
printf '[[claim]]\nid = "x"\nstatement = "s"\nkind = "measure"\nfamily = "EQ"\nmeasure = "D"\nn = 40\nexpect = "3"\n' >"$work/bign.toml"
printf '[[claim]\nid = "x"\n' >"$work/badtoml.toml"
expect_error "check bad expression" "" check "$work/badexpr.toml"
expect_error "check unknown measure" "" check "$work/badmeasure.toml"
expect_error "check n out of range" "" check "$work/bign.toml"
expect_error "check bad toml" "" check "$work/badtoml.toml"
expect_error "check missing file" "" check "$work/none.toml"
expect_error "check bad jobs" "" check --jobs -1
if "$CCBOUND" check "$work/badexpr.toml" 2>&1 | grep -q "badexpr.toml:8: "; then ok; else fail "check file:line"; fi
if "$CCBOUND" check "$work/bign.toml" 2>&1 | grep -q "bign.toml:7: "; then ok; else fail "check n file:line"; fi

# Limits: SIGINT stops a long solve with the interval proved so far and exit 130, leaving only
# complete files; --memory-limit stops it like a timeout, labelled.
"$CCBOUND" solve IP:7 --engine sat --proof-dir "$work/int" --protocol-out "$work/int.json" \
  >"$work/out" 2>"$work/err" &
pid=$!
sleep 1
kill -INT "$pid"
start=$(date +%s%N)
wait "$pid"
status=$?
took=$((($(date +%s%N) - start) / 1000000))
if [[ $status -eq 130 && $took -lt 2000 ]] && grep -q '^interrupted: IP:7: interval [0-9]*\.\.8 proved so far$' "$work/out"; then ok; else fail "solve SIGINT: status $status after $took ms: $(cat "$work/out" "$work/err")"; fi
if [[ -z $(find "$work" -name '*.tmp*' -o -name '*.partial') ]] && "$CCBOUND" verify "$work/int" >/dev/null && python3 -c "import json; json.load(open('$work/int.json'))"; then ok; else fail "SIGINT left partial files"; fi
"$CCBOUND" solve IP:7 --engine sat --memory-limit 1 >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 0 ]] && grep -q '^memory limit: IP:7: interval [0-9]*\.\.8 proved so far$' "$work/out"; then ok; else fail "solve memory limit: status $status: $(cat "$work/err")"; fi
got=$("$CCBOUND" bounds IP:6 --memory-limit 1 --json | python3 -c "import json,sys; print(json.load(sys.stdin).get('memory_limit'))")
if [[ $got == "True" ]]; then ok; else fail "bounds memory limit json: $got"; fi
got=$("$CCBOUND" check --filter eq.D --timeout 0.001 --jobs 1 --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['failed'] == 0 and r['passed'] + r['timed_out'] + r['unchecked'] == 1)")
if [[ $got == "True" ]]; then ok; else fail "check --timeout: $got"; fi

# Provenance: check verdicts beyond pass/FAIL, the evidence of every number in reduce and
# separations, and verify's verdict first with exit 1 for any certificate that establishes nothing.
examples="$claims/examples"
"$CCBOUND" check "$examples/cited_claims.toml" --jobs 2 >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 ]] && grep -q '^cited index.rnn.cc.cited at N = 20, fixed:8:4 ' "$work/out" && [[ $(grep -c '^cited ' "$work/out") -eq 5 ]] && [[ $(tail -n 1 "$work/out") == "0 passed, 0 failed, 1 cited" ]]; then ok; else fail "check cited INDEX rnn cc: status $status: $(cat "$work/out" "$work/err")"; fi
got=$("$CCBOUND" check "$examples/cited_claims.toml" --jobs 2 --json | python3 -c "
import json,sys; r=json.load(sys.stdin); c=r['claims'][0]
print(r['passed'], r['failed'], r['cited'], c['verdict'], sorted({i['verdict'] for i in c['instances']}), c['instances'][4]['value'])")
if [[ $got == "0 0 1 cited ['cited'] 24" ]]; then ok; else fail "check cited json: $got"; fi
"$CCBOUND" check "$examples/sample_claims.toml" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 ]] && grep -q '^sample nn.tf2.width.sample at N = 4, binary32 ' "$work/out" && [[ $(tail -n 1 "$work/out") == "0 passed, 0 failed, 1 sample" ]]; then ok; else fail "check sampled construction: status $status: $(cat "$work/out" "$work/err")"; fi
got=$("$CCBOUND" check "$examples/sample_claims.toml" --json | python3 -c "
import json,sys; r=json.load(sys.stdin); print(r['passed'], r['sample'], r['claims'][0]['instances'][0]['verdict'])")
if [[ $got == "0 1 sample" ]]; then ok; else fail "check sample json: $got"; fi
if "$CCBOUND" check --filter rnn.index.cc | grep -q '^1 passed, 0 failed$'; then ok; else fail "check a computed reduction passes"; fi

got=$("$CCBOUND" reduce index --arch rnn --length 8 --precision 4 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['cc_evidence'], r['cc_lower_evidence'], r['cc_upper_evidence'], r['min_size_evidence'], r['simulation_coverage'], r['simulation_verified'], r['models'][0]['verified'])")
if [[ $got == "checked checked checked checked exhaustive True True" ]]; then ok; else fail "reduce evidence json: $got"; fi
"$CCBOUND" reduce DISJ --arch rnn --length 20 --precision binary16 --samples 300 >"$work/out"
status=$?
if [[ $status -eq 0 ]] && grep -q '^communication  one-way Alice -> Bob = 20 bits, cited (theorem: ' "$work/out" && grep -q ' = 2, cited (as the CC' "$work/out" && grep -q '^simulation sample: 300 seeded input pairs agreed' "$work/out" && ! grep -q '^simulation verified' "$work/out"; then ok; else fail "reduce cited table: status $status: $(cat "$work/out")"; fi
if "$CCBOUND" reduce EQ --arch tf1 --length 4 | grep -q '^communication  D (two-way) = 5 bits, checked (computed on'; then ok; else fail "reduce checked table"; fi

"$CCBOUND" separations --max-length 16 --json --csv "$work/prov.csv" --plot "$work/prov.svg" >"$work/prov.json" 2>"$work/err"
got=$(python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))
rows = {(x['task'], x['length']): x for x in r['rows']}
i4, i16 = rows[('INDEX', 4)], rows[('INDEX', 16)]
fields = ('rnn_cc_evidence', 'rnn_min_size_evidence', 'tf1_cc_evidence', 'tf1_min_size_evidence')
print([i4[f] for f in fields] == ['checked'] * 4, [i16[f] for f in fields] == ['cited'] * 4,
      i16['rnn_cc']['upper_evidence'], i4['transformer_built_evidence'], rows[('DYCK', 16)]['transformer_built_evidence'])
built = [x[k] for x in r['rows'] for k in ('rnn_built_evidence', 'transformer_built_evidence') if x[k]]
print(set(built) <= {'exhaustive', 'proof', 'sample', 'failed'}, r['verified'] == all(b in ('exhaustive', 'proof') for b in built),
      r['built']['sample'] == built.count('sample'), r['built']['verified'] + r['built']['sample'] + r['built']['failed'] == len(built))" "$work/prov.json")
if [[ $got == $'True True cited exhaustive None\nTrue True True True' ]]; then ok; else fail "separations evidence json: $got"; fi
got=$(python3 -c "
import csv,sys; rows = list(csv.DictReader(open(sys.argv[1])))
by = {(x['task'], x['length']): x for x in rows}
i16 = by[('INDEX', '16')]
print(i16['rnn_cc_evidence'], i16['rnn_min_d_evidence'], i16['tf1_cc_evidence'], i16['tf1_min_size_evidence'], by[('EQ', '8')]['tf1_cc_evidence'],
      all(x['verified'] == ('0' if 'sample' in (x['rnn_built_evidence'], x['transformer_built_evidence']) else x['verified']) for x in rows),
      len(rows))" "$work/prov.csv")
if [[ $got == "cited cited cited cited checked True 12" ]]; then ok; else fail "separations evidence csv: $got"; fi
"$CCBOUND" separations --max-length 16 >"$work/out"
if grep -q '^INDEX  16     16\*        1\*' "$work/out" && grep -q '^INDEX   4       4         1  1 \[exhaustive\]' "$work/out" && grep -q '^  \*    cited: ' "$work/out" && ! grep -q '^EQ .*\[sample\].*verified' "$work/out"; then ok; else fail "separations table marks: $(cat "$work/out")"; fi
if command -v gnuplot >/dev/null; then
  if grep -q 'stroke-dasharray' "$work/prov.svg" && grep -q 'filled, solid: checked bound' "$work/prov.svg"; then ok; else fail "separations plot marks cited points"; fi
fi

"$CCBOUND" solve GT:3 --engine sat --proof-dir "$work/vcert" >/dev/null
"$CCBOUND" verify "$work/vcert" >"$work/out"
status=$?
if [[ $status -eq 0 && $(head -n 2 "$work/out") == $'certificate valid\nGT:3: D = 4' ]]; then ok; else fail "verify valid: status $status: $(cat "$work/out")"; fi
cp -r "$work/vcert" "$work/vtrunc"
python3 -c "import sys; p=sys.argv[1]; d=open(p,'rb').read(); open(p,'wb').write(d[:len(d)//2])" "$work/vtrunc/problem.drat"
"$CCBOUND" verify "$work/vtrunc" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 && ! -s $work/err ]] && head -n 1 "$work/out" | grep -q '^certificate INVALID: lower bound 4: problem.drat: ' && ! grep -q 'D = ' "$work/out"; then ok; else fail "verify truncated DRAT: status $status: $(cat "$work/out" "$work/err")"; fi
got=$("$CCBOUND" verify "$work/vtrunc" --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['valid'], 'D' in r, 'lower' in r, r['reason'].startswith('lower bound 4: problem.drat'))")
if [[ $got == "False False False True" ]]; then ok; else fail "verify truncated DRAT json: $got"; fi
cp -r "$work/vcert" "$work/vproto"
python3 -c "import sys; p=sys.argv[1]; t=open(p).read(); open(p,'w').write(t[:len(t)//3])" "$work/vproto/protocol.json"
"$CCBOUND" verify "$work/vproto" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 && ! -s $work/err ]] && head -n 1 "$work/out" | grep -q '^certificate INVALID: upper bound 4: protocol.json: '; then ok; else fail "verify corrupted protocol: status $status: $(cat "$work/out" "$work/err")"; fi
rm "$work/vproto/matrix.txt"
"$CCBOUND" verify "$work/vproto" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -eq 1 ]] && head -n 1 "$work/out" | grep -q "^certificate INVALID: cannot open '.*matrix.txt'"; then ok; else fail "verify missing member file: status $status"; fi
expect_error "verify a missing certificate directory" "" verify "$work/vnone"
mkdir "$work/vempty"
expect_error "verify a directory with no certificate.json" "" verify "$work/vempty"

# An output path that is a device or a pipe is written in place, never replaced by a file
# (renaming a temporary over /dev/null would destroy it for every other program).
mkfifo "$work/pipe"
cat "$work/pipe" >"$work/piped" &
"$CCBOUND" solve EQ:2 --protocol-out "$work/pipe" >/dev/null
wait
if [[ -p $work/pipe ]] && grep -q '"ccbound-protocol"' "$work/piped"; then ok; else fail "protocol written into a FIFO"; fi
# construct: evidence first, exit 0 only when verified (a proof or every input), 1 for a sample or a
# model stopped by --timeout, 130 after SIGINT; a bad --timeout is refused.
got=$("$CCBOUND" construct eq --length 300 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(r['verified'], r['evidence'], r['stopped'], r['method'], r['inputs_checked'])")
if [[ $got == "True proof False layer bounds 2401" ]]; then ok; else fail "construct EQ proof json: $got"; fi
if "$CCBOUND" construct disj --length 64 | grep -q '^DISJ_64 .*: verified (proof: layer bounds), '; then ok; else fail "construct DISJ proof table"; fi
if "$CCBOUND" construct eq --length 4 | grep -q '^EQ_4 .*: verified (exhaustive), '; then ok; else fail "construct EQ exhaustive table"; fi
"$CCBOUND" construct nn --length 8 >/dev/null
status=$?
got=$("$CCBOUND" construct nn --length 8 --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['verified'], r['evidence'])")
if [[ $status -eq 1 && $got == "False sample" ]]; then ok; else fail "construct NN sample: status $status, $got"; fi
# (the exhaustive check would take a minute; the bound on the wall time leaves room for a loaded
# machine, unloaded it stops at about 0.55 s)
start=$(date +%s%N)
"$CCBOUND" construct eq --length 10 --precision binary16 --timeout 0.5 --json >"$work/out"
status=$?
took=$((($(date +%s%N) - start) / 1000000))
got=$(python3 -c "
import json; r=json.load(open('$work/out')); print(r['verified'], r['stopped'], r['evidence'], r['detail'].split(' after')[0])")
if [[ $status -eq 1 && $got == "False True exhaustive stopped (time limit)" && $took -lt 3000 ]]; then ok; else fail "construct --timeout: status $status, $got after $took ms"; fi
"$CCBOUND" construct eq --length 10 --precision binary16 --timeout 0.2 >"$work/out" 2>&1
status=$?
if [[ $status -eq 1 ]] && grep -q '^EQ_10 .*: NOT VERIFIED (stopped: time limit, during exhaustive)' "$work/out"; then ok; else fail "construct --timeout table: status $status: $(cat "$work/out")"; fi
"$CCBOUND" construct nn --length 4096 >"$work/out" 2>"$work/err" &
pid=$!
sleep 1
kill -INT "$pid"
start=$(date +%s%N)
wait "$pid"
status=$?
took=$((($(date +%s%N) - start) / 1000000))
if [[ $status -eq 130 && $took -lt 2000 ]] && grep -q '^NN_4096 .*: NOT VERIFIED (stopped: interrupted, during ' "$work/out"; then ok; else fail "construct SIGINT: status $status after $took ms: $(cat "$work/out" "$work/err")"; fi
expect_error "construct negative timeout" "" construct EQ --length 4 --timeout -1
# Limits on large inputs: --timeout and SIGINT are honoured (generous slack) on IP:8 and on a
# seeded random 300 x 300 matrix, with every interval certified and the stop labelled; the default
# memory limit is stated in the help.
python3 "$(dirname "$0")/../../bench/random_matrix.py" 300 300 300 >"$work/r300.txt"
intervals='import json,sys; r=json.load(sys.stdin); m=r["measures"]; print(all(v["lower"] <= v["upper"] for v in m.values()), m["rank_q"]["checked"], r.get("interrupted"))'
for spec in IP:8 "$work/r300.txt"; do
  start=$(date +%s%N)
  got=$("$CCBOUND" bounds "$spec" --timeout 2 --json | python3 -c "$intervals")
  took=$((($(date +%s%N) - start) / 1000000))
  if [[ $got == "True True None" && $took -lt 15000 ]]; then ok; else fail "bounds $spec --timeout 2: $got after $took ms"; fi
  # A long time limit (and, for the 300 x 300 cover formula of ~1.1 GB, no memory limit) lets the
  # cover formula be built and CaDiCaL run, so there is a long step to interrupt.
  "$CCBOUND" bounds "$spec" --timeout 600 --memory-limit 0 --json >"$work/out" 2>"$work/err" &
  pid=$!
  sleep 2
  kill -INT "$pid"
  start=$(date +%s%N)
  wait "$pid"
  status=$?
  took=$((($(date +%s%N) - start) / 1000000))
  got=$(python3 -c "$intervals" <"$work/out")
  if [[ $status -eq 130 && $took -lt 15000 && ( $got == "True True True" || $got == "True True None" ) ]]; then ok; else fail "bounds $spec SIGINT: status $status after $took ms: $got $(cat "$work/err")"; fi
done
start=$(date +%s%N)
got=$("$CCBOUND" solve IP:12 --timeout 2 --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['status'], r['timed_out'], r['lower'] <= r['upper'])")
took=$((($(date +%s%N) - start) / 1000000))
if [[ $got == "interval True True" && $took -lt 15000 ]]; then ok; else fail "solve IP:12 --timeout 2: $got after $took ms"; fi
"$CCBOUND" bounds "$work/r300.txt" >"$work/out"
if grep -q '^note: C1: skipped: the formula would need ~[0-9.]*M clauses' "$work/out"; then ok; else fail "bounds r300 skip note: $(cat "$work/out")"; fi
got=$("$CCBOUND" solve IP:8 --engine smt --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['status'], r['timed_out'], r['note'].startswith('skipped: the Z3 encoding would need ~'))")
if [[ $got == "interval False True" ]]; then ok; else fail "solve IP:8 --engine smt skips an encoding it cannot afford: $got"; fi
for cmd in solve bounds verify; do
  if "$CCBOUND" "$cmd" --help | grep -q -- '--memory-limit.*(default [0-9]*; 0: none)'; then ok; else fail "$cmd --help states the default memory limit"; fi
done

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
