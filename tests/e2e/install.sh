#!/usr/bin/env bash
# `cmake --install` into a scratch prefix: every file is there and works from there — the binary,
# the manual page (one section per command, no roff warnings), the schemas, the docs, and the
# completions, driven the way each shell drives them. Usage: install.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
ok() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
expect() {  # expect DESCRIPTION COMMAND...: the command succeeds
  local what=$1
  shift
  if "$@" >"$work/out" 2>"$work/err"; then ok "$what"; else fail "$what"; cat "$work/out" "$work/err"; fi
}

prefix=$work/prefix
expect "cmake --install into a scratch prefix" cmake --install "$build" --prefix "$prefix"
for file in bin/sovaudit share/man/man1/sovaudit.1.gz share/bash-completion/completions/sovaudit \
  share/zsh/vendor-completions/_sovaudit share/fish/vendor_completions.d/sovaudit.fish \
  share/sovaudit/schemas/inventory.schema.json share/sovaudit/schemas/report.schema.json \
  share/sovaudit/examples/eu-health-tech.yaml share/doc/sovaudit/README.md share/doc/sovaudit/inventory.md \
  share/doc/sovaudit/scoring.md share/doc/sovaudit/rules.md share/doc/sovaudit/ci.md share/doc/sovaudit/reports.md \
  share/doc/sovaudit/copyright share/doc/sovaudit/changelog.gz; do
  [ -s "$prefix/$file" ] && ok "installed $file" || fail "missing $file"
done
[ -x "$prefix/bin/sovaudit" ] && ok "the binary is executable" || fail "bin/sovaudit is not executable"
cmp -s "$prefix/share/sovaudit/schemas/inventory.schema.json" "$source/schemas/inventory.schema.json" &&
  ok "the installed schema is the repository's" || fail "the installed schema differs"

sovaudit=$prefix/bin/sovaudit
expect "the installed binary prints its version" "$sovaudit" --version
grep -qx "sovaudit [0-9.]*" "$work/out" || fail "--version printed $(cat "$work/out")"
(cd "$work" && "$sovaudit" scan "$prefix/share/sovaudit/examples/eu-health-tech.yaml" --as-of 2026-11-22 \
  --fail-on none >"$work/scan" 2>&1) && grep -q "GATE" "$work/scan" &&
  ok "the installed binary scans the installed example" || { fail "scan from the prefix"; cat "$work/scan"; }

# The manual page: renders without a warning, one section per command, and each option --help lists.
gzip -dc "$prefix/share/man/man1/sovaudit.1.gz" >"$work/sovaudit.1"
groff -man -Tutf8 -ww -z "$work/sovaudit.1" 2>"$work/groff"
[ ! -s "$work/groff" ] && ok "the manual page renders without warnings" || { fail "groff warns"; cat "$work/groff"; }
cmp -s "$work/sovaudit.1" <("$sovaudit" manual) && ok "the installed page is what 'sovaudit manual' prints" ||
  fail "the installed manual page differs from 'sovaudit manual'"
MANWIDTH=200 man -l "$work/sovaudit.1" 2>/dev/null | col -b >"$work/man.txt"
for command in scan diff init graph validate explain rules completion manual; do
  upper=$(echo "$command" | tr '[:lower:]' '[:upper:]')
  grep -q "^SOVAUDIT $upper\$" "$work/man.txt" || { fail "no section for $command"; continue; }
  # Every long option the command's --help shows is documented in its section.
  section=$(awk -v h="SOVAUDIT $upper" '$0 == h {on = 1; next} /^[A-Z]/ && on {exit} on' "$work/man.txt")
  missing=""
  for option in $("$sovaudit" "$command" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    case $option in --help | --config | --color | --quiet | --version) continue ;; esac  # global: OPTIONS
    grep -q -- "$option" <<<"$section" || missing="$missing $option"
  done
  [ -z "$missing" ] && ok "manual section for $command documents its options" || fail "$command lacks$missing"
done
grep -q "SOVAUDIT_FAIL_ON" "$work/man.txt" && ok "the manual names the environment variables" ||
  fail "no SOVAUDIT_FAIL_ON in the manual"

