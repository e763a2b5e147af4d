#!/usr/bin/env bash
# CI's hardening half: the whole test suite built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a 60-second libFuzzer smoke run on the same build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-san
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOVAUDIT_FUZZ=ON
cmake --build "$build"
# RSS bounds do not apply under sanitizers: their shadow memory is not sovaudit's.
SOVAUDIT_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$build" --output-on-failure -j2
"$root/scripts/fuzz.sh" smoke 60 "$build"
