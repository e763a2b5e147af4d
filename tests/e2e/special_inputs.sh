#!/usr/bin/env bash
# Inputs that are not plain files never hang or exhaust memory: a FIFO nobody writes to as the
# inventory, --previous or --baseline; /dev/zero as a baseline; standard input as '-'; a symlink loop.
# Every run is under `timeout`, so a hang fails the test instead of the CI job.
# Usage: special_inputs.sh SOVAUDIT
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/fintech.yaml "$work/inventory.yaml"
failures=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
run() {  # run ARGS...: exit code in $code (124 when timeout had to stop it)
  set +e
  timeout 20 "$@" > "$work/stdout" 2> "$work/stderr" < /dev/null
  code=$?
  set -e
}
mkfifo "$work/fifo"
scan=(scan --as-of 2026-11-22 --fail-on none)

# 9. A FIFO without a writer reads as an empty input: refused as empty, never a hang.
run "$bin" validate "$work/fifo"
check "a writer-less FIFO as the inventory exits 2" '[[ $code == 2 ]]'
check "and says the inventory is empty" 'grep -q "the inventory is empty" "$work/stderr"'
run "$bin" "${scan[@]}" "$work/inventory.yaml" --previous "$work/fifo" --output "markdown:$work/review.md"
check "a writer-less FIFO as --previous exits 2" '[[ $code == 2 ]]'
run "$bin" "${scan[@]}" "$work/inventory.yaml" --baseline "$work/fifo"
check "a writer-less FIFO as --baseline exits 2" '[[ $code == 2 ]]'
check "and says it is not JSON" 'grep -q "is not JSON" "$work/stderr"'

# A FIFO with a writer is read like a file (process substitution, pipelines).
( cat "$work/inventory.yaml" > "$work/fifo" ) &
run "$bin" validate "$work/fifo"
wait
check "a FIFO with a writer validates" '[[ $code == 0 ]]'

# 10. --baseline has the file-size limit: /dev/zero stops at it instead of growing without bound.
run "$bin" "${scan[@]}" "$work/inventory.yaml" --baseline /dev/zero --max-file-size 1M
check "--baseline /dev/zero exits 2" '[[ $code == 2 ]]'
check "and names the limit" 'grep -q "larger than the limit of 1048576 bytes" "$work/stderr"'
head -c 2000000 /dev/zero | tr '\0' ' ' > "$work/big.json"
run "$bin" "${scan[@]}" "$work/inventory.yaml" --baseline "$work/big.json" --max-file-size 1M
check "a baseline over the limit exits 2" '[[ $code == 2 ]]'

# '-' is standard input.
set +e
timeout 20 "$bin" validate - < "$work/inventory.yaml" > "$work/stdout" 2> "$work/stderr"
code=$?
set -e
check "validate - reads standard input" '[[ $code == 0 ]] && grep -q "<stdin>: valid" "$work/stdout"'

# 17. A symlink loop is named as one, not as a missing file.
ln -s "$work/loop-b" "$work/loop-a"
ln -s "$work/loop-a" "$work/loop-b"
run "$bin" validate "$work/loop-a"
check "a symlink loop exits 2" '[[ $code == 2 ]]'
check "and is reported as a loop" 'grep -q "a loop of symbolic links" "$work/stderr"'

echo "$failures failed"
exit $((failures > 0))
