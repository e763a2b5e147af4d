#!/usr/bin/env bash
# Microsoft's SARIF multitool with its GitHub Advanced Security rules (GH1001...: what code scanning
# ingests, such as relative URIs, regions, message text and the 25,000-result limit): no error, no warning.
# Usage: check_ghas.sh SARIF...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
multitool=$here/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for sarif in "$@"; do
  rm -f "$work/verdict.sarif"
  "$multitool" validate --rule-kind Ghas --output "$work/verdict.sarif" "$sarif" > "$work/log" 2>&1 ||
    { echo "multitool failed on $sarif"; cat "$work/log"; exit 1; }
  python3 - "$work/verdict.sarif" "$sarif" <<'PY' || status=1
import json, sys
verdict = json.load(open(sys.argv[1]))
rules = {r["id"]: r for r in verdict["runs"][0]["tool"]["driver"].get("rules", [])}
bad = [r for r in verdict["runs"][0].get("results", []) if r.get("level", "warning") in ("error", "warning")]
for r in bad:
    print(f"{sys.argv[2]}: {r['ruleId']} {rules.get(r['ruleId'], {}).get('name', '')}: {r['message']}")
print(f"ghas: {sys.argv[2]}: {len(bad)} problem(s) for GitHub code scanning")
sys.exit(1 if bad else 0)
PY
done
exit $status
