#!/usr/bin/env bash
# CI's hardening half: the whole test suite built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a 60-second libFuzzer smoke run on the same build, then the
# binary under ThreadSanitizer on the work that runs side by side.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-san
# -O1 with line tables: what ASan recommends, file:line in every report, and a faster build than
# -O2 -g. The benchmarks are built and run by the other half of CI.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" -DSOVAUDIT_FUZZ=ON -DSOVAUDIT_BUILD_BENCH=OFF
cmake --build "$build"
# RSS bounds do not apply under sanitizers: their shadow memory is not sovaudit's. Left out here, as
# they check formats and packaging rather than memory, and run in the other half on the same code:
# the independent validators (the goldens they read are compared byte for byte here too), the
# install and .deb tests, and the 50 MB inventory (100 s under ASan; its over-limit twin stays).
SOVAUDIT_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$build" --output-on-failure -j2 \
  -E '^validators: |^install: |^adversarial: fifty-megabytes$'

"$root/scripts/fuzz.sh" smoke 60 "$build"

# ThreadSanitizer, on the binary alone (a second instrumented test suite would double the build):
# a generated 1 MB inventory is parsed in pieces, checked in two halves, analysed in two lanes,
# judged by passes on two threads and written in every format side by side; an invalid inventory
# is validated; the planner analyses its candidates on every core. Any report fails the run.
tsan=$root/build-tsan
cmake -S "$root" -B "$tsan" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS=-fsanitize=thread" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" \
  -DSOVAUDIT_BUILD_TESTS=OFF -DSOVAUDIT_BUILD_BENCH=OFF
cmake --build "$tsan" --target sovaudit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/tools/generate_inventory.py" --size 1M --seed 1 --output "$work/inventory.yaml"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
"$tsan/sovaudit" scan "$work/inventory.yaml" --as-of 2026-11-22 --fail-on none \
  --output table:"$work/t.txt" --output markdown:"$work/r.md" --output markdown-summary:"$work/s.md" \
  --output json:"$work/r.json" --output sarif:"$work/r.sarif" --output github:"$work/g.txt" \
  --output gitlab-codequality:"$work/gl.json" --output junit:"$work/j.xml" --output cyclonedx:"$work/c.cdx.json" \
  --output mermaid:"$work/m.mmd" --output dot:"$work/d.dot" --sarif-base "$work" >/dev/null
"$tsan/sovaudit" plan "$root/examples/eu-health-tech.yaml" --as-of 2026-11-22 >/dev/null
status=0
"$tsan/sovaudit" validate "$root/tests/e2e/invalid/eight_mistakes.yaml" >/dev/null 2>&1 || status=$?
if [ "$status" -ne 2 ]; then
  echo "ci-hardening: validate of an invalid inventory under ThreadSanitizer exited $status, not 2" >&2
  exit 1
fi
echo "ci-hardening: no ThreadSanitizer report"
