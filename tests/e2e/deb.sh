#!/usr/bin/env bash
# The Debian package: CPack builds it, lintian finds no error or warning, its dependencies are
# Debian 12's shared libraries, and the binary extracted with dpkg -x runs and scans from there.
# Usage: deb.sh BUILD_DIR
set -uo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
ok() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }

if ! (cd "$work" && cpack -G DEB -B "$work/package" --config "$build/CPackConfig.cmake") >"$work/cpack.log" 2>&1; then
  fail "cpack -G DEB"
  cat "$work/cpack.log"
  exit 1
fi
deb=$(ls "$work"/package/sovaudit_*_amd64.deb 2>/dev/null | head -1)
[ -f "$deb" ] && ok "cpack built $(basename "$deb")" || { fail "no .deb in $work/package"; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends)
for library in libc6 libstdc++6 libyaml-cpp0.7 libfmt9; do
  grep -q "\b$library\b" <<<"$depends" && ok "depends on $library" || fail "Depends lacks $library: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = sovaudit ] && ok "the package is called sovaudit" || fail "package name"

if lintian --fail-on error,warning --tag-display-limit 0 "$deb" >"$work/lintian" 2>&1; then
  ok "lintian: no errors, no warnings"
else
  fail "lintian"
fi
grep -v "root privileges" "$work/lintian" | sed 's/^/  lintian: /'

root=$work/root
dpkg -x "$deb" "$root" && ok "dpkg -x extracts it" || fail "dpkg -x"
for file in usr/bin/sovaudit usr/share/man/man1/sovaudit.1.gz usr/share/bash-completion/completions/sovaudit \
  usr/share/sovaudit/schemas/inventory.schema.json usr/share/doc/sovaudit/copyright usr/share/doc/sovaudit/changelog.gz; do
  [ -s "$root/$file" ] && ok "the package holds /$file" || fail "the package lacks /$file"
done
version=$("$root/usr/bin/sovaudit" --version 2>&1)
[ "$version" = "sovaudit $(dpkg-deb -f "$deb" Version)" ] && ok "the extracted binary runs: $version" ||
  fail "--version printed '$version'"
(cd "$work" && "$root/usr/bin/sovaudit" scan "$root/usr/share/sovaudit/examples/fintech.yaml" --as-of 2026-11-22 \
  --fail-on none --format json >"$work/report.json" 2>"$work/err")
code=$?
[ "$code" = 0 ] && grep -q '"gate": "pass"' "$work/report.json" && ok "the extracted binary scans the packaged example" ||
  { fail "scan from the extracted package (exit $code)"; cat "$work/err"; }

echo "$failures failure(s)"
[ "$failures" = 0 ]
