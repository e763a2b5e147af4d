#!/usr/bin/env bash
# The steps of the sovaudit GitHub Action (action.yml), one subcommand each, so the workflow file
# stays declarative and the test suite runs the same code in a sandbox (tests/e2e/action_sandbox.py).
#   action.sh key       the cache key: a hash of the sources the binary is built from
#   action.sh install   use the cached build if it runs, else install Debian/Ubuntu packages and build
#   action.sh scan      scan INPUT_INVENTORY, write SARIF, JSON and the bounded summary, set outputs
# Reads GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, RUNNER_TEMP and the
# INPUT_* variables action.yml passes; exits with sovaudit's exit code (0 ok, 1 gate, 2 invalid input).
set -euo pipefail
source_dir=${GITHUB_ACTION_PATH:?set it to the directory of action.yml}
build_dir=${SOVAUDIT_BUILD_DIR:-${RUNNER_TEMP:?}/sovaudit-build}

output() { echo "$1=$2" >> "${GITHUB_OUTPUT:?}"; }

case "${1:-}" in
  key)
    # Everything that changes the binary; not the docs, tests or examples.
    hash=$(cd "$source_dir" && find CMakeLists.txt cmake include src -type f -print0 | LC_ALL=C sort -z |
      xargs -0 sha256sum | sha256sum | cut -c1-20)
    output key "sovaudit-$(uname -s)-$(uname -m)-$hash"
    ;;
  install)
    binary=$build_dir/sovaudit
    if [[ -x $binary ]] && "$binary" --version > /dev/null 2>&1; then
      echo "sovaudit: using the cached build: $("$binary" --version)"
    else
      sudo=""
      [[ $(id -u) -ne 0 ]] && sudo=sudo
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        cmake ninja-build g++ libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev > /dev/null
      cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSOVAUDIT_BUILD_TESTS=OFF > /dev/null
      cmake --build "$build_dir" --target sovaudit
    fi
    echo "$build_dir" >> "${GITHUB_PATH:-/dev/null}"
    output path "$binary"
    ;;
  scan)
    binary=$build_dir/sovaudit
    inventory=${INPUT_INVENTORY:-inventory.yaml}
    sarif=${INPUT_SARIF:-sovaudit.sarif}
    report=${INPUT_REPORT:-sovaudit-report.json}
    summary_file=${RUNNER_TEMP}/sovaudit-summary.md
    cd "${GITHUB_WORKSPACE:-.}"
    args=(scan "$inventory" --fail-on "${INPUT_FAIL_ON:-existential}" --format github
      --output "sarif:$sarif" --output "json:$report" --output "markdown-summary:$summary_file")
    [[ -n ${INPUT_BASELINE:-} ]] && args+=(--baseline "$INPUT_BASELINE")
    [[ -n ${INPUT_REVIEW:-} ]] && args+=(--output "markdown:$INPUT_REVIEW")
    # Two inventories in one repository keep their own alerts: the category defaults to the path.
    args+=(--sarif-category "${INPUT_SARIF_CATEGORY:-sovaudit/$inventory}")
    status=0
    "$binary" "${args[@]}" || status=$?
    output exit-code "$status"
    output sarif-file "$sarif"
    output report-file "$report"
    output review-file "${INPUT_REVIEW:-}"
    if [[ $status == 2 ]]; then
      # An invalid inventory: annotate the lines it is wrong on, for the pull request.
      "$binary" validate --format github "$inventory" 2> /dev/null || true
      output gate invalid
    elif [[ -f $report ]]; then
      python3 - "$report" >> "$GITHUB_OUTPUT" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]
for key in ("existential", "material", "advisory", "accepted", "baselined", "escalated"):
    print(f"{key}={summary.get(key, 0)}")
print(f"gate={summary['gate']}")
PY
    fi
    if [[ ${INPUT_SUMMARY:-true} == true && -f $summary_file ]]; then
      cat "$summary_file" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
    fi
    exit "$status"
    ;;
  *)
    echo "usage: action.sh key|install|scan" >&2
    exit 2
    ;;
esac
