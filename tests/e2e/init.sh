#!/usr/bin/env bash
# `sovaudit init`: the starter validates and scans clean, and an existing file is never replaced
# without --force. Usage: init.sh SOVAUDIT
set -uo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@" >"$work/out" 2>"$work/err"; then echo "ok: $what"; else
    echo "FAIL: $what"; cat "$work/out" "$work/err"; failures=$((failures + 1)); fi
}
file=$work/inventory.yaml
check "init writes the starter" "$bin" init "$file" --as-of 2026-11-22
check "the starter validates" "$bin" validate "$file"
check "the starter scans clean at the strictest gate" "$bin" scan "$file" --as-of 2026-11-22 --fail-on advisory
grep -q "Open findings: 0 existential, 0 material, 0 advisory; 0 accepted" "$work/out" \
  && echo "ok: with no findings at all" || { echo "FAIL: findings in the starter"; cat "$work/out"; failures=$((failures + 1)); }
check "it still scans clean eleven months later" "$bin" scan "$file" --as-of 2027-10-22 --fail-on advisory

echo "# my edits" >"$file"
"$bin" init "$file" >"$work/out" 2>"$work/err"
code=$?
[ "$code" = 2 ] && echo "ok: init refuses an existing file (exit 2)" || { echo "FAIL: exit $code"; failures=$((failures + 1)); }
[ "$(cat "$file")" = "# my edits" ] && echo "ok: and leaves it untouched" || { echo "FAIL: file changed"; failures=$((failures + 1)); }
grep -q -- "--force" "$work/err" && echo "ok: the refusal names --force" || { echo "FAIL: $(cat "$work/err")"; failures=$((failures + 1)); }
ln -s "$work/nowhere.yaml" "$work/link.yaml"
"$bin" init "$work/link.yaml" >/dev/null 2>&1
[ $? = 2 ] && [ ! -e "$work/nowhere.yaml" ] && echo "ok: a dangling link is not followed" \
  || { echo "FAIL: init wrote through a dangling link"; failures=$((failures + 1)); }
check "--force replaces it" "$bin" init "$file" --force --as-of 2026-11-22
check "and the replacement validates" "$bin" validate "$file"
"$bin" init "$work/missing-dir/inventory.yaml" >/dev/null 2>&1
[ $? = 2 ] && echo "ok: a missing directory exits 2" || { echo "FAIL: missing directory"; failures=$((failures + 1)); }

# The modeline names this release's schema, not main's, and says how to work offline.
version=$("$bin" --version | cut -d' ' -f2)
head -1 "$file" | grep -qx "# yaml-language-server: \$schema=https://raw.githubusercontent.com/sovaudit/sovaudit/v$version/schemas/inventory.schema.json" \
  && echo "ok: the modeline points at the v$version schema" || { echo "FAIL: modeline $(head -1 "$file")"; failures=$((failures + 1)); }
grep -q "^# Offline: .*/usr/share/sovaudit/schemas/inventory.schema.json" "$file" \
  && echo "ok: and names the installed copy for offline use" || { echo "FAIL: no offline note"; failures=$((failures + 1)); }

echo "$failures failed"
[ "$failures" = 0 ]
