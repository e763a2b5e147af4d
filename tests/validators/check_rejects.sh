#!/usr/bin/env bash
# Proves each validator used by check_outputs.sh can fail: every one must reject a broken file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect_rejection() {
  local what=$1
  shift
  if "$@" > "$work/log" 2>&1; then
    echo "FAIL: $what accepted a broken file"
    failures=$((failures + 1))
  else
    echo "ok: $what rejects it"
  fi
}

echo '{"schema_version": 2, "tool": {"name": "other"}}' > "$work/report.json"
cat > "$work/results.sarif" <<'SARIF'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "sovaudit", "rules": [{"id": "SOV-X"}]}},
 "results": [{"level": "warning", "message": {"text": "m"}, "locations": [{"physicalLocation":
 {"artifactLocation": {"uri": "/abs/inventory.yaml"}, "region": {"startLine": 0}}}]}]}]}
SARIF
printf '# One\n# Two\ntrailing space \n' > "$work/review.md"
printf 'flowchart LR\n  a[[[ -->\n' > "$work/graph.mmd"
printf 'digraph { a -> }\n' > "$work/graph.dot"

sarif_schema="$here/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
expect_rejection "report schema" python3 "$here/check_json_reports.py" "$root/schemas/report.schema.json" \
  "$sarif_schema" --json "$work/report.json"
expect_rejection "SARIF schema and GitHub checks" python3 "$here/check_json_reports.py" \
  "$root/schemas/report.schema.json" "$sarif_schema" --sarif "$work/results.sarif"
expect_rejection "markdownlint" "$here/node_modules/.bin/markdownlint-cli2" --config "$here/.markdownlint-cli2.jsonc" \
  "$work/review.md"
expect_rejection "mermaid.parse" node "$here/check_mermaid.mjs" "$work/graph.mmd"
expect_rejection "dot" dot -Tsvg "$work/graph.dot"
expect_rejection "CycloneDX 1.6 schema" python3 "$here/check_cyclonedx.py" "$here/schemas/cyclonedx" \
  "$root/tests/interop/spec-examples/invalid-service-data-1.6.json"
echo "$((6 - failures)) passed, $failures failed"
exit $((failures > 0))
