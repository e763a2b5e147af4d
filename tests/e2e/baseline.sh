#!/usr/bin/env bash
# --baseline: a finding already in the baseline does not trip the gate, a new one does, and the
# match survives edits that move every line. Usage: baseline.sh SOVAUDIT
set -uo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() {  # expect CODE DESCRIPTION ARGS...
  local want=$1 what=$2
  shift 2
  "$bin" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" = "$want" ]; then echo "ok: $what"; else
    echo "FAIL: $what: exit $got, expected $want"; cat "$work/err"; failures=$((failures + 1)); fi
}
q3=tests/cases/diff/q3.yaml
q4=tests/cases/diff/q4.yaml
day=(--as-of 2026-11-22)

expect 0 "write the Q3 baseline" scan "$q3" "${day[@]}" --fail-on none --output "$work/q3.json" --output "$work/q3.sarif"
expect 1 "without a baseline, Q3 trips the material gate" scan "$q3" "${day[@]}" --fail-on material
expect 0 "with its own baseline, Q3 passes: every finding is known" \
  scan "$q3" "${day[@]}" --fail-on material --baseline "$work/q3.json"
grep -q "are in the baseline and do not count for the gate" "$work/out" \
  && echo "ok: the summary says how many findings the baseline holds back" \
  || { echo "FAIL: no baseline line in the summary"; failures=$((failures + 1)); }
expect 0 "a SARIF report works as a baseline too" scan "$q3" "${day[@]}" --fail-on material --baseline "$work/q3.sarif"

# Every line moves: a comment block on top and blank lines between entries.
{ printf '# moved\n# by\n# an\n# edit\n\n'; sed 's/^  - id:/\n  - id:/' "$q3"; } >"$work/q3-moved.yaml"
expect 0 "fingerprints survive line moves" scan "$work/q3-moved.yaml" "${day[@]}" --fail-on material \
  --baseline "$work/q3.json"

expect 1 "a new material finding in Q4 trips the gate despite the baseline" \
  scan "$q4" "${day[@]}" --fail-on material --baseline "$work/q3.json"
python3 - "$work/q3.json" "$q4" "$bin" <<'PY' && echo "ok: only findings outside the baseline count" || failures=$((failures + 1))
import json, subprocess, sys
baseline, q4, binary = sys.argv[1:4]
known = {f["fingerprint"] for f in json.load(open(baseline))["findings"]}
out = subprocess.run([binary, "scan", q4, "--as-of", "2026-11-22", "--fail-on", "material", "--baseline", baseline,
                      "--format", "json"], capture_output=True, text=True)
report = json.loads(out.stdout)
for f in report["findings"]:
    # An acceptance takes precedence: only open findings are held back by the baseline.
    assert f["baselined"] == (f["fingerprint"] in known and not f["accepted"]), f
new_gating = [f for f in report["findings"] if not f["baselined"] and not f["accepted"]
              and f["severity"] in ("material", "existential")]
assert new_gating, "expected a new material finding in Q4"
assert report["summary"]["gate"] == "fail" and report["summary"]["baselined"] > 0, report["summary"]
PY

# Only an escalation: azure-openai's spend quadruples, so its price shock goes material -> existential.
sed 's/annual_spend: 95000/annual_spend: 400000/' "$q3" >"$work/q3-escalated.yaml"
expect 0 "without the escalation the existential gate passes on the baseline" \
  scan "$q3" "${day[@]}" --fail-on existential --baseline "$work/q3.json"
for base in q3.json q3.sarif; do
  expect 1 "a baselined finding that rose to existential trips the gate ($base)" \
    scan "$work/q3-escalated.yaml" "${day[@]}" --fail-on existential --baseline "$work/$base"
  grep -q "^  SOV-PRICE-SHOCK azure-openai: material in the baseline, existential now$" "$work/out" \
    && echo "ok: the terminal says which finding rose, from what ($base)" \
    || { echo "FAIL: no escalation line ($base)"; cat "$work/out"; failures=$((failures + 1)); }
done
"$bin" scan "$q4" "${day[@]}" --fail-on none --baseline "$work/q3.json" --output "$work/q4.sarif" \
  --output "$work/q4.json" >/dev/null 2>&1
python3 - "$work/q3.json" "$work/q4.json" "$work/q4.sarif" <<'PY' && echo "ok: SARIF and JSON carry each result's baseline state" || failures=$((failures + 1))
import json, sys
old = {f["fingerprint"]: f for f in json.load(open(sys.argv[1]))["findings"]}
report = json.load(open(sys.argv[2]))
now = {f["fingerprint"]: f for f in report["findings"]}
results = json.load(open(sys.argv[3]))["runs"][0]["results"]
states = {r["partialFingerprints"]["sovauditFinding/v1"]: r["baselineState"] for r in results}
for print_, f in now.items():
    want = "new" if print_ not in old else ("unchanged" if old[print_]["severity"] == f["severity"] else "updated")
    assert f["baseline_state"] == want and states[print_] == want, (f, states.get(print_))
gone = sorted(set(old) - set(now))
assert gone and sorted(a["fingerprint"] for a in report["baseline_absent"]) == gone, report["baseline_absent"]
for r in results:
    if r["baselineState"] == "absent":
        assert r["kind"] == "pass" and r["level"] == "none", r
assert sorted(p for p, s in states.items() if s == "absent") == gone
PY
validators=tests/validators
python3 "$validators/check_json_reports.py" schemas/report.schema.json \
  "$validators/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" --json "$work/q4.json" \
  --sarif "$work/q4.sarif" >"$work/valid" 2>&1 && echo "ok: the reports written against a baseline validate" \
  || { echo "FAIL: schema validation"; cat "$work/valid"; failures=$((failures + 1)); }
expect 0 "a SARIF written with a baseline is a baseline itself: its absent results are not findings" \
  scan "$q4" "${day[@]}" --fail-on advisory --baseline "$work/q4.sarif"

printf 'not json' >"$work/broken.json"
expect 2 "a baseline that is not a report is refused" scan "$q3" "${day[@]}" --baseline "$work/broken.json"
grep -q "is not JSON" "$work/err" && echo "ok: and the error says why" \
  || { echo "FAIL: unclear error: $(cat "$work/err")"; failures=$((failures + 1)); }
expect 2 "a missing baseline is refused" scan "$q3" "${day[@]}" --baseline "$work/none.json"

echo "$failures failed"
[ "$failures" = 0 ]
