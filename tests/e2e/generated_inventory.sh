#!/usr/bin/env bash
# The generator's output validates and scans: a 1 MB inventory, no diagnostics, no unmatched acceptance.
# Usage: generated_inventory.sh SOVAUDIT PYTHON
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$2" tools/generate_inventory.py --size 1M --seed 7 --output "$work/inventory.yaml"
size=$(stat -c %s "$work/inventory.yaml")
[ "$size" -gt 800000 ] || { echo "FAIL: generated only $size bytes"; exit 1; }
"$1" validate "$work/inventory.yaml"
set +e
"$1" scan "$work/inventory.yaml" --as-of 2026-11-22 --format json >"$work/report.json" 2>"$work/err"
code=$?
set -e
[ "$code" = 0 ] || [ "$code" = 1 ] || { echo "FAIL: scan exited $code"; cat "$work/err"; exit 1; }
[ ! -s "$work/err" ] || { echo "FAIL: the scan printed diagnostics:"; head "$work/err"; exit 1; }
"$2" -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r['capabilities']) > 1000 and r['summary']['accepted'] > 0, r['summary']; print('ok:', len(r['capabilities']), 'capabilities,', len(r['findings']), 'findings,', r['summary']['accepted'], 'accepted')" "$work/report.json"
