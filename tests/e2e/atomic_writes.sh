#!/usr/bin/env bash
# Reports are written atomically or not at all: a missing directory, a read-only directory or the
# inventory itself as a target exits 2, leaves no partial or temporary file, and changes no file.
# Usage: atomic_writes.sh SOVAUDIT
set -euo pipefail
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
# A copy every user can run, wherever the build directory lives.
cp "$1" "$work/sovaudit"
chmod 755 "$work/sovaudit"
bin=$work/sovaudit
cp examples/fintech.yaml "$work/inventory.yaml"
chmod 644 "$work/inventory.yaml"
failures=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
run() {  # run ARGS...: exit code in $code, nothing on stdout expected
  set +e
  "$@" > "$work/stdout" 2> "$work/stderr"
  code=$?
  set -e
}
no_temporaries() { ! find "$work" -name '.*.sovaudit-*' | grep -q .; }

# 1. A missing directory.
run "$bin" scan "$work/inventory.yaml" --output "$work/missing/dir/report.json"
check "missing directory exits 2" '[[ $code == 2 ]]'
check "missing directory is not created" '[[ ! -e $work/missing ]]'
check "missing directory is named in the error" 'grep -q "does not exist" "$work/stderr"'

# 2. A read-only directory, with one good output beside it: nothing at all is written.
mkdir "$work/readonly" "$work/good"
echo "last quarter" > "$work/readonly/review.md"
echo "last quarter" > "$work/good/report.json"
chmod 555 "$work/readonly"
as_user=()
if [[ $(id -u) == 0 ]]; then
  # root ignores directory permissions; run as nobody, who may read the inventory and write good/.
  chmod 777 "$work/good"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
run "${as_user[@]}" "$bin" scan "$work/inventory.yaml" --output "$work/good/report.json" \
  --output "$work/readonly/review.md"
check "read-only directory exits 2" '[[ $code == 2 ]]'
check "the error is about permission" 'grep -q "readonly/review.md.*Permission denied" "$work/stderr"'
check "the existing file in the read-only directory is unchanged" '[[ $(cat $work/readonly/review.md) == "last quarter" ]]'
check "the other output is not replaced either" '[[ $(cat $work/good/report.json) == "last quarter" ]]'
check "no temporary file is left" no_temporaries

# 3. The inventory itself, directly, through a format prefix, and through a symbolic link.
before=$(sha256sum "$work/inventory.yaml")
ln -s inventory.yaml "$work/link.yaml"
for target in "$work/inventory.yaml" "json:$work/inventory.yaml" "$work/link.yaml"; do
  run "$bin" scan "$work/inventory.yaml" --output "$target" --format json
  check "writing over the inventory via $target exits 2" '[[ $code == 2 ]]'
done
check "the inventory is unchanged" '[[ $(sha256sum "$work/inventory.yaml") == "$before" ]]'
check "nothing was printed on stdout" '[[ ! -s $work/stdout ]]'

# 4. A good run replaces the files whole, with ordinary permissions.
run "$bin" scan "$work/inventory.yaml" --output "$work/good/report.json" --output "sarif:$work/good/results.out" \
  --fail-on none
check "a good run exits 0" '[[ $code == 0 ]]'
check "the report is complete JSON" 'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/good/report.json"'
check "FORMAT:PATH picks the writer" 'grep -q "\"version\": \"2.1.0\"" "$work/good/results.out"'
check "reports are readable by others" '[[ $(stat -c %a "$work/good/report.json") == 644 ]]'
check "the terminal summary still prints" 'grep -q "GATE" "$work/stdout"'
check "no temporary file is left after success" no_temporaries
echo "$((19 - failures)) passed, $failures failed"
exit $((failures > 0))
