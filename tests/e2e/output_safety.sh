#!/usr/bin/env bash
# Outputs write only what is meant, where it is meant: devices and FIFOs are written, never replaced;
# symlinks keep pointing where they did; no output may be an input or another output; modes are kept;
# long names fit; a failed commit restores what it replaced; SIGTERM leaves no temporary behind.
# Usage: output_safety.sh SOVAUDIT
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/fintech.yaml "$work/inventory.yaml"
cp examples/fintech.yaml "$work/q3.yaml"
failures=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
run() {  # run ARGS...: exit code in $code; timeout turns a hang into a failure
  set +e
  timeout 30 "$@" > "$work/stdout" 2> "$work/stderr" < /dev/null
  code=$?
  set -e
}
scan=("$bin" scan --as-of 2026-11-22 --fail-on none "$work/inventory.yaml")
no_temporaries() { ! find "$work" -name '.*sovaudit-*' | grep -q .; }

# 1. Devices are written, never replaced.
if [[ -w /dev/null ]]; then
  run "${scan[@]}" --output json:/dev/null
  check "json:/dev/null exits 0" '[[ $code == 0 ]]'
  check "/dev/null is still a character device" '[[ -c /dev/null ]]'
fi
if [[ -e /dev/full ]]; then
  echo "kept" > "$work/kept.md"
  run "${scan[@]}" --output "markdown:$work/kept.md" --output json:/dev/full
  check "a write error on /dev/full exits 3" '[[ $code == 3 ]]'
  check "and names the device" 'grep -q "/dev/full" "$work/stderr"'
  check "/dev/full is still a character device" '[[ -c /dev/full ]]'
  check "the other output is unchanged" '[[ $(cat "$work/kept.md") == kept ]]'
  check "no temporary is left after the error" no_temporaries
fi
run "${scan[@]}" --output json:-
check "json:- writes the report, and only it, to standard output" \
  '[[ $code == 0 ]] && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/stdout"'

# Symlinks: the link stays, its target gets the report.
echo "old" > "$work/real.json"
ln -s real.json "$work/link.json"
run "${scan[@]}" --output "$work/link.json"
check "a symlinked output exits 0" '[[ $code == 0 ]]'
check "the link is still a link" '[[ -L $work/link.json ]]'
check "its target holds the report" 'grep -q "\"findings\"" "$work/real.json"'

# FIFOs: written to when read, an error (no hang) when nobody reads.
mkfifo "$work/pipe"
run "${scan[@]}" --output "json:$work/pipe"
check "a FIFO without a reader exits 3" '[[ $code == 3 ]] && grep -q "nobody reads from it" "$work/stderr"'
check "the FIFO is still a FIFO" '[[ -p $work/pipe ]]'
( cat "$work/pipe" > "$work/from-pipe.json" ) &
# On a loaded machine the reader may not have opened the FIFO yet: the scan then finds nobody
# reading (as above) and is run again, so the test never waits on a reader that missed its writer.
for _ in $(seq 50); do
  run "${scan[@]}" --output "json:$work/pipe"
  grep -q "nobody reads from it" "$work/stderr" || break
  sleep 0.1
done
wait
check "a FIFO with a reader receives the report" '[[ $code == 0 ]] && grep -q "\"findings\"" "$work/from-pipe.json"'

# 2. No output may be an input or another output, however it is spelled.
cp "$work/q3.yaml" "$work/q3.before"
run "${scan[@]}" --previous "$work/q3.yaml" --output "markdown:$work/q3.yaml"
check "--previous as an output exits 2" '[[ $code == 2 ]] && grep -q "is the --previous inventory" "$work/stderr"'
check "--previous is unchanged" 'cmp -s "$work/q3.yaml" "$work/q3.before"'
"${scan[@]}" --output "$work/base.json" > /dev/null
cp "$work/base.json" "$work/base.before"
run "${scan[@]}" --baseline "$work/base.json" --output "sarif:$work/base.json"
check "--baseline as an output exits 2" '[[ $code == 2 ]] && grep -q "is the --baseline report" "$work/stderr"'
check "--baseline is unchanged" 'cmp -s "$work/base.json" "$work/base.before"'
run "${scan[@]}" --output "$work/./twice.json" --output "sarif:$work/twice.json"
check "one file spelled twice exits 2" '[[ $code == 2 ]] && grep -q "are the same file" "$work/stderr"'
check "and nothing was written" '[[ ! -e $work/twice.json ]]'

# 5. Modes: a replaced report keeps its mode, a new one follows the umask.
echo "old" > "$work/private.json"
chmod 600 "$work/private.json"
run "${scan[@]}" --output "$work/private.json"
check "a replaced report keeps mode 600" '[[ $(stat -c %a "$work/private.json") == 600 ]]'
(umask 027 && "${scan[@]}" --output "$work/fresh.json" > /dev/null)
check "a new report follows umask 027" '[[ $(stat -c %a "$work/fresh.json") == 640 ]]'

# 6. A 250-character name fits: the temporary is shortened, not the report's name.
long=$(printf 'r%.0s' $(seq 1 245)).json
run "${scan[@]}" --output "$work/$long"
check "a 250-character output name works" '[[ $code == 0 && -s $work/$long ]]'

# 4. SIGTERM while a report is being written removes the temporaries.
python3 tools/generate_inventory.py --size 400K --seed 3 --output "$work/large.yaml" > /dev/null
mkfifo "$work/stuck"
sleep 30 < "$work/stuck" &  # a reader that never reads: the write blocks once the pipe is full
reader=$!
set +e
"$bin" scan --as-of 2026-11-22 --fail-on none "$work/large.yaml" --output "$work/first.json" \
  --output "json:$work/stuck" > /dev/null 2>&1 &
scanner=$!
for _ in $(seq 1 100); do find "$work" -name '.first.json.sovaudit-*' | grep -q . && break; sleep 0.1; done
check "a temporary exists while the scan is blocked" 'find "$work" -name ".first.json.sovaudit-*" | grep -q .'
sleep 0.5
kill -TERM "$scanner"
wait "$scanner"
code=$?
kill "$reader" 2> /dev/null
wait "$reader" 2> /dev/null
set -e
check "SIGTERM ends the scan by the signal" '[[ $code == 143 ]]'
check "SIGTERM leaves no temporary" no_temporaries
check "and no report" '[[ ! -e $work/first.json ]]'

# 3. All or nothing: when the second rename fails, the first report is put back.
if [[ $(id -u) == 0 ]] && unshare -m true 2> /dev/null; then
  echo "first quarter" > "$work/one.md"
  echo "second quarter" > "$work/two.json"
  echo "other" > "$work/other"
  set +e
  unshare -m bash -c "mount --bind '$work/other' '$work/two.json' && \
    '$bin' scan --as-of 2026-11-22 --fail-on none '$work/inventory.yaml' --output '$work/one.md' \
    --output '$work/two.json'" > /dev/null 2> "$work/stderr"
  code=$?
  set -e
  check "a rename that fails (EBUSY) exits 3" '[[ $code == 3 ]]'
  check "the first report is put back" '[[ $(cat "$work/one.md") == "first quarter" ]]'
  check "no temporary or backup is left" no_temporaries
else
  echo "skip: the rollback test needs root and unshare -m (a bind mount makes rename fail with EBUSY)"
fi

echo "$failures failed"
exit $((failures > 0))