# bash: the function the installed script defines, driven as readline drives it.
complete_bash() {  # complete_bash WORD...: the last word is the one being completed
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _sovaudit
           printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/sovaudit" "$@" 2>&1
}
check_bash() {  # check_bash DESCRIPTION EXPECTED... -- WORD...
  local what=$1 expected=() got
  shift
  while [ "$1" != -- ]; do expected+=("$1"); shift; done
  shift
  got=$(complete_bash "$@" | sort | tr '\n' ' ')
  local want
  want=$(printf '%s\n' "${expected[@]}" | sort | tr '\n' ' ')
  [ "$got" = "$want" ] && ok "bash: $what" || fail "bash: $what: got '$got', want '$want'"
}
check_bash "subcommands" scan -- sovaudit s
check_bash "every subcommand" catalogue completion diff drift explain graph import init manual plan rules scan validate what-if -- sovaudit ""
check_bash "--fail-on values" advisory existential material none -- sovaudit scan inv.yaml --fail-on ""
check_bash "--format values of scan" markdown markdown-summary -- sovaudit scan inv.yaml --format mark
check_bash "--format values of graph" dot mermaid -- sovaudit graph inv.yaml --format ""
check_bash "--color before the command" always -- sovaudit --color al
check_bash "--color after the command" never -- sovaudit validate --color n
check_bash "scan's options" --sarif-base --sarif-category -- sovaudit scan inv.yaml --sarif
check_bash "diff's flag" --fail-on-regression -- sovaudit diff a.yaml b.yaml --fail-on-r
check_bash "global options after a command" --quiet -- sovaudit scan --qu
check_bash "completion's shells" bash -- sovaudit completion b
check_bash "rule ids for explain" SOV-DEPARTURE -- sovaudit explain SOV-DEP
touch "$work/inventory-one.yaml" "$work/inventory-two.yaml"
check_bash "files for the inventory" "$work/inventory-one.yaml" "$work/inventory-two.yaml" -- sovaudit scan "$work/inventory-"
check_bash "files for --baseline" "$work/inventory-one.yaml" -- sovaudit scan x --baseline "$work/inventory-o"
check_bash "no values invented for --as-of" -- sovaudit scan x --as-of ""

# fish completes non-interactively with `complete -C`, from the installed script.
if command -v fish >/dev/null; then
  fish_complete() { fish --no-config -c "source '$prefix/share/fish/vendor_completions.d/sovaudit.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' '; }
  got=$(fish_complete "sovaudit scan inv.yaml --fail-on ")
  [ "$got" = "advisory existential material none " ] && ok "fish: --fail-on values" || fail "fish: --fail-on: '$got'"
  got=$(fish_complete "sovaudit va")
  [ "$got" = "validate " ] && ok "fish: subcommands" || fail "fish: subcommands: '$got'"
  got=$(fish_complete "sovaudit graph x --min-class ex")
  [ "$got" = "existential " ] && ok "fish: --min-class values" || fail "fish: --min-class: '$got'"
else
  fail "fish is not installed (scripts/install-deps.sh --test installs it)"
fi

# zsh: the script parses, and compinit loads it as the completion for sovaudit.
if command -v zsh >/dev/null; then
  zsh -n "$prefix/share/zsh/vendor-completions/_sovaudit" && ok "zsh: the script parses" || fail "zsh: syntax"
  got=$(zsh -f -c "fpath=('$prefix/share/zsh/vendor-completions' \$fpath); autoload -Uz compinit; compinit -u -d '$work/zcd'; print -r -- \${_comps[sovaudit]}" 2>&1)
  [ "$got" = "_sovaudit" ] && ok "zsh: compinit registers _sovaudit for sovaudit" || fail "zsh: _comps[sovaudit] is '$got'"
  grep -q "(existential material advisory none)" "$prefix/share/zsh/vendor-completions/_sovaudit" &&
    ok "zsh: --fail-on offers its values" || fail "zsh: no --fail-on values"
else
  fail "zsh is not installed (scripts/install-deps.sh --test installs it)"
fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
