#!/usr/bin/env bash
# Writes every report format for one inventory and checks each with an independent validator:
# JSON and SARIF with python-jsonschema (our schema, the official SARIF 2.1.0 schema), Markdown with
# markdownlint-cli2, Mermaid with mermaid.parse, DOT with Graphviz, GitLab Code Quality with its
# field schema, JUnit with xmllint against the Jenkins JUnit XSD, and the CycloneDX export against
# the official CycloneDX 1.6 JSON Schema.
# Usage: check_outputs.sh SOVAUDIT INVENTORY OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$1 inventory=$2 out=$3
if [[ ! -d "$here/node_modules/mermaid" ]]; then
  echo "validators are not installed: run scripts/install-deps.sh --test" >&2
  exit 1
fi
rm -rf "$out" && mkdir -p "$out"
# From the repository root, as CI runs it, so SARIF paths are repository-relative.
cd "$root"
"$bin" scan "$inventory" --as-of 2026-11-22 --fail-on none --simulate 500 --plan --max-steps 3 --output "$out/review.md" --output "$out/report.json" \
  --output "$out/results.sarif" --output "$out/graph.mmd" --output "$out/graph.dot" \
  --output "markdown-summary:$out/summary.md" --output "gitlab-codequality:$out/codequality.json" \
  --output "$out/junit.xml" --output "$out/services.cdx.json" > /dev/null
python3 "$here/check_json_reports.py" "$root/schemas/report.schema.json" \
  "$here/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" --json "$out/report.json" --sarif "$out/results.sarif"
"$here/check_ghas.sh" "$out/results.sarif"
python3 "$here/check_cyclonedx.py" "$here/schemas/cyclonedx" "$out/services.cdx.json"
python3 "$here/check_gitlab.py" --codequality "$out/codequality.json" --junit "$out/junit.xml"
"$here/node_modules/.bin/markdownlint-cli2" --config "$here/.markdownlint-cli2.jsonc" "$out/review.md" "$out/summary.md"
node "$here/check_mermaid.mjs" "$out/review.md" "$out/graph.mmd"
dot -Tsvg "$out/graph.dot" > /dev/null
echo "dot: graph.dot accepted"
